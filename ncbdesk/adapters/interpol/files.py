"""A file of INTERPOL public notices: which shape it is, and every record in it.

Three shapes come out of ws-public.interpol.int/notices/v1/{red,yellow,un}:
a list page (`{"total", "query", "_embedded": {"notices": [...]}, "_links"}`),
one detail record (`{"entity_id", "forename", "name", ...}`), and what people
make of them: JSON lines of detail records (or of pages), or a JSON array.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ncbdesk.adapters.interpol import codes
from ncbdesk.adapters.interpol.record import InterpolRecord, record_from_json
from ncbdesk.domain.errors import FieldError, ValidationFailed
from ncbdesk.domain.notices import NoticeType

MAX_LINE_CHARS = 1_000_000  # a detail record is a few KB; a page of 160 notices ~100 KB


@dataclass
class InterpolParse:
    """What a file held: the good records, and every problem with where it is."""

    shape: str  # "list", "detail", "jsonl" or "array"
    records: list[InterpolRecord] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    total: int | None = None  # a list page's "total": notices on all pages, not this one

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ValidationFailed(
                f"{len(self.errors)} problem(s) in the INTERPOL notice file; nothing was read.",
                self.errors,
            )


class _Reader:
    def __init__(
        self, hint: NoticeType | None, owner: str | None, today: date | None, shape: str
    ) -> None:
        self.hint = hint
        self.owner = owner
        self.today = today
        self.out = InterpolParse(shape)
        self.seen: dict[str, str] = {}  # entity_id → where it was first seen

    def error(self, where: str, message: str, line: int | None = None) -> None:
        self.out.errors.append(FieldError(where, message, line))

    def record(
        self,
        obj: Any,
        path: str,
        line: int | None,
        page: NoticeType | None = None,
        partial: bool = False,
    ) -> None:
        got = record_from_json(obj, path, line, self.hint, page, self.owner, self.today, partial)
        if isinstance(got, list):
            self.out.errors.extend(got)
            return
        here = f"line {line}" if line is not None else (path or "the record")
        first = self.seen.get(got.notice.reference)
        if first is not None:
            where = f"{path}.entity_id" if path else "entity_id"
            self.error(where, f"the same notice as {first}", line)
            return
        self.seen[got.notice.reference] = here
        self.out.records.append(got)

    def document(self, obj: Any, prefix: str, line: int | None) -> None:
        """A list page or a detail record, wherever it sits in the file."""
        if isinstance(obj, dict) and _is_page(obj):
            self.page(obj, prefix, line)
        else:
            self.record(obj, prefix, line)

    def page(self, obj: dict[str, Any], prefix: str, line: int | None) -> None:
        dot = f"{prefix}." if prefix else ""
        total = obj.get("total")
        if isinstance(total, int) and not isinstance(total, bool):
            self.out.total = total if self.out.total is None else self.out.total + total
        page_type = self._page_type(obj, dot, line)
        embedded = obj.get("_embedded")
        if embedded is None:
            return  # an empty page may leave out _embedded
        notices = embedded.get("notices") if isinstance(embedded, dict) else None
        if not isinstance(notices, list):
            self.error(f"{dot}_embedded.notices", "expected a list of notices", line)
            return
        for i, item in enumerate(notices):
            self.record(item, f"{dot}_embedded.notices[{i}]", line, page_type, partial=True)

    def _page_type(self, obj: dict[str, Any], dot: str, line: int | None) -> NoticeType | None:
        links = obj.get("_links")
        own = links.get("self") if isinstance(links, dict) else None
        href = own.get("href") if isinstance(own, dict) else None
        word = codes.link_type(href) if isinstance(href, str) else None
        if word is None:
            return None
        found = codes.notice_type_of(word)
        if found is None:
            self.error(f"{dot}_links.self.href", f"a page of '{word}' notices: not read", line)
        elif self.hint is not None and found != self.hint:
            self.error(
                f"{dot}_links.self.href",
                f"a page of {found.value} notices, read as {self.hint.value}",
                line,
            )
        return found


def _is_page(obj: dict[str, Any]) -> bool:
    """A list page; a detail record has `_embedded` too, but with `links` in it."""
    embedded = obj.get("_embedded")
    if isinstance(embedded, dict) and "notices" in embedded:
        return True
    return "total" in obj and not any(k in obj for k in ("entity_id", "name", "forename"))


def parse_interpol_file(
    text: str,
    kind_hint: str | None = None,
    *,
    owner: str | None = None,
    today: date | None = None,
) -> InterpolParse:
    """Read a file of INTERPOL public notices, whatever its shape.

    `kind_hint` ("red", "yellow", "un") says what the file holds when its links
    do not; a record that says otherwise is an error. `owner` is the bureau
    named as data owner when a record has no issuing country or nationality.
    `today` rejects birth dates in the future. Never raises on bad data:
    every problem is in `errors`, with its line (JSON lines) and field path.
    """
    hint: NoticeType | None = None
    if kind_hint is not None and kind_hint.strip():
        hint = codes.notice_type_of(kind_hint)
        if hint is None:
            raise ValidationFailed(
                "Unknown kind of notice.",
                [FieldError("kind_hint", f"'{kind_hint[:20]}' is not red, yellow or un")],
            )
    text = text.removeprefix("\ufeff")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        reader = _Reader(hint, owner, today, "empty")
        reader.error("", "the file is empty")
        return reader.out
    try:
        whole: Any = _loads(text)
    except ValueError as exc:
        if len(lines) > 1 and _is_json(lines[0][1]):
            return _json_lines(lines, hint, owner, today)
        reader = _Reader(hint, owner, today, "invalid")
        reader.error("", _json_problem(exc), getattr(exc, "lineno", None))
        return reader.out
    if isinstance(whole, list):
        reader = _Reader(hint, owner, today, "array")
        for i, item in enumerate(whole):
            reader.document(item, f"[{i}]", None)
        return reader.out
    shape = "list" if isinstance(whole, dict) and _is_page(whole) else "detail"
    reader = _Reader(hint, owner, today, shape)
    reader.document(whole, "", None)
    return reader.out


def _json_lines(
    lines: list[tuple[int, str]], hint: NoticeType | None, owner: str | None, today: date | None
) -> InterpolParse:
    reader = _Reader(hint, owner, today, "jsonl")
    for number, line in lines:
        if len(line) > MAX_LINE_CHARS:
            reader.error("", f"line longer than {MAX_LINE_CHARS} characters", number)
            continue
        try:
            obj = _loads(line)
        except ValueError as exc:
            reader.error("", _json_problem(exc), number)
            continue
        reader.document(obj, "", number)
    return reader.out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _loads(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _is_json(line: str) -> bool:
    try:
        _loads(line)
    except ValueError:
        return False
    return True


def _json_problem(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    return f"malformed JSON: {exc}"
