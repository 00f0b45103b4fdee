"""One INTERPOL public notice (a list entry or a detail record) → Person and Notice.

Liberal in what it accepts: null or missing fields, numbers written as
strings, a single string where a list is expected, height in metres or
centimetres. Strict in what it returns: every record has passed the domain's
`validate()`, and every problem is a FieldError whose path names the field as
the file spelled it (`_embedded.notices[3].date_of_birth`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ncbdesk.adapters.interpol import codes
from ncbdesk.adapters.interpol.fields import Fields, kind_of
from ncbdesk.domain.countries import country_name
from ncbdesk.domain.errors import FieldError, ValidationFailed
from ncbdesk.domain.notices import JudicialData, Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person, PersonName, PhysicalDescription, Sex

EXTERNAL_ID_PREFIX = "interpol:"
TITLE_LENGTH = 300  # Notice.validate's limit
_MAX_ENTITY_ID = 100  # the notices.reference column
_ENTITY_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z/_-]*$")
# Fields only one family of notices has: they tell the type when nothing else does.
_RED_FIELDS = ("arrest_warrants",)
_YELLOW_FIELDS = (
    "date_of_event",
    "father_forename",
    "father_name",
    "mother_forename",
    "mother_name",
)
_UN_FIELDS = ("un_reference", "un_reference_date")


@dataclass(frozen=True)
class InterpolRecord:
    """A parsed notice: its subject, the notice, and where in the file it was."""

    person: Person
    notice: Notice
    path: str  # "" for a lone detail record, "_embedded.notices[3]" in a list page
    line: int | None = None  # the line, in a JSON-lines file
    partial: bool = False  # a list page's entry: names, birth date, nationalities only


def external_id(entity_id: str) -> str:
    return EXTERNAL_ID_PREFIX + entity_id


def _notice_type(f: Fields, hint: NoticeType | None, page: NoticeType | None) -> NoticeType | None:
    """The record's type: the caller's hint, else its own link, the page's, its fields."""
    href = f.self_link()
    word = codes.link_type(href) if href else None
    linked = codes.notice_type_of(word) if word else None
    if word and linked is None:
        f.error("_links.self.href", f"a '{word}' notice: only red, yellow and UN notices are read")
        return None
    by_fields = _type_from_fields(f)
    expected = hint or page
    if expected is not None and linked is not None and linked != expected:
        why = "the file is read as" if hint else "in a page of"
        f.error("_links.self.href", f"links to a {linked.value} notice, {why} {expected.value}")
        return None
    chosen = expected or linked or (by_fields[0] if by_fields else None)
    if chosen is None:
        f.error("", "cannot tell a red, yellow or UN notice apart here: give the kind")
        return None
    if by_fields and by_fields[0] != chosen:
        kind, key = by_fields
        f.error(key, f"a field of {kind.value} notices, in a record read as {chosen.value}")
        return None
    return chosen


def _type_from_fields(f: Fields) -> tuple[NoticeType, str] | None:
    for kind, keys in (
        (NoticeType.RED, _RED_FIELDS),
        (NoticeType.YELLOW, _YELLOW_FIELDS),
        (NoticeType.UN, _UN_FIELDS),
    ):
        for key in keys:
            if f.has(key):
                return kind, key
    return None


def _entity_id(f: Fields) -> str:
    value = f.obj.get("entity_id")
    if value is None or value == "":
        f.error("entity_id", "missing: every notice has an entity_id such as '2019/12345'")
        return ""
    if not isinstance(value, str):
        f.error("entity_id", f"expected text such as '2019/12345', got {kind_of(value)}")
        return ""
    value = value.strip()
    if len(value) > _MAX_ENTITY_ID or not _ENTITY_ID.match(value):
        f.error("entity_id", f"'{value[:40]}' is not an INTERPOL notice id such as '2019/12345'")
        return ""
    return value


def _description(f: Fields) -> PhysicalDescription:
    d = PhysicalDescription(
        eye_colour=codes.describe(f.texts("eyes_colors_id"), codes.EYE_COLOURS),
        hair_colour=codes.describe(f.texts("hairs_id"), codes.HAIR_COLOURS),
        distinguishing_marks=f.text("distinguishing_marks"),
    )
    height = f.number("height")
    if height is not None and height[0] > 0:  # INTERPOL writes 0 for "not known"
        value, unit = height
        cm = value * 100 if unit == "m" or (unit == "" and value < 3) else value
        if unit == "kg":
            f.error("height", "a height in kilograms")
        elif 40 <= cm <= 260:
            d.height_cm = round(cm)
        else:
            f.error("height", f"{value:g} is not a person's height in metres or centimetres")
    weight = f.number("weight")
    if weight is not None and weight[0] > 0:
        if weight[1] not in ("", "kg"):
            f.error("weight", f"a weight in {weight[1]}")
        elif 1 <= weight[0] <= 400:
            d.weight_kg = round(weight[0])
        else:
            f.error("weight", f"{weight[0]:g} is not a person's weight in kilograms")
    return d


def _nationalities(f: Fields) -> list[str]:
    out: list[str] = []
    for i, raw in enumerate(f.texts("nationalities")):
        code = f.country(f"nationalities[{i}]", raw)
        if code is not None:
            out.append(code)
    return list(dict.fromkeys(out))


def _sex(f: Fields) -> Sex:
    raw = f.text("sex_id")
    if not raw:
        return Sex.UNKNOWN
    sex = codes.SEX.get(raw.upper())
    if sex is None:
        f.error("sex_id", f"'{raw[:20]}' is not M, F or U")
        return Sex.UNKNOWN
    return sex


def _place_of_birth(f: Fields) -> str:
    place = f.text("place_of_birth")
    raw = f.text("country_of_birth_id")
    code = f.country("country_of_birth_id", raw) if raw else None
    if code is None:
        return place
    return f"{place} ({country_name(code)})" if place else country_name(code)


def _person_name(family: str, given: str) -> str:
    return f"{given} {family}".strip()


def _notes(f: Fields, type_: NoticeType, entity_id: str) -> str:
    lines = [f"INTERPOL public {type_.label}, {entity_id}."]
    languages = codes.describe(f.texts("languages_spoken_ids"), codes.LANGUAGES)
    if languages:
        lines.append(f"Languages spoken: {languages}.")
    father = _person_name(f.text("father_name"), f.text("father_forename"))
    mother = _person_name(f.text("mother_name"), f.text("mother_forename"))
    if father:
        lines.append(f"Father: {father}.")
    if mother:
        lines.append(f"Mother: {mother}.")
    href = f.self_link()
    if href:
        lines.append(f"Source: {href}")
    return "\n".join(lines)


def _judicial(f: Fields) -> tuple[JudicialData, list[str]]:
    """The red notice's charges, and the warrants' issuing countries in order."""
    charges: list[tuple[str, str]] = []
    countries: list[str] = []
    for i, warrant in f.objects("arrest_warrants"):
        w = Fields(warrant, f.at(f"arrest_warrants[{i}]"), f.line)
        charge = w.text("charge")
        translation = w.text("charge_translation")
        raw = w.text("issuing_country_id")
        code = w.country("issuing_country_id", raw) if raw else None
        f.errors.extend(w.errors)
        if code is not None:
            countries.append(code)
        if translation and translation != charge:
            charge = f"{charge} (translation: {translation})" if charge else translation
        if charge:
            charges.append((charge, code or ""))
    several = len(set(countries)) > 1
    offence = "; ".join(f"{c} [{k}]" if several and k else c for c, k in charges)
    return JudicialData(offence=offence), countries


def _summary(f: Fields, type_: NoticeType, wanted_by: list[str]) -> str:
    if type_ == NoticeType.RED:
        if not wanted_by:
            return ""
        return "Wanted by " + ", ".join(country_name(c) for c in dict.fromkeys(wanted_by)) + "."
    if type_ == NoticeType.YELLOW:
        when = f.date("date_of_event")
        place = f.text("place")
        raw = f.text("country")
        code = f.country("country", raw) if raw else None
        where = ", ".join(p for p in (place, country_name(code) if code else "") if p)
        parts = [p for p in (f"since {when}" if when else "", f"in {where}" if where else "") if p]
        return ("Missing " + " ".join(parts) + ".") if parts else ""
    reference = f.text("un_reference")
    listed = f.date("un_reference_date")
    head = ""
    if reference:
        head = f"UN Security Council reference {reference}"
        head += f", listed {listed}." if listed else "."
    reasons = f.text("remarks") or f.text("reasons_for_listing")
    return " ".join(p for p in (head, reasons) if p)


def _title(type_: NoticeType, family: str, given: str) -> str:
    who = ", ".join(p for p in (family.upper(), given) if p)
    title = f"{type_.label} — {who}"
    return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 1] + "…"


# Where a domain field came from, to name it the way the file spelled it.
_SOURCE_FIELD = {
    "names.full": "name",
    "names.family": "name",
    "names.given": "forename",
    "birth_dates": "date_of_birth",
    "place_of_birth": "place_of_birth",
    "description.height_cm": "height",
    "description.weight_kg": "weight",
    "description.distinguishing_marks": "distinguishing_marks",
    "notes": "languages_spoken_ids",
    "title": "name",
    "summary": "remarks",
}
_INDEX = re.compile(r"\[\d+\]")


def _source_errors(f: Fields, exc: ValidationFailed, owner_key: str) -> None:
    """Report the domain's complaints under the field names the file used."""
    known = {(e.field, e.message) for e in f.errors}
    for e in exc.errors:
        domain = _INDEX.sub("", e.field)
        if domain == "owner_bureau":
            key = owner_key
        elif domain.startswith("judicial."):
            key = "arrest_warrants"
        else:
            key = _SOURCE_FIELD.get(domain, domain)
        if (f.at(key), e.message) not in known:
            known.add((f.at(key), e.message))
            f.error(key, e.message)


def record_from_json(
    obj: Any,
    path: str,
    line: int | None,
    hint: NoticeType | None = None,
    page_type: NoticeType | None = None,
    owner: str | None = None,
    today: date | None = None,
    partial: bool = False,
) -> InterpolRecord | list[FieldError]:
    """Map one notice object; return the record, or every problem found in it."""
    if not isinstance(obj, dict):
        where = path or "(record)"
        return [FieldError(where, f"expected a notice object, got {kind_of(obj)}", line)]
    f = Fields(obj, path, line)
    entity_id = _entity_id(f)
    type_ = _notice_type(f, hint, page_type)
    family, given = f.text("name"), f.text("forename")
    if not family and not given:
        f.error("name", "a notice names its subject: name or forename is required")
    birth = f.date("date_of_birth")
    nationalities = _nationalities(f)
    description = _description(f)
    sex = _sex(f)
    place_of_birth = _place_of_birth(f)
    judicial, wanted_by = _judicial(f) if type_ == NoticeType.RED else (None, [])
    summary = _summary(f, type_, wanted_by) if type_ is not None else ""
    bureau, owner_key = _owner(f, wanted_by, nationalities, owner)
    if f.errors or type_ is None or bureau is None:
        return f.errors
    person = Person(
        owner_bureau=bureau,
        names=[PersonName(full=_person_name(family, given), given=given, family=family)],
        birth_dates=[birth] if birth else [],
        place_of_birth=place_of_birth,
        nationalities=nationalities,
        sex=sex,
        description=description,
        notes=_notes(f, type_, entity_id),
        external_id=external_id(entity_id),
    )
    notice = Notice(
        type=type_,
        owner_bureau=bureau,
        title=_title(type_, family, given),
        subject_ids=[person.id],
        status=NoticeStatus.PUBLISHED,
        summary=summary,
        reference=entity_id,
        judicial=judicial,
    )
    try:
        person.validate(today=today)
    except ValidationFailed as exc:
        _source_errors(f, exc, owner_key)
    try:
        notice.validate()
    except ValidationFailed as exc:
        _source_errors(f, exc, owner_key)
    if f.errors:
        return f.errors
    return InterpolRecord(person, notice, path, line, partial)


def _owner(
    f: Fields,
    wanted_by: list[str],
    nationalities: list[str],
    owner: str | None,
) -> tuple[str | None, str]:
    """The bureau that owns the data, and the field it came from.

    A red notice belongs to the country whose warrant it carries. Otherwise
    (list entries, yellow and UN notices) the subject's first nationality
    stands in, and last the owner the caller names. Yellow notices do not use
    the country of the disappearance, so that a list entry and the detail of
    the same notice name the same owner.
    """
    if wanted_by:
        return wanted_by[0], "arrest_warrants[0].issuing_country_id"
    if nationalities:
        return nationalities[0], "nationalities[0]"
    if owner:
        code = codes.country(owner)
        if code is None:
            f.error("", f"the owner given, '{owner[:20]}', is not a country code")
        return code, ""
    if not any(k in e.field for e in f.errors for k in ("nationalities", "arrest_warrants")):
        # (a bad nationality or warrant is reported already: no second error for it)
        f.error("", "no issuing country or nationality to name the owning bureau: give an owner")
    return None, ""
