"""The bureau's statistics: requests by month, type, direction and country; handling
time; share answered in time; notices; hits; the annual figures.

Plain dataclasses: the API answers them as JSON and CSV, the dashboard (web)
draws them. Months are calendar months in UTC.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from ncbdesk.domain.requests import Direction
from ncbdesk.domain.security import Permission
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import UnitOfWork
from ncbdesk.services.requests_ports import KeyCount, MonthCount, RawRequestStats


@dataclass(frozen=True)
class AnnualFigures:
    """What a head of bureau reports for a year."""

    year: int
    requests_received: int
    incoming: int
    outgoing: int
    answered: int
    answered_in_time: int
    wanted_persons_found: int  # confirmed possible hits
    extraditions_in: int | None = None  # once the extradition registry exists
    extraditions_out: int | None = None


@dataclass(frozen=True)
class Statistics:
    year: int
    by_month_type: list[MonthCount] = field(default_factory=list)
    by_month_direction: list[MonthCount] = field(default_factory=list)
    by_month_country: list[MonthCount] = field(default_factory=list)
    by_type: list[KeyCount] = field(default_factory=list)
    by_country: list[KeyCount] = field(default_factory=list)
    median_handling_hours: float | None = None
    share_answered_in_time: float | None = None  # 0..1, of those answered
    notices_by_type: list[KeyCount] = field(default_factory=list)
    notices_by_status: list[KeyCount] = field(default_factory=list)
    possible_hits: int = 0  # from notices and from requests
    annual: AnnualFigures | None = None


def _months(counts: dict[tuple[int, str], int]) -> list[MonthCount]:
    return [MonthCount(m, k, n) for (m, k), n in sorted(counts.items())]


def _keys(counts: dict[str, int]) -> list[KeyCount]:
    return [KeyCount(k, n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _median_minutes(histogram: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> float | None:
    total = sum(n for _, n in histogram)
    if total == 0:
        return None
    middle = (total + 1) / 2
    seen = 0
    for minutes, n in histogram:
        seen += n
        if seen >= middle:
            return float(minutes)
    return float(histogram[-1][0])


def shape(year: int, raw: RawRequestStats) -> Statistics:
    """Turn the repository's counts into the figures people read."""
    by_month_type: dict[tuple[int, str], int] = defaultdict(int)
    by_month_direction: dict[tuple[int, str], int] = defaultdict(int)
    by_month_country: dict[tuple[int, str], int] = defaultdict(int)
    by_type: dict[str, int] = defaultdict(int)
    by_country: dict[str, int] = defaultdict(int)
    directions: dict[str, int] = defaultdict(int)
    answered = in_time = total = 0
    for ym, type_, direction, country, n, n_answered, n_in_time in raw.rows:
        month = int(ym[5:7])
        by_month_type[(month, type_)] += n
        by_month_direction[(month, direction)] += n
        by_type[type_] += n
        directions[direction] += n
        if country:
            by_month_country[(month, country)] += n
            by_country[country] += n
        total += n
        answered += n_answered
        in_time += n_in_time
    median = _median_minutes(list(raw.handled_minutes))
    return Statistics(
        year=year,
        by_month_type=_months(by_month_type),
        by_month_direction=_months(by_month_direction),
        by_month_country=_months(by_month_country),
        by_type=_keys(by_type),
        by_country=_keys(by_country),
        median_handling_hours=round(median / 60, 2) if median is not None else None,
        share_answered_in_time=round(in_time / answered, 4) if answered else None,
        notices_by_type=_keys(raw.notices_by_type),
        notices_by_status=_keys(raw.notices_by_status),
        possible_hits=raw.possible_hits + raw.request_hits,
        annual=AnnualFigures(
            year=year,
            requests_received=total,
            incoming=directions[Direction.INCOMING.value],
            outgoing=directions[Direction.OUTGOING.value],
            answered=answered,
            answered_in_time=in_time,
            wanted_persons_found=raw.confirmed_hits,
        ),
    )


def statistics(uow: UnitOfWork, actor: Actor, year: int) -> Statistics:
    """The year's figures; counts only, so reading them is recorded but names no one."""
    authorize(uow, actor, Permission.REQUEST_READ, "statistics.read", "statistics")
    with uow:
        raw = uow.requests.statistics(year)
    record(uow, actor, "statistics.read", "statistics", str(year))
    return shape(year, raw)


def to_csv(stats: Statistics) -> str:
    """Every figure as one long table: section, month, key, value."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", "month", "key", "value"])
    for name, rows in (
        ("requests_by_type", stats.by_month_type),
        ("requests_by_direction", stats.by_month_direction),
        ("requests_by_country", stats.by_month_country),
    ):
        for m in rows:
            w.writerow([name, f"{stats.year}-{m.month:02d}", m.key, m.count])
    for name, counts in (
        ("notices_by_type", stats.notices_by_type),
        ("notices_by_status", stats.notices_by_status),
    ):
        for k in counts:
            w.writerow([name, "", k.key, k.count])
    w.writerow(["median_handling_hours", "", "", _blank(stats.median_handling_hours)])
    w.writerow(["share_answered_in_time", "", "", _blank(stats.share_answered_in_time)])
    w.writerow(["possible_hits", "", "", stats.possible_hits])
    if stats.annual is not None:
        a = stats.annual
        for key in (
            "requests_received",
            "incoming",
            "outgoing",
            "answered",
            "answered_in_time",
            "wanted_persons_found",
            "extraditions_in",
            "extraditions_out",
        ):
            w.writerow(["annual", "", key, _blank(getattr(a, key))])
    return out.getvalue()


def _blank(value: object) -> object:
    return "" if value is None else value
