from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncbdesk.domain.dates import PartialDate, PartialDateError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1970", PartialDate(1970)),
        ("1970-05", PartialDate(1970, 5)),
        ("1970-05-12", PartialDate(1970, 5, 12)),
        ("1970/05", PartialDate(1970, 5)),
        ("1970/5/2", PartialDate(1970, 5, 2)),
        ("12.05.1970", PartialDate(1970, 5, 12)),
        (" 2000-02-29 ", PartialDate(2000, 2, 29)),
    ],
)
def test_parses_partial_dates(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1985-02-30", "day 30 does not exist"),
        ("1900-02-29", "day 29 does not exist"),
        ("1970-13", "month 13 does not exist"),
        ("1700", "out of range"),
        ("yesterday", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_refuses_impossible_dates_saying_why(text: str, fragment: str) -> None:
    with pytest.raises(PartialDateError, match=fragment):
        PartialDate.parse(text)


def test_precision_and_iso() -> None:
    assert PartialDate(1970).precision == "year"
    assert PartialDate(1970, 5).iso() == "1970-05"
    assert PartialDate(1970, 5, 2).iso() == "1970-05-02"


def test_is_after_only_when_every_reading_is_later() -> None:
    assert PartialDate(2030).is_after(date(2026, 1, 1))
    assert not PartialDate(2026).is_after(date(2026, 6, 1))


@given(st.text(max_size=30))
def test_parse_either_refuses_or_round_trips(text: str) -> None:
    try:
        parsed = PartialDate.parse(text)
    except PartialDateError:
        return
    assert PartialDate.parse(parsed.iso()) == parsed
