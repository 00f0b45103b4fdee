"""Batch screening files: CSV (BOM, semicolons, header) and FtM JSON lines, checked whole."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ncbdesk.adapters import batch_files
from ncbdesk.adapters.batch_files import parse_batch, parse_csv, query_person
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import ValidationFailed
from ncbdesk.domain.persons import Sex

TODAY = date(2026, 11, 30)
HEADER = "id,name,given,family,patronymic,birth_date,nationality,sex,document"


def parse(text: str, encoding: str = "utf-8"):
    return parse_batch(text.encode(encoding), "RU", TODAY)


def file_error(exc: pytest.ExceptionInfo[ValidationFailed]) -> str:
    (error,) = exc.value.errors
    assert error.field == "file"
    return error.message


def test_a_comma_separated_file_with_every_column():
    parsed = parse(
        f"{HEADER}\n"
        "q1,Нурбагандов Магомед Алиевич,,,,1985-01-02,RU,m,4510 123456\n"
        'q2,"Smith, John",John,Smith,,1960,gb,female,\n'
    )
    assert parsed.errors == []
    assert parsed.lines == [2, 3]
    first, second = parsed.persons
    assert first.external_id == "q1"
    assert first.display_name == "Нурбагандов Магомед Алиевич"
    assert first.birth_dates == [PartialDate(1985, 1, 2)]
    assert first.nationalities == ["RU"]
    assert first.sex == Sex.MALE
    assert [d.number for d in first.documents] == ["4510 123456"]
    assert second.display_name == "Smith, John"
    assert second.primary_name.given == "John"
    assert second.birth_dates == [PartialDate(1960)]
    assert second.nationalities == ["GB"]
    assert second.sex == Sex.FEMALE


def test_a_byte_order_mark_and_semicolons_as_spreadsheets_save_them():
    text = "id;name;birth_date;nationality\nq1;Иванов Иван;1970-05;RU\nq2;Петров, Пётр;;DE KZ\n"
    for encoded in ((batch_files.BOM + text).encode("utf-8"), text.encode("utf-8")):
        parsed = parse_batch(encoded, "RU", TODAY)
        assert parsed.errors == []
        assert [p.external_id for p in parsed.persons] == ["q1", "q2"]
        assert parsed.persons[0].birth_dates == [PartialDate(1970, 5)]
        assert parsed.persons[1].display_name == "Петров, Пётр"
        assert parsed.persons[1].nationalities == ["DE", "KZ"]


def test_columns_may_come_in_any_order_and_some_may_be_missing():
    parsed = parse("Nationality,Family,Given\nRU,Иванов,Иван\n")
    (person,) = parsed.persons
    assert person.display_name == "Иван Иванов"
    assert person.external_id == "line-2"


def test_a_file_without_a_header_row_is_refused():
    with pytest.raises(ValidationFailed) as exc:
        parse("q1,Иванов Иван,1970-05-12,RU\n")
    assert "header" in file_error(exc)


def test_a_header_with_unknown_or_repeated_columns_is_refused():
    with pytest.raises(ValidationFailed) as exc:
        parse("id,name,dob\nq1,Иванов Иван,1970\n")
    assert "'dob'" in file_error(exc)
    with pytest.raises(ValidationFailed) as exc:
        parse("id,name,name\nq1,A,B\n")
    assert "twice" in file_error(exc)


def test_every_bad_row_is_reported_by_line_and_column():
    parsed = parse(
        f"{HEADER}\n"
        "q1,Иванов Иван,,,,1970-05-12,RU,,\n"
        "q2,Петров Пётр,,,,1985-02-30,XX,x,\n"
        "\n"
        "q3,,,,,,,,\n"
        "q1,Сидоров,,,,,,,\n"
        "q5,Котов,,,,2030-01-01,,,\n"
    )
    assert [p.external_id for p in parsed.persons] == ["q1"]
    found = {(e.line, f.field): f.message for e in parsed.errors for f in e.errors}
    assert set(found) == {
        (3, "birth_date"),
        (3, "nationality"),
        (3, "sex"),
        (5, "name"),
        (6, "id"),
        (7, "birth_date"),
    }
    assert "does not exist" in found[(3, "birth_date")]
    assert "not an ISO 3166 country code" in found[(3, "nationality")]
    assert found[(6, "id")] == "the same id as line 2"
    assert "future" in found[(7, "birth_date")]
    assert all(f.line == e.line for e in parsed.errors for f in e.errors)


def test_a_row_with_more_cells_than_the_header_is_an_error():
    parsed = parse("id,name\nq1,Иванов,extra\n")
    ((line_error),) = parsed.errors
    assert line_error.line == 2
    assert "3 cells" in line_error.errors[0].message


def test_a_quoted_cell_across_lines_keeps_the_line_it_started_on():
    parsed = parse('id,name,birth_date\nq1,"Иванов\nИван",1970\nq2,Петров,1970-13\n')
    assert parsed.persons[0].display_name == "Иванов Иван"
    (bad,) = parsed.errors
    assert bad.line == 4


def test_a_file_over_the_size_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(batch_files, "MAX_BYTES", 100)
    with pytest.raises(ValidationFailed) as exc:
        parse(HEADER + "\n" + "q,Иванов Иван,,,,,,,\n" * 10)
    assert "larger than" in file_error(exc)


def test_more_rows_than_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(batch_files, "MAX_ROWS", 3)
    rows = "".join(f"q{i},Иванов Иван\n" for i in range(4))
    with pytest.raises(ValidationFailed) as exc:
        parse("id,name\n" + rows)
    assert "more than 3 rows" in file_error(exc)
    assert len(parse("id,name\n" + rows[: rows.index("q3")]).persons) == 3


def test_the_type_is_decided_by_content_not_by_name():
    with pytest.raises(ValidationFailed) as exc:
        parse_batch(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "RU", TODAY)
    assert "not a text file" in file_error(exc)
    with pytest.raises(ValidationFailed) as exc:
        parse("id,name\nq1,Иванов\n", encoding="cp1251")
    assert "not UTF-8" in file_error(exc)
    with pytest.raises(ValidationFailed) as exc:
        parse_batch(b"  \n\n", "RU", TODAY)
    assert "empty" in file_error(exc)


def test_ftm_json_lines_are_read_with_their_line_numbers():
    good = {"id": "e1", "schema": "Person", "properties": {"name": ["Иванов Иван"]}}
    bad = {"id": "e2", "schema": "Person", "properties": {"birthDate": ["1970-13-01"]}}
    text = json.dumps(good) + "\n\n" + json.dumps(bad) + "\nnot json\n"
    parsed = parse(batch_files.BOM + text)
    assert [p.external_id for p in parsed.persons] == ["e1"]
    assert [e.line for e in parsed.errors] == [3, 4]


def test_the_screening_form_shares_the_row_rules():
    with pytest.raises(ValidationFailed) as exc:
        query_person({"name": "", "birth_date": "12.13.1970"}, "RU", TODAY)
    assert {e.field for e in exc.value.errors} == {"name", "birth_date"}
    person = query_person({"given": "Иван", "patronymic": "Иванович"}, "RU", TODAY)
    assert person.display_name == "Иван Иванович"
    assert person.external_id is None


def test_csv_text_may_be_parsed_directly():
    parsed = parse_csv(batch_files.BOM + "name\nИванов\n", "RU", TODAY)
    assert [p.display_name for p in parsed.persons] == ["Иванов"]
