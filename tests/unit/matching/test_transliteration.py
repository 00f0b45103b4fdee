"""Cross-script and cross-scheme names meet (real ICU and iuliia, no mocks)."""

from __future__ import annotations

import iuliia
import pytest

from ncbdesk.matching import score

from .conftest import BERIDZE, KHACHATRYAN, KOLOKOLTSEV, RASHID, XI, query

SCHEMES = ("ICAO_DOC_9303", "MVD_310", "MVD_782", "GOST_52535", "BGN_PCGN", "GOST_779",
           "SCIENTIFIC", "ALA_LC", "MVD_310_FR", "WIKIPEDIA")  # fmt: skip


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_russian_scheme_meets_the_cyrillic_record(scheme: str) -> None:
    s = getattr(iuliia, scheme)
    q = query(given=s.translate("Владимир"), family=s.translate("Колокольцев"), dob="1961-05-11")
    m = score(q, KOLOKOLTSEV)
    assert m.alert, (scheme, m)


@pytest.mark.parametrize(
    "spelling",
    [
        "Kolokoltsev",
        "Kolokol'tsev",
        "Kolokoltcev",
        "Kolokolcev",
        "Kolokolzew",
        "Kolokoltsiev",
    ],
)
def test_spellings_of_kolokoltsev_collapse(spelling: str) -> None:
    m = score(query(f"Vladimir {spelling}", "1961-05-11"), KOLOKOLTSEV)
    assert m.alert and m.features["name"] >= 0.9, m


def test_reason_names_the_scheme() -> None:
    m = score(query(given="Vladimir", family="Kolokoltcev", dob="1961-05-11"), KOLOKOLTSEV)
    assert any("GOST R 52535.1" in r and "Колокольцев" in r for r in m.reasons), m.reasons


def test_arabic_script_meets_latin_spelling_variants() -> None:
    for spelling in ("Mohammed Abdullah Al-Rashid", "Muhammad Abdallah Rashid", "Mohamed Rashid"):
        m = score(query(spelling, "1980-03-02"), RASHID)
        assert m.alert, (spelling, m)


def test_equivalent_names_across_languages() -> None:
    m = score(query("Magomed Rashid", "1980-03-02"), RASHID)
    assert m.alert
    assert any("Muhammad" in r for r in m.reasons)


def test_known_different_names_do_not_meet() -> None:
    subject = query("Hasan Rashid", "1980-03-02")
    assert not score(subject, RASHID).alert


def test_han_meets_pinyin_in_any_order() -> None:
    assert score(query(family="Xi", given="Jinping", dob="1953-06-15"), XI).alert
    assert score(query("Jinping Xi", "1953-06-15"), XI).alert


def test_georgian_and_armenian_scripts_meet_romanised() -> None:
    assert score(query("BERIDZE Giorgi", "1975-01-20"), BERIDZE).alert
    assert score(query("Hovhannes Khachatryan", "1982-09-30"), KHACHATRYAN).alert


def test_upper_case_georgian_is_not_lost() -> None:
    m = score(query("ᲒᲘᲝᲠᲒᲘ ᲑᲔᲠᲘᲫᲔ", "1975-01-20"), BERIDZE)
    assert m.alert, m
