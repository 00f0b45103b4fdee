"""HTML forms ↔ domain objects, and field errors placed beside their inputs.

Input names are the domain's own field paths (`names[0].full`,
`judicial.max_penalty_months`), so a `FieldError` from the domain or a service
finds its input without a lookup table. Blank repeated rows are skipped when
parsing, so row numbers on the form and list indexes in the domain can differ;
`IndexMap` turns the domain's indexes back into the form's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypeVar

from ncbdesk.domain.countries import country_name
from ncbdesk.domain.dates import PartialDate, PartialDateError
from ncbdesk.domain.errors import FieldError, Problems, ValidationFailed
from ncbdesk.domain.notices import JudicialData, Notice, NoticeContext, NoticeKind, NoticeType
from ncbdesk.domain.persons import (
    DocumentType,
    IdentityDocument,
    NameKind,
    Person,
    PersonName,
    PhysicalDescription,
    Sex,
)

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

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def error(self, name: str) -> list[str]:
        return self.errors.get(name, [])

    def described_by(self, name: str, *extra: str) -> str:
        ids = [i for i in extra if i]
        if name in self.errors:
            ids.append(error_id(name))
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


def _text(values: Mapping[str, str], name: str) -> str:
    return values.get(name, "").strip()


def _int(values: Mapping[str, str], name: str, p: Problems) -> int | None:
    raw = _text(values, name)
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        p.add(name, "must be a whole number")
        return None


def _date(values: Mapping[str, str], name: str, p: Problems) -> date | None:
    raw = _text(values, name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        p.add(name, f"'{raw[:40]}' is not a date (use YYYY-MM-DD)")
        return None


def _choice(values: Mapping[str, str], name: str, enum: type[E], default: E, p: Problems) -> E:
    raw = _text(values, name)
    if not raw:
        return default
    try:
        return enum(raw)
    except ValueError:
        p.add(name, f"'{raw[:40]}' is not one of the choices")
        return default


def split_list(raw: str) -> list[str]:
    """ "RU, DE  FR" → ["RU", "DE", "FR"]: codes and ids typed into one box."""
    return [part for part in _LIST_SEP.split(raw) if part]


def _too_many_rows(values: Mapping[str, str], p: Problems) -> None:
    for key in values:
        m = _INDEXED.match(key)
        if m and int(m["i"]) >= MAX_ROWS:
            p.add(m["list"], f"at most {MAX_ROWS} rows")
            return


def _rows(values: Mapping[str, str], prefix: str) -> list[int]:
    found = set()
    for key in values:
        m = _INDEXED.match(key)
        if m and m["list"] == prefix and int(m["i"]) < MAX_ROWS:
            found.add(int(m["i"]))
    return sorted(found)


def _filled(values: Mapping[str, str], prefix: str, row: int, parts: Iterable[str]) -> bool:
    return any(_text(values, f"{prefix}[{row}].{part}") for part in parts)


def _raise(p: Problems, validate: Callable[[], None], message: str, index: IndexMap) -> None:
    """Run the domain's validation too, so every problem is reported in one answer."""
    try:
        validate()
    except ValidationFailed as exc:
        # The domain counts only the rows it was given; `p` already speaks in form rows.
        p.extend(index.remap(exc).errors)
    p.raise_if_any(message)


def parse_version(values: Mapping[str, str]) -> int | None:
    raw = _text(values, "version")
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationFailed("The form is not valid.", [FieldError("version", "not a number")])
    return int(raw)


# ---------------------------------------------------------------------------
# Persons

NAME_PARTS = ("full", "kind", "given", "family", "patronymic", "scheme")
NAME_TEXT_PARTS = ("full", "given", "family", "patronymic")
DOCUMENT_PARTS = ("number", "type", "issuing_country", "valid_from", "valid_until")
DOCUMENT_FILLED_PARTS = ("number", "issuing_country", "valid_from", "valid_until")
DESCRIPTION_PARTS = ("height_cm", "weight_kg", "eye_colour", "hair_colour", "distinguishing_marks")


@dataclass(frozen=True)
class PersonRows:
    names: int
    birth_dates: int
    nationalities: int
    documents: int

    @classmethod
    def for_values(cls, values: Mapping[str, str]) -> PersonRows:
        return cls(
            names=row_count(values, "names", minimum=4, parts=NAME_TEXT_PARTS),
            birth_dates=row_count(values, "birth_dates", minimum=2),
            nationalities=row_count(values, "nationalities", minimum=2),
            documents=row_count(values, "documents", minimum=2, parts=DOCUMENT_FILLED_PARTS),
        )

    def fields(self) -> list[str]:
        """Every input and group name the person form renders."""
        out = ["names", "birth_dates", "nationalities", "documents", "description"]
        out += ["sex", "place_of_birth", "notes"]
        for i in range(self.names):
            out += [f"names[{i}]"] + [f"names[{i}].{part}" for part in NAME_PARTS]
        out += [f"birth_dates[{i}]" for i in range(self.birth_dates)]
        out += [f"nationalities[{i}]" for i in range(self.nationalities)]
        for i in range(self.documents):
            out += [f"documents[{i}]"] + [f"documents[{i}].{part}" for part in DOCUMENT_PARTS]
        out += [f"description.{part}" for part in DESCRIPTION_PARTS]
        return out


def person_values(person: Person) -> FormValues:
    """The form's values for an existing person (the edit page)."""
    v: FormValues = {
        "sex": person.sex.value,
        "place_of_birth": person.place_of_birth,
        "notes": person.notes,
        "version": str(person.version),
    }
    for i, n in enumerate(person.names):
        v |= {
            f"names[{i}].full": n.full,
            f"names[{i}].kind": n.kind.value,
            f"names[{i}].given": n.given,
            f"names[{i}].family": n.family,
            f"names[{i}].patronymic": n.patronymic,
            f"names[{i}].scheme": n.scheme,
        }
    for i, bd in enumerate(person.birth_dates):
        v[f"birth_dates[{i}]"] = bd.iso()
    for i, code in enumerate(person.nationalities):
        v[f"nationalities[{i}]"] = code
    for i, d in enumerate(person.documents):
        v |= {
            f"documents[{i}].number": d.number,
            f"documents[{i}].type": d.type.value,
            f"documents[{i}].issuing_country": d.issuing_country or "",
            f"documents[{i}].valid_from": d.valid_from.isoformat() if d.valid_from else "",
            f"documents[{i}].valid_until": d.valid_until.isoformat() if d.valid_until else "",
        }
    desc = person.description
    v |= {
        "description.height_cm": "" if desc.height_cm is None else str(desc.height_cm),
        "description.weight_kg": "" if desc.weight_kg is None else str(desc.weight_kg),
        "description.eye_colour": desc.eye_colour,
        "description.hair_colour": desc.hair_colour,
        "description.distinguishing_marks": desc.distinguishing_marks,
    }
    return v


def parse_person(values: Mapping[str, str], owner_bureau: str, today: date) -> Person:
    """Build a Person from the form, or raise ValidationFailed with form field paths."""
    p = Problems()
    index = IndexMap()
    _too_many_rows(values, p)

    names = []
    for row in _rows(values, "names"):
        if not _filled(values, "names", row, NAME_TEXT_PARTS):
            continue
        pre = f"names[{row}]"
        index.add("names", row)
        names.append(
            PersonName(
                full=_text(values, f"{pre}.full"),
                kind=_choice(values, f"{pre}.kind", NameKind, NameKind.ALIAS, p),
                given=_text(values, f"{pre}.given"),
                family=_text(values, f"{pre}.family"),
                patronymic=_text(values, f"{pre}.patronymic"),
                scheme=_text(values, f"{pre}.scheme"),
            )
        )

    birth_dates = []
    for row in _rows(values, "birth_dates"):
        raw = _text(values, f"birth_dates[{row}]")
        if not raw:
            continue
        try:
            birth_dates.append(PartialDate.parse(raw))
            index.add("birth_dates", row)
        except PartialDateError as exc:
            p.add(f"birth_dates[{row}]", str(exc))

    nationalities = []
    for row in _rows(values, "nationalities"):
        raw = _text(values, f"nationalities[{row}]")
        if raw:
            index.add("nationalities", row)
            nationalities.append(raw)

    documents = []
    for row in _rows(values, "documents"):
        if not _filled(values, "documents", row, DOCUMENT_FILLED_PARTS):
            continue
        pre = f"documents[{row}]"
        index.add("documents", row)
        documents.append(
            IdentityDocument(
                number=_text(values, f"{pre}.number"),
                type=_choice(values, f"{pre}.type", DocumentType, DocumentType.PASSPORT, p),
                issuing_country=_text(values, f"{pre}.issuing_country") or None,
                valid_from=_date(values, f"{pre}.valid_from", p),
                valid_until=_date(values, f"{pre}.valid_until", p),
            )
        )

    person = Person(
        owner_bureau=owner_bureau,
        names=names,
        birth_dates=birth_dates,
        place_of_birth=_text(values, "place_of_birth"),
        nationalities=nationalities,
        sex=_choice(values, "sex", Sex, Sex.UNKNOWN, p),
        documents=documents,
        description=PhysicalDescription(
            height_cm=_int(values, "description.height_cm", p),
            weight_kg=_int(values, "description.weight_kg", p),
            eye_colour=_text(values, "description.eye_colour"),
            hair_colour=_text(values, "description.hair_colour"),
            distinguishing_marks=_text(values, "description.distinguishing_marks"),
        ),
        notes=values.get("notes", "").strip(),
    )
    _raise(p, lambda: person.validate(today=today), "The person record is not valid.", index)
    return person


# ---------------------------------------------------------------------------
# Notices

JUDICIAL_TEXT = (
    "offence",
    "facts",
    "legal_provisions",
    "warrant_reference",
    "issuing_authority",
)
JUDICIAL_MONTHS = ("max_penalty_months", "sentence_imposed_months", "sentence_remaining_months")
JUDICIAL_PARTS = (*JUDICIAL_TEXT, *JUDICIAL_MONTHS, "warrant_date", "extradition_countries")
CONTEXT_TEXT = ("person_status", "requester_restrictions")
CONTEXT_FLAGS = ("refugee_status_against_requester", "election_period")
NOTICE_FIELDS = (
    "type",
    "kind",
    "title",
    "summary",
    "reference",
    "subject_ids",
    "recipient_countries",
    "judicial",
    *(f"judicial.{part}" for part in JUDICIAL_PARTS),
    "context",
    *(f"context.{part}" for part in (*CONTEXT_TEXT, *CONTEXT_FLAGS)),
)


def notice_values(notice: Notice) -> FormValues:
    v: FormValues = {
        "type": notice.type.value,
        "kind": notice.kind.value,
        "title": notice.title,
        "summary": notice.summary,
        "reference": notice.reference,
        "subject_ids": " ".join(notice.subject_ids),
        "recipient_countries": " ".join(notice.recipient_countries),
        "version": str(notice.version),
    }
    for part in CONTEXT_TEXT:
        v[f"context.{part}"] = getattr(notice.context, part)
    for part in CONTEXT_FLAGS:
        v[f"context.{part}"] = "on" if getattr(notice.context, part) else ""
    j = notice.judicial
    if j is not None:
        for part in JUDICIAL_TEXT:
            v[f"judicial.{part}"] = getattr(j, part)
        for part in JUDICIAL_MONTHS:
            months = getattr(j, part)
            v[f"judicial.{part}"] = "" if months is None else str(months)
        v["judicial.warrant_date"] = j.warrant_date.isoformat() if j.warrant_date else ""
        v["judicial.extradition_countries"] = " ".join(j.extradition_countries)
    return v


def parse_notice(values: Mapping[str, str], owner_bureau: str) -> Notice:
    """Build a Notice from the form, or raise ValidationFailed with form field paths."""
    p = Problems()
    type_ = _choice(values, "type", NoticeType, NoticeType.RED, p)
    if not _text(values, "type"):
        p.add("type", "choose a notice type")
    judicial = None
    if type_ == NoticeType.RED or any(_text(values, f"judicial.{x}") for x in JUDICIAL_PARTS):
        judicial = JudicialData(
            offence=values.get("judicial.offence", "").strip(),
            facts=values.get("judicial.facts", "").strip(),
            legal_provisions=values.get("judicial.legal_provisions", "").strip(),
            max_penalty_months=_int(values, "judicial.max_penalty_months", p),
            sentence_imposed_months=_int(values, "judicial.sentence_imposed_months", p),
            sentence_remaining_months=_int(values, "judicial.sentence_remaining_months", p),
            warrant_reference=_text(values, "judicial.warrant_reference"),
            issuing_authority=_text(values, "judicial.issuing_authority"),
            warrant_date=_date(values, "judicial.warrant_date", p),
            extradition_countries=split_list(values.get("judicial.extradition_countries", "")),
        )
    notice = Notice(
        type=type_,
        kind=_choice(values, "kind", NoticeKind, NoticeKind.NOTICE, p),
        owner_bureau=owner_bureau,
        title=_text(values, "title"),
        summary=values.get("summary", "").strip(),
        reference=_text(values, "reference"),
        subject_ids=list(dict.fromkeys(split_list(values.get("subject_ids", "")))),
        recipient_countries=split_list(values.get("recipient_countries", "")),
        judicial=judicial,
        context=NoticeContext(
            person_status=values.get("context.person_status", "").strip(),
            refugee_status_against_requester=bool(
                _text(values, "context.refugee_status_against_requester")
            ),
            requester_restrictions=values.get("context.requester_restrictions", "").strip(),
            election_period=bool(_text(values, "context.election_period")),
        ),
    )
    _raise(p, notice.validate, "The notice is not valid.", IndexMap())
    return notice


# ---------------------------------------------------------------------------
# Choices for selects


def country_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, "Name (CODE)") sorted by name, for selects and datalists."""
    return sorted(((c, f"{country_name(c)} ({c})") for c in codes), key=lambda t: t[1])
