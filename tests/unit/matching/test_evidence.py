"""Dates, nationality, sex and documents as supporting or contradicting evidence."""

from __future__ import annotations

from ncbdesk.matching import NameInput, Subject, score

from .conftest import IVANOV, KOLOKOLTSEV, query


def _q(dob: str = "", **kw: object) -> Subject:
    return Subject(id="q", names=(NameInput(full="Sergey Ivanov"),),
                   birth_dates=(dob,) if dob else (), **kw)  # type: ignore[arg-type]  # fmt: skip


def test_date_variants_support() -> None:
    exact = score(_q("1970-01-01"), IVANOV)
    for dob, words in (("1970-01-02", "one day"), ("1970", "partial"), ("1971-01-01", "one"),
                       ("1970-01-07", "one digit")):  # fmt: skip
        m = score(_q(dob), IVANOV)
        assert m.score <= exact.score, dob
        assert any(words in r for r in m.reasons), (dob, m.reasons)


def test_day_month_swap() -> None:
    m = score(query("Vladimir Kolokoltsev", "1961-11-05"), KOLOKOLTSEV)
    assert m.alert
    assert any("day and month swapped" in r for r in m.reasons)


def test_bad_dates_are_ignored() -> None:
    for dob in ("1970-02-30", "not a date", "19", "0000-00-00", "1970-13-01", "1970-00-05"):
        m = score(_q(dob), IVANOV)
        assert "birth_date" not in m.features, dob


def test_nationality_and_sex_contradict() -> None:
    base = score(_q("1970-01-01"), IVANOV).score
    other = score(_q("1970-01-01", nationalities=("kz",)), IVANOV)
    assert other.score < base
    assert any("nationality differs (KZ vs RU)" in r for r in other.reasons)
    female = score(_q("1970-01-01", sex="female"), Subject(**{**IVANOV.__dict__, "sex": "male"}))
    assert female.score < base


def test_same_document_supports_but_is_not_enough_alone() -> None:
    q = Subject(id="q", names=(NameInput(full="Vladimir Kolokoltsev"),), documents=("4507-123456",))
    with_doc = score(q, KOLOKOLTSEV)
    assert with_doc.alert and "document" in with_doc.features
    stranger = Subject(id="q", names=(NameInput(full="John Smith"),), documents=("450 712 3456",))
    m = score(stranger, KOLOKOLTSEV)
    assert not m.alert
    assert any("names differ" in r for r in m.reasons)


def test_different_document_is_no_evidence_against() -> None:
    a = score(Subject(id="q", names=(NameInput(full="Vladimir Kolokoltsev"),),
                      documents=("99 99 999999",)), KOLOKOLTSEV)  # fmt: skip
    b = score(Subject(id="q", names=(NameInput(full="Vladimir Kolokoltsev"),)), KOLOKOLTSEV)
    assert a.score == b.score


def test_unexplained_same_year_dates_say_what_differs() -> None:
    rec = Subject(**{**IVANOV.__dict__, "birth_dates": ("1984-03-02",)})
    m = score(_q("1984-07-19"), rec)
    assert "birth date: 1984-07-19 vs 1984-03-02, same year, different day and month" in m.reasons
    m = score(_q("1984-03-19"), rec)
    assert "birth date: 1984-03-19 vs 1984-03-02, same year, different day" in m.reasons
    m = score(_q("1984-07"), rec)
    assert "birth date: 1984-07 vs 1984-03-02, same year, different month" in m.reasons


def test_one_digit_apart_is_weaker_than_one_day_apart() -> None:
    # Another person's date is one digit off about 1 time in 600; one day off
    # about 1 time in 10,000. A one-digit difference supports no more than a
    # birth year shared with a year-only record.
    one_digit = score(_q("1980-01-01"), IVANOV)  # 1970 vs 1980: a typo, or a namesake
    one_day = score(_q("1970-01-02"), IVANOV)
    year_only = score(_q("1970-05-05"), Subject(**{**IVANOV.__dict__, "birth_dates": ("1970",)}))
    assert one_digit.features["birth_date"] < one_day.features["birth_date"]
    assert one_digit.features["birth_date"] <= year_only.features["birth_date"]
    assert any("a typo, or another person" in r for r in one_digit.reasons)


def test_other_nationality_outweighs_a_one_digit_date_but_not_an_identical_one() -> None:
    near = score(_q("1980-01-01", nationalities=("KZ",)), IVANOV)  # 1970 vs 1980
    assert not near.alert, near
    same = score(_q("1970-01-01", nationalities=("KZ",)), IVANOV)
    assert same.alert, same


def test_other_sex_outweighs_a_near_date_but_not_an_identical_one() -> None:
    male = Subject(**{**IVANOV.__dict__, "sex": "male"})
    near = score(_q("1970-01-02", sex="female"), male)
    assert not near.alert and any("sex differs (female vs male)" in r for r in near.reasons)
    same = score(_q("1970-01-01", sex="female"), male)
    assert same.alert, same
