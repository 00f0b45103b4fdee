"""Partial birth dates ("1970", "1970-05", "1970-05-12") and how two compare."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

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


def _fmt(d: PartialDate) -> str:
    y, m, day = d
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{day:02d}" if day else "")


def _digits(d: PartialDate) -> str:
    return f"{d[0]:04d}{d[1]:02d}{d[2]:02d}"


def _same_year_text(a: PartialDate, b: PartialDate) -> str:
    """Two dates of one year that no typo, swap or one-day slip explains."""
    parts = [w for w, x, y in (("day", a[2], b[2]), ("month", a[1], b[1])) if x and y and x != y]
    return f"birth date: {_fmt(a)} vs {_fmt(b)}, same year, different {' and '.join(parts)}"


@lru_cache(maxsize=200_000)
def compare_dates(a: PartialDate, b: PartialDate) -> tuple[float, str]:
    """Score contribution and reason for one pair of dates."""
    (ya, ma, da), (yb, mb, db) = a, b
    full = ma and da and mb and db
    if full and a == b:
        return W.DOB_EXACT, f"birth date {_fmt(a)} identical"
    if full:
        if ya == yb and ma == db and da == mb:
            return W.DOB_SWAP, f"birth date: day and month swapped ({_fmt(a)} vs {_fmt(b)})"
        delta = abs((dt.date(ya, ma, da) - dt.date(yb, mb, db)).days)
        if delta == 1:
            return W.DOB_ONE_DAY, f"birth date one day apart ({_fmt(a)} vs {_fmt(b)})"
        diff = sum(x != y for x, y in zip(_digits(a), _digits(b), strict=True))
        if diff == 1:
            return (
                W.DOB_DIGIT_TYPO,
                f"birth date differs by one digit ({_fmt(a)} vs {_fmt(b)}): "
                "a typo, or another person",
            )
        if ya == yb:
            return W.DOB_SAME_YEAR_DIFF_DAY, _same_year_text(a, b)
    if ya == yb:
        if ma and mb and ma != mb:
            return W.DOB_SAME_YEAR_DIFF_DAY, _same_year_text(a, b)
        if ma and mb:
            return W.DOB_SAME_MONTH, f"birth date agrees as far as known ({_fmt(a)} vs {_fmt(b)})"
        return W.DOB_SAME_YEAR, f"birth year {ya} agrees (partial date)"
    if abs(ya - yb) == 1 or sum(x != y for x, y in zip(str(ya), str(yb), strict=True)) == 1:
        if abs(ya - yb) == 1:
            return W.DOB_YEAR_OFF_BY_ONE, f"birth year differs by one ({_fmt(a)} vs {_fmt(b)})"
        return W.DOB_YEAR_OFF_BY_ONE, f"birth year differs by one digit ({_fmt(a)} vs {_fmt(b)})"
    return W.DOB_DIFFERENT, f"born {abs(ya - yb)} years apart ({_fmt(a)} vs {_fmt(b)})"


def best_date_match(qs: tuple[PartialDate, ...], cs: tuple[PartialDate, ...]) -> tuple[float, str]:
    """The most favourable pairing; (0, "") when either side has no date."""
    best: tuple[float, str] | None = None
    for a in qs:
        for b in cs:
            r = compare_dates(a, b)
            if best is None or r[0] > best[0]:
                best = r
    return best if best is not None else (0.0, "")
