"""Persons and their identities: names in any script, partial dates, documents."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import Problems
from ncbdesk.domain.scripts import Script, detect_script, direction
from ncbdesk.domain.security import Handling

MAX_NAME_LENGTH = 300  # longer than any real name; stops pasted documents
MAX_TEXT_LENGTH = 4000


class NameKind(StrEnum):
    PRIMARY = "primary"
    ALIAS = "alias"
    TRANSLITERATION = "transliteration"


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class DocumentType(StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    DRIVING_LICENCE = "driving_licence"
    TRAVEL_DOCUMENT = "travel_document"
    RESIDENCE_PERMIT = "residence_permit"
    OTHER = "other"


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


def _clean_text(value: str) -> str:
    """NFC-normalise and collapse whitespace; names keep their script and case."""
    return " ".join(unicodedata.normalize("NFC", value).split())


@dataclass
class PersonName:
    """One way of writing a person's name, as some system recorded it."""

    full: str
    kind: NameKind = NameKind.PRIMARY
    given: str = ""
    family: str = ""
    patronymic: str = ""
    script: Script | None = None
    scheme: str = ""  # e.g. "ICAO Doc 9303", for transliterations

    def __post_init__(self) -> None:
        self.full = _clean_text(self.full)
        self.given = _clean_text(self.given)
        self.family = _clean_text(self.family)
        self.patronymic = _clean_text(self.patronymic)
        if not self.full:
            self.full = " ".join(p for p in (self.given, self.patronymic, self.family) if p)
        if self.script is None:
            self.script = detect_script(self.full)

    @property
    def dir(self) -> str:
        return direction(self.script or Script.OTHER)

    def problems(self) -> Problems:
        p = Problems()
        if not self.full:
            p.add("full", "the name is empty")
        for part in ("full", "given", "family", "patronymic"):
            if len(getattr(self, part)) > MAX_NAME_LENGTH:
                p.add(part, f"longer than {MAX_NAME_LENGTH} characters")
        if any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") for c in self.full):
            p.add("full", "contains control or invisible characters")
        return p


@dataclass
class IdentityDocument:
    number: str
    type: DocumentType = DocumentType.PASSPORT
    issuing_country: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    def __post_init__(self) -> None:
        self.number = _clean_text(self.number)

    @property
    def normalised_number(self) -> str:
        return "".join(c for c in self.number.upper() if c.isalnum())

    def problems(self) -> Problems:
        p = Problems()
        if not self.normalised_number:
            p.add("number", "the document number is empty")
        elif len(self.number) > 64:
            p.add("number", "longer than 64 characters")
        if self.issuing_country is not None and clean_country(self.issuing_country) is None:
            p.add("issuing_country", f"'{self.issuing_country}' is not an ISO 3166 country code")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            p.add("valid_until", "ends before the document becomes valid")
        return p


@dataclass
class PhysicalDescription:
    height_cm: int | None = None
    weight_kg: int | None = None
    eye_colour: str = ""
    hair_colour: str = ""
    distinguishing_marks: str = ""

    def problems(self) -> Problems:
        p = Problems()
        if self.height_cm is not None and not 40 <= self.height_cm <= 260:
            p.add("height_cm", "must be between 40 and 260")
        if self.weight_kg is not None and not 1 <= self.weight_kg <= 400:
            p.add("weight_kg", "must be between 1 and 400")
        if len(self.distinguishing_marks) > MAX_TEXT_LENGTH:
            p.add("distinguishing_marks", f"longer than {MAX_TEXT_LENGTH} characters")
        return p


@dataclass
class Person:
    """A person known to the bureau: wanted, missing, a subject of a request.

    `owner_bureau` is the country whose bureau entered the record; only it may
    amend or delete it (the data-owner principle, DESIGN §1).
    """

    owner_bureau: str
    names: list[PersonName]
    birth_dates: list[PartialDate] = field(default_factory=list)
    place_of_birth: str = ""
    nationalities: list[str] = field(default_factory=list)
    sex: Sex = Sex.UNKNOWN
    documents: list[IdentityDocument] = field(default_factory=list)
    description: PhysicalDescription = field(default_factory=PhysicalDescription)
    notes: str = ""
    handling: Handling = field(default_factory=Handling)
    review_on: date | None = None  # when the need to keep this record is reviewed
    id: str = field(default_factory=new_id)
    external_id: str | None = None  # the id in the system it came from (FtM id)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    @property
    def primary_name(self) -> PersonName:
        for name in self.names:
            if name.kind == NameKind.PRIMARY:
                return name
        return self.names[0] if self.names else PersonName(full="(no name)")

    @property
    def display_name(self) -> str:
        return self.primary_name.full

    def validate(self, today: date | None = None) -> None:
        """Raise ValidationFailed naming every wrong field; return if all is well."""
        p = Problems()
        cleaned = clean_country(self.owner_bureau)
        if cleaned is None:
            p.add("owner_bureau", f"'{self.owner_bureau}' is not an ISO 3166 country code")
        else:
            self.owner_bureau = cleaned
        if not self.names:
            p.add("names", "a person needs at least one name")
        for i, name in enumerate(self.names):
            p.extend(name.problems().items, f"names[{i}]")
        if self.names and not any(n.kind == NameKind.PRIMARY for n in self.names):
            self.names[0].kind = NameKind.PRIMARY
        for i, code in enumerate(self.nationalities):
            c = clean_country(code)
            if c is None:
                p.add(f"nationalities[{i}]", f"'{code}' is not an ISO 3166 country code")
            else:
                self.nationalities[i] = c
        self.nationalities = list(dict.fromkeys(self.nationalities))
        if today is not None:
            for i, bd in enumerate(self.birth_dates):
                if bd.is_after(today):
                    p.add(f"birth_dates[{i}]", f"{bd} is in the future")
        for i, doc in enumerate(self.documents):
            p.extend(doc.problems().items, f"documents[{i}]")
        p.extend(self.description.problems().items, "description")
        if len(self.place_of_birth) > MAX_NAME_LENGTH:
            p.add("place_of_birth", f"longer than {MAX_NAME_LENGTH} characters")
        if len(self.notes) > MAX_TEXT_LENGTH:
            p.add("notes", f"longer than {MAX_TEXT_LENGTH} characters")
        if len(self.handling.restrictions) > MAX_TEXT_LENGTH:
            p.add("handling.restrictions", f"longer than {MAX_TEXT_LENGTH} characters")
        p.raise_if_any("The person record is not valid.")

    def amended(self, **changes: object) -> Person:
        """A copy with `changes` applied and the version bumped."""
        return replace(self, **changes, version=self.version + 1, updated_at=utcnow())  # type: ignore[arg-type]


def person_to_ftm(person: Person) -> dict[str, Any]:
    """The Person as a FollowTheMoney entity (id: the external id if it came from elsewhere).

    Pure, so services use it too (a hit keeps the query as an FtM snapshot);
    adapters/ftm.py reads and writes files of these.
    """
    primary = person.primary_name
    props: dict[str, list[str]] = {
        "name": [n.full for n in person.names if n.kind != NameKind.ALIAS],
        "alias": [n.full for n in person.names if n.kind == NameKind.ALIAS],
        "firstName": [primary.given] if primary.given else [],
        "lastName": [primary.family] if primary.family else [],
        "fatherName": [primary.patronymic] if primary.patronymic else [],
        "birthDate": [d.iso() for d in person.birth_dates],
        "birthPlace": [person.place_of_birth] if person.place_of_birth else [],
        "nationality": [c.lower() for c in person.nationalities],
        "gender": [person.sex.value] if person.sex != Sex.UNKNOWN else [],
        "passportNumber": [d.number for d in person.documents if d.type == DocumentType.PASSPORT],
        "idNumber": [d.number for d in person.documents if d.type != DocumentType.PASSPORT],
    }
    return {
        "id": person.external_id or f"ncbdesk-{person.id}",
        "schema": "Person",
        "properties": {k: v for k, v in props.items() if v},
    }
