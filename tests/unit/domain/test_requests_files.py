"""Attachment rules: the content decides the type, names never carry a path."""

from __future__ import annotations

import pytest

from ncbdesk.domain.errors import PayloadTooLarge, ValidationFailed
from ncbdesk.domain.requests_files import check_file, safe_file_name, sniff


def test_sniffing_ignores_what_the_name_says() -> None:
    assert sniff(b"%PDF-1.7 ...") == "application/pdf"
    assert sniff(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert sniff("Привет, коллеги".encode()) == "text/plain"
    assert sniff(b"MZ\x90\x00\x03\x00") is None  # a Windows executable
    assert sniff(b"\xff\xfe\x00\x00bad") is None


def test_check_file_limits_size_and_type() -> None:
    assert check_file(b"%PDF-1.4", "scan.pdf", 100) == "application/pdf"
    with pytest.raises(PayloadTooLarge):
        check_file(b"x" * 101, "big.txt", 100)
    with pytest.raises(ValidationFailed):
        check_file(b"MZ\x90\x00", "letter.pdf", 100)
    with pytest.raises(ValidationFailed):
        check_file(b"", "empty.txt", 100)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
        ("/abs/path/ok.pdf", "ok.pdf"),
        ("..", "attachment"),
        ("", "attachment"),
        ("evil\x00name\r\n.pdf", "evilname.pdf"),
        ("Протокол допроса.pdf", "Протокол допроса.pdf"),
    ],
)
def test_safe_file_name(given: str, kept: str) -> None:
    assert safe_file_name(given) == kept


def test_long_names_keep_their_extension() -> None:
    name = safe_file_name("a" * 500 + ".pdf")
    assert len(name) == 200 and name.endswith(".pdf")
