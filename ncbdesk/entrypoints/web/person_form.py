"""The person form: a Person to form values and back (web/forms.py has the machinery)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ncbdesk.domain.dates import PartialDate, PartialDateError
from ncbdesk.domain.errors import Problems
from ncbdesk.domain.persons import (
    DocumentType,
    IdentityDocument,
    NameKind,
    Person,
    PersonName,
    PhysicalDescription,
    Sex,
)
from ncbdesk.entrypoints.web.forms import (
    FormValues,
    IndexMap,
    check_row_limit,
    choice_value,
    date_value,
    int_value,
    row_count,
    row_filled,
    row_numbers,
    text_value,
    validate_all,
)

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
    check_row_limit(values, p)

    names = []
    for row in row_numbers(values, "names"):
        if not row_filled(values, "names", row, NAME_TEXT_PARTS):
            continue
        pre = f"names[{row}]"
        index.add("names", row)
        names.append(
            PersonName(
                full=text_value(values, f"{pre}.full"),
                kind=choice_value(values, f"{pre}.kind", NameKind, NameKind.ALIAS, p),
                given=text_value(values, f"{pre}.given"),
                family=text_value(values, f"{pre}.family"),
                patronymic=text_value(values, f"{pre}.patronymic"),
                scheme=text_value(values, f"{pre}.scheme"),
            )
        )

    birth_dates = []
    for row in row_numbers(values, "birth_dates"):
        raw = text_value(values, f"birth_dates[{row}]")
        if not raw:
            continue
        try:
            birth_dates.append(PartialDate.parse(raw))
            index.add("birth_dates", row)
        except PartialDateError as exc:
            p.add(f"birth_dates[{row}]", str(exc))

    nationalities = []
    for row in row_numbers(values, "nationalities"):
        raw = text_value(values, f"nationalities[{row}]")
        if raw:
            index.add("nationalities", row)
            nationalities.append(raw)

    documents = []
    for row in row_numbers(values, "documents"):
        if not row_filled(values, "documents", row, DOCUMENT_FILLED_PARTS):
            continue
        pre = f"documents[{row}]"
        index.add("documents", row)
        documents.append(
            IdentityDocument(
                number=text_value(values, f"{pre}.number"),
                type=choice_value(values, f"{pre}.type", DocumentType, DocumentType.PASSPORT, p),
                issuing_country=text_value(values, f"{pre}.issuing_country") or None,
                valid_from=date_value(values, f"{pre}.valid_from", p),
                valid_until=date_value(values, f"{pre}.valid_until", p),
            )
        )

    person = Person(
        owner_bureau=owner_bureau,
        names=names,
        birth_dates=birth_dates,
        place_of_birth=text_value(values, "place_of_birth"),
        nationalities=nationalities,
        sex=choice_value(values, "sex", Sex, Sex.UNKNOWN, p),
        documents=documents,
        description=PhysicalDescription(
            height_cm=int_value(values, "description.height_cm", p),
            weight_kg=int_value(values, "description.weight_kg", p),
            eye_colour=text_value(values, "description.eye_colour"),
            hair_colour=text_value(values, "description.hair_colour"),
            distinguishing_marks=text_value(values, "description.distinguishing_marks"),
        ),
        notes=values.get("notes", "").strip(),
    )
    validate_all(p, lambda: person.validate(today=today), "The person record is not valid.", index)
    return person
