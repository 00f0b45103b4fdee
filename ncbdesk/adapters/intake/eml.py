"""E-mail files (.eml) as incoming requests: subject, body, attachments.

A mailbox is hostile ground, so the reader is defensive: the file size is
checked before parsing, headers and parts are counted and bounded, nesting is
limited, undeclared or wrong charsets fall back to a lossy decode, and an
attachment's file name is kept for display only (never a path).
"""

from __future__ import annotations

from datetime import UTC, datetime
from email import policy
from email.header import Header, decode_header, make_header
from email.message import Message
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

from ncbdesk.adapters.intake.records import IncomingFile, Parsed, ParseResult
from ncbdesk.domain.errors import FieldError
from ncbdesk.domain.requests import (
    MAX_BODY_LENGTH,
    MAX_SUBJECT_LENGTH,
    Channel,
    Direction,
    Request,
    RequestType,
)
from ncbdesk.domain.requests import (
    Message as ThreadMessage,
)
from ncbdesk.domain.requests_files import safe_file_name

MAX_HEADER_BYTES = 256 * 1024  # all headers together; real mail has a few KB
MAX_PARTS = 100
MAX_DEPTH = 8


def _charset_safe_text(part: Message) -> str:
    """The text of a part; an unknown or wrong charset is decoded lossily, not refused."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return payload.decode("utf-8", errors="replace")


def _walk(msg: Message, depth: int, out: list[tuple[Message, int]]) -> None:
    out.append((msg, depth))
    if len(out) > MAX_PARTS:
        raise ValueError(f"more than {MAX_PARTS} MIME parts")
    if msg.is_multipart():
        if depth >= MAX_DEPTH:
            raise ValueError(f"MIME parts nested deeper than {MAX_DEPTH} levels")
        payload = msg.get_payload()
        if isinstance(payload, list):
            for sub in payload:
                if isinstance(sub, Message):
                    _walk(sub, depth + 1, out)


def parse_eml(
    data: bytes, source: str = "", max_bytes: int = 25 * 1024 * 1024, max_file: int = 10 << 20
) -> ParseResult:
    """One incoming e-mail request, or errors (line 1: the file as a whole)."""
    result = ParseResult()

    def fail(field: str, message: str) -> ParseResult:
        result.errors.append(FieldError(field, message, 1))
        return result

    if len(data) > max_bytes:
        return fail("file", f"{len(data)} bytes; an e-mail file may be at most {max_bytes} bytes")
    head_end = data.find(b"\r\n\r\n")
    head_end = data.find(b"\n\n") if head_end < 0 else head_end
    if (head_end < 0 and len(data) > MAX_HEADER_BYTES) or head_end > MAX_HEADER_BYTES:
        return fail("headers", f"headers larger than {MAX_HEADER_BYTES} bytes")
    try:
        msg = BytesParser(policy=policy.compat32).parsebytes(data)
    except Exception as exc:  # the parser is lenient; anything left is a broken file
        return fail("file", f"not an e-mail message: {exc}")
    parts: list[tuple[Message, int]] = []
    try:
        _walk(msg, 0, parts)
    except ValueError as exc:
        return fail("parts", str(exc))

    subject = _header(msg, "Subject")[:MAX_SUBJECT_LENGTH] or "(no subject)"
    sender_name, sender_addr = parseaddr(_header(msg, "From"))
    author = (sender_name or sender_addr or "unknown sender")[:200]
    received = _date(msg)
    body = ""
    files: list[IncomingFile] = []
    for part, _depth in parts:
        if part.is_multipart():
            continue
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        name = part.get_filename()
        if disposition == "attachment" or name:
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            shown = safe_file_name(_decode_words(name or ""))
            if len(payload) > max_file:
                return fail(
                    f"attachments.{shown}",
                    f"{len(payload)} bytes; attachments may be at most {max_file} bytes",
                )
            files.append(IncomingFile(shown, payload))
        elif part.get_content_type() == "text/plain" and not body:
            body = _charset_safe_text(part)
    if not body:
        for part, _depth in parts:
            if part.get_content_type() == "text/html":
                body = _strip_html(_charset_safe_text(part))
                break
    body = body[:MAX_BODY_LENGTH] or "(empty message)"
    domain = sender_addr.rpartition("@")[2][:200]
    request = Request(
        direction=Direction.INCOMING,
        channel=Channel.EMAIL,
        type=RequestType.OTHER,
        subject=subject,
        body=body,
        counterpart_agency=author if not domain else f"{author} ({domain})",
        reference=_header(msg, "Message-ID")[:200],
        received_at=received,
        messages=[ThreadMessage(Direction.INCOMING, author, body, subject, received)],
    )
    request.counterpart_agency = request.counterpart_agency[:200]
    problems = request.problems()
    if problems:
        result.errors.extend(FieldError(e.field, e.message, 1) for e in problems.items)
        return result
    result.items.append(Parsed(request, 1, source, files))
    return result


def _unescape(value: str) -> str:
    """Raw 8-bit header bytes arrive as surrogate escapes: decode them as UTF-8, lossily."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _decode_words(value: str) -> str:
    """RFC 2047 encoded words ("=?utf-8?b?...?=") to text, lossily when broken."""
    value = _unescape(value)
    try:
        return _unescape(str(make_header(decode_header(value))))
    except (LookupError, UnicodeDecodeError, ValueError):
        return value


def _header(msg: Message, name: str) -> str:
    raw = msg.get(name)
    if raw is None:
        return ""
    if isinstance(raw, Header):
        # Raw 8-bit bytes in a header (no RFC 2047): most often UTF-8; lossy otherwise.
        text = "".join(_decode_part(b, cs) for b, cs in decode_header(raw))
    else:
        text = _decode_words(str(raw))
    return " ".join(text.split())


def _decode_part(chunk: bytes | str, charset: str | None) -> str:
    if isinstance(chunk, str):
        return _unescape(chunk)
    if not charset or charset == "unknown-8bit":
        charset = "utf-8"
    try:
        return chunk.decode(charset, errors="replace")
    except LookupError:
        return chunk.decode("utf-8", errors="replace")


def _date(msg: Message) -> datetime:
    raw = msg.get("Date")
    if raw:
        try:
            moment = parsedate_to_datetime(str(raw))
            if moment.tzinfo is not None:
                return moment.astimezone(UTC)
        except (TypeError, ValueError, IndexError):
            pass
    return datetime.now(UTC)


def _strip_html(html: str) -> str:
    from html.parser import HTMLParser

    chunks: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            chunks.append(data)

    Text().feed(html)
    return " ".join(" ".join(chunks).split())
