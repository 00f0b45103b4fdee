"""FollowTheMoney (FtM) Person entities as JSON lines: read and write.

FtM is the entity format of OpenSanctions and Aleph: every property is a list
of strings. We read the properties a bureau's exchange partners fill for a
Person and map them to the domain; unknown properties are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ncbdesk.domain.dates import PartialDate, PartialDateError
from ncbdesk.domain.errors import FieldError, NcbError, ValidationFailed
from ncbdesk.domain.persons import (
    DocumentType,
    IdentityDocument,
    NameKind,
    Person,
    PersonName,
    Sex,
)
from ncbdesk.domain.persons import person_to_ftm as person_to_ftm  # written in the domain (pure)

MAX_LINE_BYTES = 1_000_000  # a Person entity is a few KB; a longer line is not one
_GENDER = {"male": Sex.MALE, "m": Sex.MALE, "female": Sex.FEMALE, "f": Sex.FEMALE}


def _strings(props: dict[str, Any], key: str, errors: list[FieldError]) -> list[str]:
    value = props.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(FieldError(f"properties.{key}", "must be a list of strings"))
        return []
    return [v for v in value if v.strip()]


def person_from_ftm(entity: Any, owner_bureau: str, today: Any = None) -> Person:
    """Map one FtM entity (a parsed JSON object) to a validated Person.

    Raises ValidationFailed listing every wrong field.
    """
    errors: list[FieldError] = []
    if not isinstance(entity, dict):
        raise ValidationFailed("Not an entity.", [FieldError("", "expected a JSON object")])
    schema = entity.get("schema")
    if schema != "Person":
        errors.append(FieldError("schema", f"expected 'Person', got {schema!r}"))
    entity_id = entity.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        errors.append(FieldError("id", "a non-empty string id is required"))
        entity_id = None
    props = entity.get("properties", {})
    if not isinstance(props, dict):
        errors.append(FieldError("properties", "must be an object"))
        props = {}

    full_names = _strings(props, "name", errors)
    first = _strings(props, "firstName", errors)
    last = _strings(props, "lastName", errors)
    father = _strings(props, "fatherName", errors)
    middle = _strings(props, "middleName", errors)
    aliases = _strings(props, "alias", errors) + _strings(props, "weakAlias", errors)
    names: list[PersonName] = []
    given = " ".join(first[:1] + middle[:1])
    if full_names:
        names.append(
            PersonName(
                full=full_names[0],
                given=given,
                family=last[0] if last else "",
                patronymic=father[0] if father else "",
            )
        )
        names.extend(PersonName(full=n, kind=NameKind.TRANSLITERATION) for n in full_names[1:])
    elif first or last:
        names.append(
            PersonName(
                full="",
                given=given,
                family=last[0] if last else "",
                patronymic=father[0] if father else "",
            )
        )
    names.extend(PersonName(full=a, kind=NameKind.ALIAS) for a in aliases)
    if not names:
        errors.append(FieldError("properties.name", "a Person needs a name, firstName or lastName"))

    birth_dates: list[PartialDate] = []
    for i, raw in enumerate(_strings(props, "birthDate", errors)):
        try:
            birth_dates.append(PartialDate.parse(raw))
        except PartialDateError as exc:
            errors.append(FieldError(f"properties.birthDate[{i}]", str(exc)))

    nationalities = _strings(props, "nationality", errors) + _strings(props, "citizenship", errors)
    sex = Sex.UNKNOWN
    genders = _strings(props, "gender", errors)
    if genders:
        sex = _GENDER.get(genders[0].strip().lower(), Sex.UNKNOWN)

    documents = [
        IdentityDocument(number=n, type=DocumentType.PASSPORT)
        for n in _strings(props, "passportNumber", errors)
    ] + [
        IdentityDocument(number=n, type=DocumentType.NATIONAL_ID)
        for n in _strings(props, "idNumber", errors)
    ]
    places = _strings(props, "birthPlace", errors)
    notes = _strings(props, "notes", errors)

    person = Person(
        owner_bureau=owner_bureau,
        names=names,
        birth_dates=birth_dates,
        nationalities=[n.upper() for n in nationalities],
        sex=sex,
        documents=documents,
        place_of_birth=places[0] if places else "",
        notes="\n".join(notes),
        external_id=entity_id,
    )
    try:
        person.validate(today=today)
    except ValidationFailed as exc:
        # The FtM-level message for a field says it better; keep only new ones.
        known = {e.field for e in errors}
        errors.extend(e for e in map(_ftm_path, exc.errors) if e.field not in known)
    if errors:
        raise ValidationFailed("The entity is not a valid Person.", errors)
    return person


def _ftm_path(error: FieldError) -> FieldError:
    """Name a domain field the way the FtM input spelled it."""
    head = error.field.split("[")[0].split(".")[0]
    mapping = {
        "names": "properties.name",
        "nationalities": "properties.nationality",
        "birth_dates": "properties.birthDate",
        "documents": "properties.passportNumber",
    }
    return FieldError(mapping.get(head, error.field), error.message, error.line)


@dataclass
class LineError:
    line: int
    errors: tuple[FieldError, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "errors": [e.as_dict() for e in self.errors]}

    def __str__(self) -> str:
        return f"line {self.line}: " + "; ".join(str(e) for e in self.errors)


@dataclass
class ParsedFile:
    persons: list[Person] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # source line of each person
    errors: list[LineError] = field(default_factory=list)


def read_jsonl_entities(stream: Iterable[str]) -> Iterator[tuple[int, Any | LineError]]:
    """Yield (line number, parsed object or LineError); blank lines are skipped."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_BYTES:
            yield (
                number,
                LineError(
                    number, (FieldError("", f"line longer than {MAX_LINE_BYTES} characters"),)
                ),
            )
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield (
                number,
                LineError(
                    number, (FieldError("", f"malformed JSON at column {exc.colno}: {exc.msg}"),)
                ),
            )


def parse_persons(stream: Iterable[str], owner_bureau: str, today: Any = None) -> ParsedFile:
    """Parse a whole FtM JSON-lines file, collecting every bad line."""
    parsed = ParsedFile()
    seen: dict[str, int] = {}
    for number, obj in read_jsonl_entities(stream):
        if isinstance(obj, LineError):
            parsed.errors.append(obj)
            continue
        try:
            person = person_from_ftm(obj, owner_bureau, today)
        except NcbError as exc:
            parsed.errors.append(LineError(number, exc.errors))
            continue
        if person.external_id in seen:
            parsed.errors.append(
                LineError(
                    number,
                    (
                        FieldError(
                            "id", f"duplicate of the entity on line {seen[person.external_id]}"
                        ),
                    ),
                )
            )
            continue
        if person.external_id:
            seen[person.external_id] = number
        parsed.persons.append(person)
        parsed.lines.append(number)
    return parsed


def write_jsonl(entities: Iterable[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for entity in entities:
        out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
