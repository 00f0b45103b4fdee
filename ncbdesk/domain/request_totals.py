"""What each request adds to the monthly totals the statistics read.

The totals are kept per UTC month of receipt, but a bureau counts its months in
its own time zone. Every zone's offset lies between UTC-12 and UTC+14 and is a
whole number of quarter hours, so only a request received in the first 14 hours
or the last 12 hours of a UTC month can belong to another month somewhere: those
are kept per quarter-hour *slot* (`edge`), which falls wholly in one local month
of any zone. Everything else has `edge` 0 and is in the same month everywhere.

Handling times (receipt to first answer) are kept as a histogram in fixed
buckets, so a median is read to the precision of its bucket.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

QUARTER = timedelta(minutes=15)
AHEAD = timedelta(hours=14)  # the largest offset east of UTC (UTC+14)
BEHIND = timedelta(hours=12)  # the largest offset west of UTC (UTC-12)
_HEAD_SLOTS = AHEAD // QUARTER  # 56
_TAIL_SLOTS = BEHIND // QUARTER  # 48


def _bucket_bounds() -> tuple[int, ...]:
    """Lower bounds in minutes: 10 min to 2 h, hourly to 2 days, 6-hourly to a week,
    daily to 60 days, weekly to a year, then one open bucket."""
    out = list(range(0, 120, 10))
    out += range(120, 48 * 60, 60)
    out += range(48 * 60, 7 * 24 * 60, 6 * 60)
    out += range(7 * 24 * 60, 60 * 24 * 60, 24 * 60)
    out += range(60 * 24 * 60, 365 * 24 * 60, 7 * 24 * 60)
    out.append(365 * 24 * 60)
    return tuple(out)


BUCKETS: tuple[int, ...] = _bucket_bounds()


def bucket_of(handled_seconds: int) -> int:
    """The lower bound (minutes) of the histogram bucket holding this handling time."""
    return BUCKETS[bisect_right(BUCKETS, max(0, handled_seconds) // 60) - 1]


def bucket_end(lower: int) -> int | None:
    """The bucket's upper bound in minutes (exclusive); None for the last, open one."""
    i = BUCKETS.index(lower)
    return BUCKETS[i + 1] if i + 1 < len(BUCKETS) else None


def _month_start(ym: str) -> datetime:
    return datetime(int(ym[:4]), int(ym[5:7]), 1, tzinfo=UTC)


def _next_month(start: datetime) -> datetime:
    return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)


def slot_of(received_at: datetime) -> tuple[str, int]:
    """(UTC "YYYY-MM", edge) of a moment of receipt."""
    t = received_at.astimezone(UTC)
    ym = t.strftime("%Y-%m")
    start = _month_start(ym)
    end = _next_month(start)
    if t < start + AHEAD:
        return ym, 1 + (t - start) // QUARTER
    if t >= end - BEHIND:
        return ym, -_TAIL_SLOTS + (t - (end - BEHIND)) // QUARTER
    return ym, 0


def local_month(ym: str, edge: int, zone: ZoneInfo) -> tuple[int, int]:
    """(year, month) in `zone` of every request kept under (ym, edge)."""
    start = _month_start(ym)
    if edge == 0:
        return start.year, start.month
    if edge > 0:
        moment = start + (edge - 1) * QUARTER
    else:
        moment = _next_month(start) - BEHIND + (edge + _TAIL_SLOTS) * QUARTER
    local = moment.astimezone(zone)
    return local.year, local.month


@lru_cache(maxsize=256)
def moved_slots(year: int, zone: ZoneInfo) -> tuple[tuple[str, int, int, str], ...]:
    """(UTC month, first edge, last edge, local "YYYY-MM") for every run of slots whose
    month in `zone` is not their UTC month, over the months `months_around(year)`.

    A handful of runs per month: the statistics query maps slots to local months
    with them, in SQL, rather than row by row.
    """
    first, last = months_around(year)
    ym = first
    runs: list[tuple[str, int, int, str]] = []
    while ym <= last:
        for edges in (range(-_TAIL_SLOTS, 0), range(1, _HEAD_SLOTS + 1)):
            run: list[int] = []
            run_month = ""
            for edge in edges:
                y, m = local_month(ym, edge, zone)
                local = f"{y:04d}-{m:02d}"
                if run and local != run_month:
                    if run_month != ym:
                        runs.append((ym, run[0], run[-1], run_month))
                    run = []
                run.append(edge)
                run_month = local
            if run and run_month != ym:
                runs.append((ym, run[0], run[-1], run_month))
        ym = _next_month(_month_start(ym)).strftime("%Y-%m")
    return tuple(runs)


def months_around(year: int) -> tuple[str, str]:
    """The UTC months whose slots can fall in `year` somewhere: December before to
    January after."""
    return f"{year - 1:04d}-12", f"{year + 1:04d}-01"


@dataclass(frozen=True)
class Contribution:
    """One request's share of the totals: one key, three flags and a bucket."""

    ym: str
    edge: int
    type: str
    direction: str
    country: str  # "" for a national agency
    answered: int  # 1 once answered
    answered_due: int  # 1 once answered and it had a deadline
    in_time: int  # 1 when answered by its deadline
    bucket: int | None  # handling-time bucket once answered

    @classmethod
    def of(
        cls,
        received_at: datetime,
        type: str,
        direction: str,
        country: str | None,
        handled_seconds: int | None,
        answered_in_time: bool | None,
    ) -> Contribution:
        ym, edge = slot_of(received_at)
        return cls(
            ym=ym,
            edge=edge,
            type=type,
            direction=direction,
            country=country or "",
            answered=int(handled_seconds is not None),
            answered_due=int(answered_in_time is not None),
            in_time=int(bool(answered_in_time)),
            bucket=bucket_of(handled_seconds) if handled_seconds is not None else None,
        )

    @property
    def key(self) -> tuple[str, int, str, str, str]:
        return self.ym, self.edge, self.type, self.direction, self.country
