"""Reading INTERPOL's public notice JSON: every shape, every error with its place."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ncbdesk.adapters.interpol import InterpolParse, parse_interpol_file
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import ValidationFailed
from ncbdesk.domain.notices import NoticeStatus, NoticeType
from ncbdesk.domain.persons import Sex

FIXTURES = Path(__file__).parents[2] / "fixtures" / "interpol"


def parse_fixture(name: str, kind: str | None = None, **kw: Any) -> InterpolParse:
    return parse_interpol_file((FIXTURES / name).read_text(encoding="utf-8"), kind, **kw)


def parse_obj(obj: object, kind: str | None = None, **kw: Any) -> InterpolParse:
    return parse_interpol_file(json.dumps(obj), kind, **kw)


def errors_of(parsed: InterpolParse) -> list[tuple[int | None, str, str]]:
    return [(e.line, e.field, e.message) for e in parsed.errors]


def detail(**fields: Any) -> dict[str, Any]:
    """A minimal red detail record, with `fields` changed."""
    base: dict[str, Any] = {
        "entity_id": "2020/11111",
        "forename": "IVAN",
        "name": "PETROV",
        "date_of_birth": "1970/05/12",
        "nationalities": ["RU"],
        "_links": {"self": {"href": "https://ws-public.interpol.int/notices/v1/red/2020-11111"}},
    }
    base.update(fields)
    return base


def only_error(parsed: InterpolParse) -> tuple[str, str]:
    assert not parsed.records
    assert len(parsed.errors) == 1, parsed.errors
    return parsed.errors[0].field, parsed.errors[0].message


# -- the shapes ---------------------------------------------------------------


def test_red_list_page() -> None:
    parsed = parse_fixture("red-list.json")
    assert parsed.ok and parsed.shape == "list" and parsed.total == 4
    assert [r.notice.reference for r in parsed.records] == [
        "2021/48213",
        "2019/31577",
        "2023/10942",
        "2018/77015",
    ]
    assert [r.path for r in parsed.records] == [f"_embedded.notices[{i}]" for i in range(4)]
    assert all(r.partial and r.line is None for r in parsed.records)
    first, second, third, fourth = parsed.records
    assert first.notice.type == NoticeType.RED
    assert first.notice.title == "Red Notice — GADZHIEV, MAGOMED ALIEVICH"
    assert first.notice.status == NoticeStatus.PUBLISHED
    assert first.notice.published_on is None and first.notice.valid_until is None
    assert first.notice.judicial is not None
    assert first.notice.judicial.offence == ""
    assert first.notice.judicial.extradition_countries == []
    assert first.notice.subject_ids == [first.person.id]
    name = first.person.primary_name
    assert (name.full, name.given, name.family) == (
        "MAGOMED ALIEVICH GADZHIEV",
        "MAGOMED ALIEVICH",
        "GADZHIEV",
    )
    assert first.person.external_id == "interpol:2021/48213"
    assert first.person.birth_dates == [PartialDate(1984, 3, 17)]
    assert second.person.birth_dates == [PartialDate(1979, 11)]
    assert third.person.birth_dates == [PartialDate(1990)]
    assert fourth.person.birth_dates == []  # "date_of_birth": null
    # A list entry has no warrant: the first nationality stands in as owner.
    assert third.person.nationalities == ["KG", "RU"]
    assert third.notice.owner_bureau == third.person.owner_bureau == "KG"
    assert "https://ws-public.interpol.int/notices/v1/red/2021-48213" in first.person.notes


def test_red_detail_record() -> None:
    parsed = parse_fixture("red-detail.json")
    assert parsed.ok and parsed.shape == "detail" and parsed.total is None
    [rec] = parsed.records
    assert rec.path == "" and rec.line is None and not rec.partial
    p, n = rec.person, rec.notice
    assert p.sex == Sex.MALE
    assert p.place_of_birth == "MAKHACHKALA, REPUBLIC OF DAGESTAN (Russian Federation)"
    assert p.description.height_cm == 178  # 1.78 m
    assert p.description.weight_kg == 82
    assert p.description.eye_colour == "brown"
    assert p.description.hair_colour == "black"
    assert p.description.distinguishing_marks == "Scar on the left forearm"
    assert "Languages spoken: Russian, Avar." in p.notes
    assert n.owner_bureau == p.owner_bureau == "RU"  # arrest_warrants[0].issuing_country_id
    assert n.judicial is not None
    assert n.judicial.offence.startswith("Robbery committed by an organised group")
    assert n.summary == "Wanted by Russian Federation."


def test_json_lines_of_red_details() -> None:
    parsed = parse_fixture("red-details.jsonl")
    assert parsed.ok and parsed.shape == "jsonl"
    assert [(r.line, r.path) for r in parsed.records] == [(1, ""), (2, "")]
    second = parsed.records[1]
    assert second.person.description.height_cm == 182  # "182" (centimetres, as text)
    assert second.person.description.weight_kg is None  # "0": not known
    assert second.person.description.hair_colour == "black, grey"
    assert second.notice.owner_bureau == "KW"
    assert second.notice.judicial is not None
    assert second.notice.judicial.offence == (
        "Escroquerie et blanchiment d'argent (translation: Fraud and money laundering); "
        "Forgery of official documents"
    )


def test_yellow_list_page_takes_its_type_from_the_links() -> None:
    parsed = parse_fixture("yellow-list.json")
    assert parsed.ok and parsed.total == 2
    assert {r.notice.type for r in parsed.records} == {NoticeType.YELLOW}
    assert parsed.records[0].notice.title == "Yellow Notice — ABDULLAEVA, DILNOZA"
    assert all(r.notice.judicial is None for r in parsed.records)
    assert parsed.records[1].person.birth_dates == [PartialDate(2009, 2)]


def test_yellow_detail_record() -> None:
    [rec] = parse_fixture("yellow-detail.json").records
    assert rec.notice.type == NoticeType.YELLOW
    assert rec.notice.summary == "Missing since 2022-04-11 in ALMATY, Kazakhstan."
    assert rec.notice.owner_bureau == "UZ"  # the first nationality, as a list entry would say
    assert rec.person.sex == Sex.FEMALE
    assert rec.person.description.height_cm == 158  # centimetres, as a number
    assert "Father: RUSTAM ABDULLAEV." in rec.person.notes
    assert "Mother: GULNORA ABDULLAEVA." in rec.person.notes
    assert "Languages spoken: Uzbek, Russian." in rec.person.notes


def test_un_detail_record() -> None:
    [rec] = parse_fixture("un-detail.json").records
    n = rec.notice
    assert n.type == NoticeType.UN
    assert n.title == "INTERPOL–UN Security Council Special Notice — AL-TIKRITI, ABU BAKR MUHAMMAD"
    assert n.summary.startswith("UN Security Council reference QDi.999, listed 2011-10-04. Listed")
    assert n.judicial is None
    assert rec.person.birth_dates == [PartialDate(1971)]
    assert rec.person.place_of_birth == "TIKRIT (Iraq)"


def test_every_record_is_valid_as_stored() -> None:
    for name in ("red-list.json", "red-details.jsonl", "yellow-detail.json", "un-detail.json"):
        for rec in parse_fixture(name).records:
            rec.person.validate(today=date(2026, 1, 1))
            rec.notice.validate()


def test_a_json_array_of_details() -> None:
    parsed = parse_obj([detail(), detail(entity_id="2020/22222", name="SIDOROV")])
    assert parsed.shape == "array" and parsed.ok
    assert [r.path for r in parsed.records] == ["[0]", "[1]"]


def test_json_lines_may_hold_list_pages() -> None:
    page = json.loads((FIXTURES / "yellow-list.json").read_text(encoding="utf-8"))
    text = json.dumps(detail()) + "\n" + json.dumps(page) + "\n"
    parsed = parse_interpol_file(text)
    assert parsed.ok and parsed.shape == "jsonl" and parsed.total == 2
    assert [(r.line, r.path) for r in parsed.records] == [
        (1, ""),
        (2, "_embedded.notices[0]"),
        (2, "_embedded.notices[1]"),
    ]


def test_an_empty_list_page() -> None:
    parsed = parse_obj({"total": 0, "query": {"page": 1}, "_links": {}})
    assert parsed.ok and parsed.shape == "list" and parsed.total == 0 and not parsed.records


# -- the kind of notice --------------------------------------------------------


def test_kind_hint_types_a_record_without_links() -> None:
    rec = detail()
    del rec["_links"]
    [got] = parse_obj(rec, "Yellow").records
    assert got.notice.type == NoticeType.YELLOW
    assert got.notice.judicial is None


def test_fields_tell_the_type_when_nothing_else_does() -> None:
    rec = detail(un_reference="QDi.100")
    del rec["_links"]
    [got] = parse_obj(rec).records
    assert got.notice.type == NoticeType.UN


def test_no_kind_anywhere_is_an_error() -> None:
    rec = detail()
    del rec["_links"]
    field, message = only_error(parse_obj(rec))
    assert field == "(record)" and "give the kind" in message


def test_a_link_that_contradicts_the_kind_hint() -> None:
    assert only_error(parse_obj(detail(), "yellow")) == (
        "_links.self.href",
        "links to a red notice, the file is read as yellow",
    )


def test_a_notice_family_that_is_not_public() -> None:
    rec = detail(_links={"self": {"href": "https://ws-public.interpol.int/notices/v1/blue/1"}})
    field, message = only_error(parse_obj(rec))
    assert field == "_links.self.href" and "'blue'" in message


def test_an_unknown_kind_hint_is_refused() -> None:
    with pytest.raises(ValidationFailed) as exc:
        parse_obj(detail(), "purple")
    assert exc.value.errors[0].field == "kind_hint"


# -- liberal in what it accepts --------------------------------------------------


@pytest.mark.parametrize(
    ("height", "expected"),
    [(1.75, 175), (175, 175), ("1.75", 175), ("1,75", 175), ("175 cm", 175), ("1.75 m", 175),
     (0, None), (None, None), ("", None)],
)  # fmt: skip
def test_height_in_metres_or_centimetres(height: object, expected: int | None) -> None:
    [rec] = parse_obj(detail(height=height)).records
    assert rec.person.description.height_cm == expected


def test_nulls_strings_for_lists_and_numbers_for_text() -> None:
    rec = detail(
        date_of_birth=1970,
        nationalities="kz",
        sex_id="f",
        weight="61",
        eyes_colors_id="XYZ",
        hairs_id=None,
        place_of_birth=None,
        languages_spoken_ids=["KAZ", None, "ZZZ"],
        arrest_warrants=[
            {"charge": "Fraud", "issuing_country_id": "kz", "charge_translation": None}
        ],
    )
    [got] = parse_obj(rec).records
    p = got.person
    assert p.birth_dates == [PartialDate(1970)]
    assert p.nationalities == ["KZ"]
    assert p.sex == Sex.FEMALE
    assert p.description.weight_kg == 61
    assert p.description.eye_colour == "XYZ"  # an unknown code is kept, not guessed
    assert p.place_of_birth == ""
    assert "Languages spoken: Kazakh, ZZZ." in p.notes
    assert got.notice.owner_bureau == "KZ"


def test_warrants_from_several_countries_name_each_country() -> None:
    warrants = [
        {"charge": "Fraud", "issuing_country_id": "KZ"},
        {"charge": "Theft", "issuing_country_id": "KG"},
    ]
    [got] = parse_obj(detail(arrest_warrants=warrants)).records
    assert got.notice.judicial is not None
    assert got.notice.judicial.offence == "Fraud [KZ]; Theft [KG]"
    assert got.notice.summary == "Wanted by Kazakhstan, Kyrgyzstan."
    assert got.notice.owner_bureau == "KZ"


def test_owner_named_by_the_caller_when_the_record_names_none() -> None:
    rec = detail(nationalities=[])
    [got] = parse_obj(rec, owner="ru").records
    assert got.notice.owner_bureau == got.person.owner_bureau == "RU"
    assert only_error(parse_obj(rec)) == (
        "(record)",
        "no issuing country or nationality to name the owning bureau: give an owner",
    )


def test_a_long_name_still_gives_a_valid_title() -> None:
    [got] = parse_obj(detail(name="A" * 200, forename="B" * 99)).records
    assert len(got.notice.title) == 300 and got.notice.title.endswith("…")


# -- strict in what it stores -----------------------------------------------------


def test_bad_list_page_names_each_problem_by_path() -> None:
    parsed = parse_fixture("bad-list.json")
    assert [r.notice.reference for r in parsed.records] == ["2020/60418"]
    assert errors_of(parsed) == [
        (None, "_embedded.notices[1].date_of_birth", "day 30 does not exist in 1985-02"),
        (
            None,
            "_embedded.notices[2].nationalities[1]",
            "'QQ' is not a country code (ISO 3166 alpha-2)",
        ),
        (
            None,
            "_embedded.notices[3].entity_id",
            "missing: every notice has an entity_id such as '2019/12345'",
        ),
        (None, "_embedded.notices[4].forename", "expected text, got a list"),
        (
            None,
            "_embedded.notices[5]._links.self.href",
            "links to a yellow notice, in a page of red",
        ),
    ]
    with pytest.raises(ValidationFailed) as exc:
        parsed.raise_if_errors()
    assert len(exc.value.errors) == 5


def test_bad_json_lines_name_each_problem_by_line() -> None:
    parsed = parse_fixture("bad.jsonl")
    assert [(r.line, r.notice.reference) for r in parsed.records] == [(1, "2017/11802")]
    assert parsed.records[0].person.description.height_cm == 175  # "1,75"
    assert errors_of(parsed) == [
        (2, "date_of_birth", "month 13 does not exist"),
        (2, "height", "3.4 is not a person's height in metres or centimetres"),
        (2, "sex_id", "'X' is not M, F or U"),
        (
            2,
            "arrest_warrants[0].issuing_country_id",
            "'ZZ' is not a country code (ISO 3166 alpha-2)",
        ),
        (
            3,
            "",
            "malformed JSON at line 1, column 50: "
            "Expecting property name enclosed in double quotes",
        ),
        (4, "arrest_warrants", "a field of red notices, in a record read as yellow"),
    ]


@pytest.mark.parametrize(
    ("fields", "where", "fragment"),
    [
        ({"entity_id": 201912345}, "entity_id", "expected text"),
        ({"entity_id": "2019 / 1"}, "entity_id", "is not an INTERPOL notice id"),
        ({"name": None, "forename": ""}, "name", "name or forename is required"),
        ({"nationalities": 7}, "nationalities", "expected a list of text, got a number"),
        ({"weight": 900}, "weight", "not a person's weight"),
        ({"weight": True}, "weight", "got true/false"),
        ({"height": "tall"}, "height", "'tall' is not a number"),
        ({"height": "80 kg"}, "height", "a height in kilograms"),
        ({"weight": "80 cm"}, "weight", "a weight in cm"),
        ({"country_of_birth_id": "SU"}, "country_of_birth_id", "'SU' is not a country code"),
        ({"arrest_warrants": "Fraud"}, "arrest_warrants", "expected a list of objects, got text"),
        ({"arrest_warrants": ["Fraud"]}, "arrest_warrants[0]", "expected an object, got text"),
        ({"date_of_birth": "12 May 1970"}, "date_of_birth", "is not a date"),
        ({"name": "X" * 301}, "name", "longer than 300 characters"),
        ({"remarks": "x" * 4001, "un_reference": "Q"}, "remarks", "longer than 4000"),
    ],
)
def test_field_errors(fields: dict[str, Any], where: str, fragment: str) -> None:
    rec = detail(**fields)
    if "un_reference" in fields:
        del rec["_links"]
    parsed = parse_obj([rec])
    assert not parsed.records
    assert [e.field for e in parsed.errors] == [f"[0].{where}"]
    assert fragment in parsed.errors[0].message


def test_birth_date_in_the_future_is_refused_when_today_is_given() -> None:
    rec = detail(date_of_birth="2031/01")
    assert parse_obj(rec).ok
    assert only_error(parse_obj(rec, today=date(2026, 11, 30))) == (
        "date_of_birth",
        "2031-01 is in the future",
    )


def test_the_same_notice_twice_in_a_file() -> None:
    text = json.dumps(detail()) + "\n" + json.dumps(detail(forename="IVAN I.")) + "\n"
    parsed = parse_interpol_file(text)
    assert len(parsed.records) == 1
    assert errors_of(parsed) == [(2, "entity_id", "the same notice as line 1")]


def test_nan_is_not_a_number() -> None:
    parsed = parse_interpol_file('{"entity_id": "2020/1", "name": "X", "height": NaN}')
    assert parsed.shape == "invalid" and "NaN" in parsed.errors[0].message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("  \n\n", "the file is empty"),
        ('{"entity_id": "2020/1",\n "name": }', "malformed JSON at line 2, column 10"),
    ],
)
def test_unreadable_files(text: str, message: str) -> None:
    parsed = parse_interpol_file(text)
    assert not parsed.records and len(parsed.errors) == 1
    assert parsed.errors[0].message.startswith(message)


def test_not_a_notice_object() -> None:
    parsed = parse_interpol_file('["RU", 3]')
    assert errors_of(parsed) == [
        (None, "[0]", "expected a notice object, got text"),
        (None, "[1]", "expected a notice object, got a number"),
    ]
