"""HTML forms: field ids, reading typed values, and errors placed beside their inputs.

Input names are the domain's own field paths (`names[0].full`,
`judicial.max_penalty_months`), so a `FieldError` from the domain or a service
finds its input without a lookup table. Blank repeated rows are skipped when
parsing, so row numbers on the form and list indexes in the domain can differ;
`IndexMap` turns the domain's indexes back into the form's. The record forms
are in `person_form.py` and `notice_form.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypeVar

from ncbdesk.domain.countries import country_name
from ncbdesk.domain.errors import FieldError, Problems, ValidationFailed

MAX_ROWS = 50  # more rows than any real record has; stops a crafted form looping
FormValues = dict[str, str]
E = TypeVar("E", bound=StrEnum)

_INDEXED = re.compile(r"^(?P<list>[a-z_.]+)\[(?P<i>\d+)\](?P<rest>.*)$")
_LIST_SEP = re.compile(r"[\s,;]+")


def field_id(name: str) -> str:
    """A safe HTML id for an input name: `names[0].full` → `f-names-0-full`."""
    return "f-" + re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")


def error_id(name: str) -> str:
    return field_id(name) + "-error"


def values_from_pairs(pairs: Iterable[tuple[str, object]]) -> FormValues:
    """Text fields of a submitted form; the first value of a repeated name wins."""
    out: FormValues = {}
    for key, value in pairs:
        if isinstance(value, str) and key not in out:
            out[key] = value
    return out


# ---------------------------------------------------------------------------
# Rows and error placement


def row_count(
    values: Mapping[str, str],
    prefix: str,
    minimum: int,
    spare: int = 1,
    parts: tuple[str, ...] = (),
) -> int:
    """How many rows of list `prefix` to show: every filled one plus `spare` blanks.

    With `parts`, only those inputs count as filling a row (a select always has a value).
    """
    last = -1
    for key, value in values.items():
        m = _INDEXED.match(key)
        if not m or m["list"] != prefix or not value.strip():
            continue
        if parts and m["rest"].lstrip(".") not in parts:
            continue
        last = max(last, int(m["i"]))
    return min(max(minimum, last + 1 + spare), MAX_ROWS)


@dataclass
class IndexMap:
    """Domain list index → form row index, per list, for lists with skipped blanks."""

    rows: dict[str, list[int]] = field(default_factory=dict)

    def add(self, prefix: str, form_row: int) -> None:
        self.rows.setdefault(prefix, []).append(form_row)

    def to_form(self, error: FieldError) -> FieldError:
        m = _INDEXED.match(error.field)
        if not m or m["list"] not in self.rows:
            return error
        rows, i = self.rows[m["list"]], int(m["i"])
        if i >= len(rows):
            return error
        return FieldError(f"{m['list']}[{rows[i]}]{m['rest']}", error.message, error.line)

    def remap(self, exc: ValidationFailed) -> ValidationFailed:
        return ValidationFailed(exc.message, [self.to_form(e) for e in exc.errors])


def _parent(path: str) -> str:
    """`names[0].full` → `names[0]` → `names` → ``."""
    if path.endswith("]"):
        return path[: path.rfind("[")]
    return path.rpartition(".")[0]


_WORDS = {
    "names": "Name",
    "birth_dates": "Date of birth",
    "nationalities": "Nationality",
    "documents": "Document",
    "full": "full name",
    "given": "given name",
    "family": "family name",
    "patronymic": "patronymic",
    "kind": "kind",
    "scheme": "scheme",
    "number": "number",
    "type": "type",
    "issuing_country": "issuing country",
    "valid_from": "valid from",
    "valid_until": "valid until",
    "judicial": "Judicial data",
    "description": "Description",
    "subject_ids": "Subjects",
    "recipient_countries": "Recipient countries",
    "extradition_countries": "extradition countries",
}


def humanise(path: str) -> str:
    """A reader's label for a field path: `names[1].full` → "Name 2, full name"."""
    parts = []
    for segment in path.split("."):
        m = re.match(r"^([a-z_]+)(?:\[(\d+)\])?$", segment)
        if not m:
            parts.append(segment)
            continue
        word = _WORDS.get(m[1], m[1].replace("_", " "))
        parts.append(f"{word} {int(m[2]) + 1}" if m[2] is not None else word)
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class SummaryItem:
    message: str
    label: str
    target: str  # the id of the input or group it is shown beside; "" if none


@dataclass
class FormState:
    """What a form template needs: the values to show and the errors to place."""

    values: FormValues = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    summary: list[SummaryItem] = field(default_factory=list)
    message: str = ""
    # Fields with a live check slot beside them (id "<field id>-check"), e.g. the notice wizard.
    check_slots: frozenset[str] = frozenset()

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def error(self, name: str) -> list[str]:
        return self.errors.get(name, [])

    def described_by(self, name: str, *extra: str) -> str:
        ids = [i for i in extra if i]
        if name in self.errors:
            ids.append(error_id(name))
        if name in self.check_slots:
            ids.append(field_id(name) + "-check")
        return " ".join(ids)

    @classmethod
    def failed(
        cls, values: FormValues, known: Iterable[str], exc: ValidationFailed | None, message: str
    ) -> FormState:
        """Place each error beside the nearest input or group that the form shows."""
        known_set = set(known)
        state = cls(values=values, message=message)
        for e in exc.errors if exc else ():
            path = e.field
            while path and path not in known_set:
                path = _parent(path)
            if path:
                state.errors.setdefault(path, []).append(e.message)
            state.summary.append(SummaryItem(e.message, humanise(e.field), field_id(path)))
        return state


# ---------------------------------------------------------------------------
# Small parsers that report into Problems


def text_value(values: Mapping[str, str], name: str) -> str:
    """The typed text, stripped; "" when the field was not sent."""
    return values.get(name, "").strip()


def int_value(values: Mapping[str, str], name: str, p: Problems) -> int | None:
    """A whole number, None when blank; a problem under `name` when not a number."""
    raw = text_value(values, name)
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        p.add(name, "must be a whole number")
        return None


def date_value(values: Mapping[str, str], name: str, p: Problems) -> date | None:
    """An ISO date (what `<input type=date>` sends), None when blank."""
    raw = text_value(values, name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        p.add(name, f"'{raw[:40]}' is not a date (use YYYY-MM-DD)")
        return None


def choice_value(values: Mapping[str, str], name: str, enum: type[E], default: E, p: Problems) -> E:
    """One of `enum`'s values, `default` when blank; a problem when not a choice."""
    raw = text_value(values, name)
    if not raw:
        return default
    try:
        return enum(raw)
    except ValueError:
        p.add(name, f"'{raw[:40]}' is not one of the choices")
        return default


def filter_choice(enum: type[E], raw: str, name: str) -> E | None:
    """A list filter's value as one of `enum`'s, None when blank; refused when not a choice."""
    if not raw:
        return None
    try:
        return enum(raw)
    except ValueError:
        raise ValidationFailed(
            "The filter is not valid.", [FieldError(name, f"'{raw}' is not one of the choices")]
        ) from None


def split_list(raw: str) -> list[str]:
    """ "RU, DE  FR" → ["RU", "DE", "FR"]: codes and ids typed into one box."""
    return [part for part in _LIST_SEP.split(raw) if part]


def check_row_limit(values: Mapping[str, str], p: Problems) -> None:
    """Refuse rows numbered MAX_ROWS or more instead of silently dropping them."""
    for key in values:
        m = _INDEXED.match(key)
        if m and int(m["i"]) >= MAX_ROWS:
            p.add(m["list"], f"at most {MAX_ROWS} rows")
            return


def row_numbers(values: Mapping[str, str], prefix: str) -> list[int]:
    """The row numbers of list `prefix` present in the form, in order."""
    found = set()
    for key in values:
        m = _INDEXED.match(key)
        if m and m["list"] == prefix and int(m["i"]) < MAX_ROWS:
            found.add(int(m["i"]))
    return sorted(found)


def row_filled(values: Mapping[str, str], prefix: str, row: int, parts: Iterable[str]) -> bool:
    """Whether any of `parts` was typed in that row; blank rows are skipped."""
    return any(text_value(values, f"{prefix}[{row}].{part}") for part in parts)


def validate_all(p: Problems, validate: Callable[[], None], message: str, index: IndexMap) -> None:
    """Run the domain's validation too, so every problem is reported in one answer."""
    try:
        validate()
    except ValidationFailed as exc:
        # The domain counts only the rows it was given; `p` already speaks in form rows.
        p.extend(index.remap(exc).errors)
    p.raise_if_any(message)


def parse_version(values: Mapping[str, str]) -> int | None:
    """The optimistic-lock version from the hidden field; None on a new record."""
    raw = text_value(values, "version")
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationFailed("The form is not valid.", [FieldError("version", "not a number")])
    return int(raw)


# ---------------------------------------------------------------------------
# Choices for selects


def country_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, "Name (CODE)") sorted by name, for selects and datalists."""
    return sorted(((c, f"{country_name(c)} ({c})") for c in codes), key=lambda t: t[1])
