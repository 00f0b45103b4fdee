"""Partial dates: a year, a year and month, or a full date.

Dates of birth in police records are often known only to the year or month
(INTERPOL's public notices write "1970/05" or "1970"). A PartialDate keeps the
precision it was given instead of inventing a day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

# Accepted spellings: ISO ("1970-05-12"), INTERPOL's slashes ("1970/05/12"),
# and the day-first form bureaus type ("12.05.1970").
_ISO = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")

MIN_YEAR = 1850  # nobody alive or recently deceased was born earlier
MAX_YEAR = 2200


class PartialDateError(ValueError):
    """The text is not a date, or names a day that does not exist."""


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PartialDateError(f"year {self.year} is out of range {MIN_YEAR}–{MAX_YEAR}")
        if self.month is None and self.day is not None:
            raise PartialDateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise PartialDateError(f"month {self.month} does not exist")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise PartialDateError(
                    f"day {self.day} does not exist in {self.year}-{self.month:02d}"
                )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "1970", "1970-05", "1970-05-12", "1970/05/12" or "12.05.1970"."""
        raw = text.strip()
        m = _ISO.match(raw)
        if m:
            year, month, day = m.groups()
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        m = _DMY.match(raw)
        if m:
            day, month, year = m.groups()
            return cls(int(year), int(month), int(day))
        raise PartialDateError(f"'{raw[:40]}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day is not None and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()

    def is_after(self, other: date) -> bool:
        """True only if every date this one may stand for is after `other`."""
        earliest = date(self.year, self.month or 1, self.day or 1)
        return earliest > other
