from datetime import date

import pytest

from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import ValidationFailed
from ncbdesk.domain.persons import (
    IdentityDocument,
    NameKind,
    Person,
    PersonName,
    PhysicalDescription,
)
from ncbdesk.domain.scripts import Script


def fields_of(exc: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {e.field: e.message for e in exc.value.errors}


def test_name_detects_script_and_direction() -> None:
    assert PersonName("Магомед Нурбагандов").script == Script.CYRILLIC
    arabic = PersonName("محمد عبد الله")
    assert arabic.script == Script.ARABIC
    assert arabic.dir == "rtl"
    assert PersonName("王小明").script == Script.HAN
    assert PersonName("მაგომედ").script == Script.GEORGIAN
    assert PersonName("Մագոմեդ").script == Script.ARMENIAN
    assert PersonName("Kolokoltsev").dir == "ltr"


def test_full_name_built_from_parts_when_missing() -> None:
    name = PersonName("", given="Иван", family="Петров", patronymic="Сергеевич")
    assert name.full == "Иван Сергеевич Петров"


def test_valid_person_normalises_codes() -> None:
    p = Person("ru", [PersonName("Ivan Petrov")], nationalities=["ru", "kz", "RU"])
    p.validate()
    assert p.owner_bureau == "RU"
    assert p.nationalities == ["RU", "KZ"]
    assert p.primary_name.kind == NameKind.PRIMARY


def test_every_wrong_field_is_reported_at_once() -> None:
    p = Person(
        "XX",
        [PersonName("  "), PersonName("x" * 400, kind=NameKind.ALIAS)],
        nationalities=["RU", "QQ"],
        documents=[IdentityDocument(" - ", issuing_country="ZZ")],
        description=PhysicalDescription(height_cm=900),
        birth_dates=[PartialDate(2090)],
    )
    with pytest.raises(ValidationFailed) as exc:
        p.validate(today=date(2026, 1, 1))
    errors = fields_of(exc)
    assert "not an ISO 3166 country code" in errors["owner_bureau"]
    assert errors["names[0].full"] == "the name is empty"
    assert "longer than" in errors["names[1].full"]
    assert "'QQ'" in errors["nationalities[1]"]
    assert errors["documents[0].number"] == "the document number is empty"
    assert "'ZZ'" in errors["documents[0].issuing_country"]
    assert "between 40 and 260" in errors["description.height_cm"]
    assert "in the future" in errors["birth_dates[0]"]


def test_person_needs_a_name() -> None:
    with pytest.raises(ValidationFailed) as exc:
        Person("RU", []).validate()
    assert "names" in fields_of(exc)


def test_control_characters_in_names_are_refused() -> None:
    with pytest.raises(ValidationFailed) as exc:
        Person("RU", [PersonName("Ivan\u200bPetrov")]).validate()
    assert "invisible" in fields_of(exc)["names[0].full"]


def test_document_number_normalised() -> None:
    assert IdentityDocument("45 12-345678").normalised_number == "4512345678"
