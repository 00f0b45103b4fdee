"""Partial birth dates ("1970", "1970-05", "1970-05-12") and how two compare."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from operator import ne

from . import weights as W

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

PartialDate = tuple[int, int, int]  # 0 for an unknown month or day


@lru_cache(maxsize=100_000)
def parse_date(text: str) -> PartialDate | None:
    """Parse an ISO partial date; anything unparsable gives ``None``."""
    if not isinstance(text, str):
        return None
    m = _ISO.match(text[:32])
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2) or 0)
    d = int(m.group(3) or 0)
    if not 1800 <= y <= 2200 or not 0 <= mo <= 12 or not 0 <= d <= 31 or (d and not mo):
        return None
    if d:
        try:
            dt.date(y, mo, d)
        except ValueError:
            return None
    return (y, mo, d)


@lru_cache(maxsize=100_000)  # explanations: a list's birth dates repeat
def _fmt(d: PartialDate) -> str:
    y, m, day = d
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{day:02d}" if day else "")


@lru_cache(maxsize=100_000)
def _digits(d: PartialDate) -> str:
    return f"{d[0]:04d}{d[1]:02d}{d[2]:02d}"


@lru_cache(maxsize=100_000)
def _ordinal(d: PartialDate) -> int:
    return dt.date(*d).toordinal()


def _same_year_text(a: PartialDate, b: PartialDate) -> str:
    """Two dates of one year that no typo, swap or one-day slip explains."""
    parts = [w for w, x, y in (("day", a[2], b[2]), ("month", a[1], b[1])) if x and y and x != y]
    return f"birth date: {_fmt(a)} vs {_fmt(b)}, same year, different {' and '.join(parts)}"


def compare_dates(a: PartialDate, b: PartialDate) -> tuple[float, str]:
    """Score contribution and reason for one pair of dates."""
    value, kind = date_evidence(a, b)
    return value, date_reason(kind, a, b)


@lru_cache(maxsize=200_000)
def date_evidence(a: PartialDate, b: PartialDate) -> tuple[float, str]:
    """Score contribution and kind of one pair of dates (:func:`date_reason` words it).

    The scorer compares every candidate's dates and explains only the best
    matches: the reason is written for those alone.
    """
    (ya, ma, da), (yb, mb, db) = a, b
    full = ma and da and mb and db
    if full:
        if a == b:
            return W.DOB_EXACT, "identical"
        if ya == yb and ma == db and da == mb:
            return W.DOB_SWAP, "swap"
        if abs(_ordinal(a) - _ordinal(b)) == 1:
            return W.DOB_ONE_DAY, "one day"
        if sum(map(ne, _digits(a), _digits(b))) == 1:  # both eight digits
            return W.DOB_DIGIT_TYPO, "one digit"
        if ya == yb:
            return W.DOB_SAME_YEAR_DIFF_DAY, "same year"
    if ya == yb:
        if ma and mb and ma != mb:
            return W.DOB_SAME_YEAR_DIFF_DAY, "same year"
        if ma and mb:
            return W.DOB_SAME_MONTH, "as far as known"
        return W.DOB_SAME_YEAR, "year"
    if abs(ya - yb) == 1:
        return W.DOB_YEAR_OFF_BY_ONE, "year by one"
    if sum(map(ne, str(ya), str(yb))) == 1:  # both four digits (parse_date)
        return W.DOB_YEAR_OFF_BY_ONE, "year by one digit"
    return W.DOB_DIFFERENT, "apart"


# date_evidence's kinds and how each is worded ({a} and {b} the two dates,
# {year} the first one's year, {apart} the years between them).
_REASONS = {
    "identical": "birth date {a} identical",
    "swap": "birth date: day and month swapped ({a} vs {b})",
    "one day": "birth date one day apart ({a} vs {b})",
    "one digit": "birth date differs by one digit ({a} vs {b}): a typo, or another person",
    "as far as known": "birth date agrees as far as known ({a} vs {b})",
    "year": "birth year {year} agrees (partial date)",
    "year by one": "birth year differs by one ({a} vs {b})",
    "year by one digit": "birth year differs by one digit ({a} vs {b})",
    "apart": "born {apart} years apart ({a} vs {b})",
}


def date_reason(kind: str, a: PartialDate, b: PartialDate) -> str:
    """The reason for :func:`date_evidence`'s ``kind`` of ``a`` against ``b``."""
    if kind == "same year":
        return _same_year_text(a, b)
    return _REASONS[kind].format(a=_fmt(a), b=_fmt(b), year=a[0], apart=abs(a[0] - b[0]))


# The best pairing: its value, and the two dates that :func:`compare_dates` explains.
DateMatch = tuple[float, PartialDate, PartialDate]


def best_date_match(qs: tuple[PartialDate, ...], cs: tuple[PartialDate, ...]) -> DateMatch | None:
    """The most favourable pairing; ``None`` when either side has no date."""
    best: DateMatch | None = None
    for a in qs:
        for b in cs:
            value = date_evidence(a, b)[0]
            if best is None or value > best[0]:
                best = (value, a, b)
    return best
