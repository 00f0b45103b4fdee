"""Attachment rules: types by content sniffing, safe display names, limits.

The type a client declares is not trusted: the first bytes decide. A file name
is kept only to show people and to offer on download; it never reaches the
file system (the storage port files data under a random key).
"""

from __future__ import annotations

import unicodedata

from ncbdesk.domain.errors import FieldError, PayloadTooLarge, ValidationFailed

MAX_FILE_NAME = 200

# Magic numbers of the types a bureau exchanges: scanned letters and
# documents, photographs, office files, plain text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"PK\x03\x04", "application/zip"),  # also .docx, .xlsx, .odt
)
ALLOWED_TYPES = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/tiff",
        "application/zip",
        "text/plain",
    }
)


def sniff(data: bytes) -> str | None:
    """The content type the bytes show, or None when they are none we know."""
    for magic, content_type in _MAGIC:
        if data.startswith(magic):
            return content_type
    if b"\x00" in data[:8192]:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def safe_file_name(name: str) -> str:
    """A name fit to show and to offer on download: no folders, no controls.

    "../../etc/passwd" becomes "passwd"; an empty result becomes "attachment".
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = name.strip().strip(".").strip()
    if len(name) > MAX_FILE_NAME:
        stem, dot, ext = name.rpartition(".")
        if dot and len(ext) < 10:
            name = stem[: MAX_FILE_NAME - len(ext) - 1] + dot + ext
        else:
            name = name[:MAX_FILE_NAME]
    return name or "attachment"


def check_file(data: bytes, file_name: str, max_bytes: int, field: str = "file") -> str:
    """The sniffed type of an acceptable file; refuses a too large or unknown one."""
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"{safe_file_name(file_name)} is {len(data)} bytes; attachments may be at most "
            f"{max_bytes} bytes.",
            [FieldError(field, f"at most {max_bytes} bytes")],
        )
    if not data:
        raise ValidationFailed("The file is empty.", [FieldError(field, "empty")])
    found = sniff(data)
    if found is None or found not in ALLOWED_TYPES:
        allowed = ", ".join(sorted(ALLOWED_TYPES))
        raise ValidationFailed(
            f"{safe_file_name(file_name)} is not of an allowed type.",
            [FieldError(field, f"content is none of: {allowed}")],
        )
    return found
