"""`ncbdesk requests import`: CSV, JSON lines and .eml; all or nothing; hostile mail."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
from ncbdesk.adapters.intake import parse_eml, parse_file
from ncbdesk.domain.requests import Channel, Direction, Priority
from ncbdesk.entrypoints.cli import app
from ncbdesk.services.requests_ports import RequestFilter

FIXTURES = Path(__file__).parent.parent / "fixtures" / "requests"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("NCBDESK_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    return runner


def flat(output: str) -> str:
    """The CLI's messages with Rich's line wrapping undone."""
    return " ".join(output.split())


def stored(tmp_path: Path) -> list[str]:
    engine = make_engine(f"sqlite:///{tmp_path / 'ncbdesk.db'}")
    with SqlUnitOfWork(engine) as uow:
        page = uow.requests.list(RequestFilter(), 0, 1000)
        subjects = sorted(r.subject for r in page.items)
    engine.dispose()
    return subjects


def test_csv_jsonl_and_eml_in_one_go(cli: CliRunner, tmp_path: Path) -> None:
    files = [str(FIXTURES / n) for n in ("requests.csv", "requests.jsonl", "request.eml")]
    result = cli.invoke(app, ["requests", "import", *files])
    assert result.exit_code == 0, result.output
    assert "imported 6 request(s)" in result.output
    subjects = stored(tmp_path)
    assert "Запрос: Нурбагандов" in subjects and "Information request on a company" in subjects
    saved = [p for p in (tmp_path / "attachments").rglob("*") if p.is_file()]
    assert len(saved) == 1 and saved[0].read_bytes() == b"%PDF-1.4 scan"
    assert not (tmp_path / "etc").exists()


def test_malformed_csv_reports_lines_and_fields_and_writes_nothing(
    cli: CliRunner, tmp_path: Path
) -> None:
    good = str(FIXTURES / "requests.csv")
    result = cli.invoke(app, ["requests", "import", good, str(FIXTURES / "requests-bad.csv")])
    assert result.exit_code == 1
    out = flat(result.output)
    assert "requests-bad.csv: line 3: direction: 'sideways' is not one of" in out
    assert "requests-bad.csv: line 4: received_at: must carry a time zone" in out
    assert "requests-bad.csv: line 5: channel: 'fax' is not one of" in out
    assert "line 5: subject: required" in out
    assert "nothing imported" in out
    assert stored(tmp_path) == []


def test_malformed_jsonl_reports_lines(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["requests", "import", str(FIXTURES / "requests-bad.jsonl")])
    assert result.exit_code == 1
    out = flat(result.output)
    assert "line 2: json: not JSON" in out
    assert "line 3: json: expected a JSON object" in out
    assert "line 4: colour: unknown field" in out
    assert stored(tmp_path) == []


def test_links_to_unknown_persons_are_named_by_file_and_line(
    cli: CliRunner, tmp_path: Path
) -> None:
    f = tmp_path / "linked.jsonl"
    f.write_text(
        '{"direction": "incoming", "channel": "i247", "type": "identity_check", '
        '"subject": "s", "counterpart_country": "KZ", "received_at": "2026-01-01T00:00:00Z", '
        '"person_ids": ["' + "a" * 32 + '"]}\n',
        encoding="utf-8",
    )
    result = cli.invoke(app, ["requests", "import", str(f)])
    assert result.exit_code == 1
    assert "linked.jsonl: line 1: person_ids[0]: no person with id" in flat(result.output)
    assert stored(tmp_path) == []


def test_csv_values_are_read_as_written() -> None:
    result = parse_file(FIXTURES / "requests.csv")
    assert result.errors == []
    first, second, _ = (p.request for p in result.items)
    assert first.priority == Priority.URGENT and first.handling.codes[0].value == "H1"
    assert first.received_at.utcoffset() is not None and first.received_at.hour == 9
    assert second.counterpart_agency == "МВД России, ГУУР" and second.body == "Line one\nline two"
    assert [p.line for p in result.items] == [2, 3, 5]  # the quoted body spans two lines


def test_eml_fields() -> None:
    result = parse_file(FIXTURES / "request.eml")
    assert result.errors == []
    (item,) = result.items
    r = item.request
    assert (r.direction, r.channel) == (Direction.INCOMING, Channel.EMAIL)
    assert r.subject == "Запрос: Нурбагандов"
    assert r.body == "Просим проверить паспорт N 1234567."
    assert r.counterpart_agency == "NCB Astana (astana.example)"
    assert r.received_at.isoformat() == "2026-03-01T09:00:00+00:00"
    assert [(f.file_name, f.data) for f in item.files] == [("passwd", b"%PDF-1.4 scan")]
    assert r.messages[0].author == "NCB Astana"


# -- hostile mail ------------------------------------------------------------


def mail(headers: str, body: str) -> bytes:
    return (headers.replace("\n", "\r\n") + "\r\n" + body.replace("\n", "\r\n")).encode()


def test_wrong_and_unknown_charsets_decode_lossily() -> None:
    result = parse_file(FIXTURES / "wrong-charset.eml")
    assert result.errors == []
    body = result.items[0].request.body
    assert body.startswith("Привет") and "\ufffd" in body and "broken" in body


def test_raw_8bit_headers_do_not_break_storage() -> None:
    data = b"From: x@y.example\r\nSubject: \xd0\x9f\xd1\x80\xff\r\n\r\nbody\r\n"
    (item,) = parse_eml(data).items
    assert item.request.subject.startswith("Пр")
    item.request.subject.encode("utf-8")  # no lone surrogates left


def test_huge_headers_are_refused() -> None:
    data = mail("From: a@b.example\nX-Junk: " + "A" * 300_000 + "\nSubject: s\n", "hi\n")
    result = parse_eml(data)
    assert result.items == [] and result.errors[0].field == "headers"


def test_deeply_nested_multiparts_are_refused() -> None:
    depth = 50
    head = "From: a@b.example\nSubject: nest\nMIME-Version: 1.0\n"
    head += 'Content-Type: multipart/mixed; boundary="b0"\n'
    body = ""
    for i in range(1, depth):
        body += f'--b{i - 1}\nContent-Type: multipart/mixed; boundary="b{i}"\n\n'
    body += f"--b{depth - 1}\nContent-Type: text/plain\n\ndeep\n"
    for i in reversed(range(depth)):
        body += f"--b{i}--\n"
    result = parse_eml(mail(head, body))
    assert result.items == [] and result.errors[0].field == "parts"
    assert "nested deeper" in result.errors[0].message


def test_too_many_parts_are_refused() -> None:
    head = 'From: a@b.example\nSubject: many\nContent-Type: multipart/mixed; boundary="b"\n'
    body = "".join("--b\nContent-Type: text/plain\n\nx\n" for _ in range(500)) + "--b--\n"
    result = parse_eml(mail(head, body))
    assert result.errors and "more than" in result.errors[0].message


def test_traversal_names_are_display_only(tmp_path: Path) -> None:
    head = 'From: a@b.example\nSubject: files\nContent-Type: multipart/mixed; boundary="b"\n'
    body = "--b\nContent-Type: text/plain\n\nsee files\n"
    for name in ("../../etc/passwd", "..\\..\\boot.ini", "/etc/shadow", "=?utf-8?q?..=2F..=2Fx?="):
        body += (
            f'--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename="{name}"'
            "\n\nsecret\n"
        )
    body += "--b--\n"
    (item,) = parse_eml(mail(head, body)).items
    assert [f.file_name for f in item.files] == ["passwd", "boot.ini", "shadow", "x"]


def test_a_50_mb_attachment_gets_a_clear_error(cli: CliRunner, tmp_path: Path) -> None:
    payload = base64.encodebytes(b"%PDF-1.4 " + b"\0" * (50 * 1024 * 1024)).decode()
    head = 'From: a@b.example\nSubject: big\nContent-Type: multipart/mixed; boundary="b"\n'
    body = (
        "--b\nContent-Type: text/plain\n\nsee file\n--b\nContent-Type: application/pdf\n"
        'Content-Disposition: attachment; filename="big.pdf"\n'
        "Content-Transfer-Encoding: base64\n\n" + payload + "--b--\n"
    )
    f = tmp_path / "big.eml"
    f.write_bytes(mail(head, body))
    # Over the e-mail size limit: refused before parsing.
    result = cli.invoke(app, ["requests", "import", str(f)])
    assert result.exit_code == 1
    out = flat(result.output)
    assert "big.eml: line 1: file:" in out and "at most 26214400 bytes" in out
    # Within a raised file limit, the attachment limit still holds.
    parsed = parse_file(f, max_eml_bytes=100 * 1024 * 1024, max_file=10 * 1024 * 1024)
    assert parsed.items == []
    assert parsed.errors[0].field == "attachments.big.pdf"
    assert "at most 10485760 bytes" in parsed.errors[0].message
    assert stored(tmp_path) == []


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.exe"
    f.write_bytes(b"MZ")
    assert parse_file(f).errors[0].field == "file"


def test_escalate_command(cli: CliRunner, tmp_path: Path) -> None:
    cli.invoke(app, ["requests", "import", str(FIXTURES / "requests.jsonl")])
    result = cli.invoke(app, ["requests", "escalate"])
    assert result.exit_code == 0, result.output
    assert "2 request(s) escalated" in result.output  # both from May 2026 are long overdue
    again = cli.invoke(app, ["requests", "escalate"])
    assert "0 request(s) escalated" in again.output
