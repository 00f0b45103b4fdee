"""One request record (a CSV row or a JSON object) to a domain Request, errors by field."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from ncbdesk.domain.errors import FieldError
from ncbdesk.domain.requests import Channel, Direction, Priority, Request, RequestType
from ncbdesk.domain.security import Handling, HandlingCode

E = TypeVar("E", bound=StrEnum)

# The columns a CSV file may have (JSON lines use the same keys).
FIELDS = (
    "direction",
    "channel",
    "type",
    "priority",
    "subject",
    "body",
    "counterpart_country",
    "counterpart_agency",
    "reference",
    "received_at",
    "due_at",
    "person_ids",
    "notice_ids",
    "handling_codes",
    "restrictions",
    "assignee",
    "queue",
)
REQUIRED = ("direction", "channel", "type", "subject", "received_at")


@dataclass
class IncomingFile:
    """An attachment as it arrived: the name is for people, never a path."""

    file_name: str
    data: bytes


@dataclass
class Parsed:
    """A request read from a file, with the files that came with it."""

    request: Request
    line: int  # line (CSV, JSON lines) or 1 (an e-mail)
    source: str
    files: list[IncomingFile] = field(default_factory=list)


@dataclass
class ParseResult:
    items: list[Parsed] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)  # each with its line


def _enum(kind: type[E], value: Any, name: str, errors: list[FieldError], line: int) -> E | None:
    text = str(value or "").strip()
    try:
        return kind(text.upper() if kind is HandlingCode else text.lower())
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        errors.append(FieldError(name, f"'{value}' is not one of: {allowed}", line))
        return None


def _moment(value: Any, name: str, errors: list[FieldError], line: int) -> datetime | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        errors.append(FieldError(name, f"'{text[:40]}' is not an ISO 8601 date and time", line))
        return None
    if moment.tzinfo is None:
        errors.append(FieldError(name, "must carry a time zone, e.g. 2026-03-01T09:00Z", line))
        return None
    return moment


def _list(value: Any, name: str, errors: list[FieldError], line: int) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    errors.append(FieldError(name, "must be a list of strings (in CSV: separated by ;)", line))
    return []


def _text(value: Any, name: str, errors: list[FieldError], line: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.append(FieldError(name, "must be text", line))
        return ""
    return value


def request_from_record(record: dict[str, Any], line: int) -> Request | list[FieldError]:
    """The request a record describes, or every error in it (field and line)."""
    errors: list[FieldError] = []
    unknown = sorted(set(record) - set(FIELDS))
    for key in unknown:
        errors.append(FieldError(str(key)[:60], "unknown field", line))
    missing = {key for key in REQUIRED if record.get(key) in (None, "")}
    for key in REQUIRED:
        if key in missing:
            errors.append(FieldError(key, "required", line))

    def pick(kind: type[E], key: str, default: str = "") -> E | None:
        if key in missing:
            return None
        return _enum(kind, record.get(key) or default, key, errors, line)

    direction = pick(Direction, "direction")
    channel = pick(Channel, "channel")
    type_ = pick(RequestType, "type")
    priority = pick(Priority, "priority", "normal")
    received = _moment(record.get("received_at"), "received_at", errors, line)
    due = _moment(record.get("due_at"), "due_at", errors, line)
    codes: list[HandlingCode] = []
    for code in _list(record.get("handling_codes"), "handling_codes", errors, line):
        found = _enum(HandlingCode, code, "handling_codes", errors, line)
        if found is not None:
            codes.append(found)
    texts = {
        k: _text(record.get(k), k, errors, line)
        for k in ("subject", "body", "counterpart_country", "counterpart_agency", "reference")
    }
    texts |= {k: _text(record.get(k), k, errors, line) for k in ("restrictions", "queue")}
    assignee = _text(record.get("assignee"), "assignee", errors, line).strip() or None
    person_ids = _list(record.get("person_ids"), "person_ids", errors, line)
    notice_ids = _list(record.get("notice_ids"), "notice_ids", errors, line)
    if errors or direction is None or channel is None or type_ is None or priority is None:
        return errors
    if received is None:
        return [FieldError("received_at", "required", line)]
    request = Request(
        direction=direction,
        channel=channel,
        type=type_,
        priority=priority,
        subject=texts["subject"],
        body=texts["body"],
        counterpart_country=texts["counterpart_country"] or None,
        counterpart_agency=texts["counterpart_agency"],
        reference=texts["reference"],
        received_at=received,
        due_at=due,
        person_ids=person_ids,
        notice_ids=notice_ids,
        handling=Handling(codes, texts["restrictions"]),
        assignee=assignee,
        queue=texts["queue"],
    )
    problems = request.problems()
    if problems:
        return [FieldError(e.field, e.message, line) for e in problems.items]
    return request
