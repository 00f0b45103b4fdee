"""The bureau's statistics: requests by month, type, direction and country; handling
time; share answered in time; notices; hits; extraditions; the annual figures.

Plain dataclasses: the API answers them as JSON and CSV, the dashboard (web)
draws them. Months are calendar months in the time zone asked for (the
bureau's). Request figures come from totals the registry keeps as it writes;
handling times from a histogram in fixed buckets, so the median is known to
its bucket (`median_handling_hours` is the bucket's start, `..._upper_hours`
its end).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from ncbdesk.domain.errors import NotFound
from ncbdesk.domain.extradition import CaseOutcome
from ncbdesk.domain.extradition import Direction as CaseDirection
from ncbdesk.domain.request_totals import bucket_end
from ncbdesk.domain.requests import Direction
from ncbdesk.domain.security import Permission
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.extradition import YearFigures, extradition_statistics
from ncbdesk.services.ports import UnitOfWork
from ncbdesk.services.requests_ports import KeyCount, MonthCount, RawRequestStats

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class AnnualFigures:
    """What a head of bureau reports for a year."""

    year: int
    requests_received: int
    incoming: int
    outgoing: int
    answered: int
    answered_in_time: int
    wanted_persons_found: int  # hits on wanted-person notices confirmed in the year
    extraditions_in: int | None = None  # surrendered to us (outbound cases); None: not shown
    extraditions_out: int | None = None  # surrendered by us (inbound cases)


@dataclass(frozen=True)
class MonthFigures:
    month: int
    received: int
    answered: int
    answered_due: int  # answered, with a deadline
    in_time: int
    median_low_hours: float | None  # the median's bucket
    median_high_hours: float | None


@dataclass(frozen=True)
class Statistics:
    year: int
    zone: str = "UTC"
    by_month_type: list[MonthCount] = field(default_factory=list)
    by_month_direction: list[MonthCount] = field(default_factory=list)
    by_month_country: list[MonthCount] = field(default_factory=list)
    by_type: list[KeyCount] = field(default_factory=list)
    by_country: list[KeyCount] = field(default_factory=list)
    months: list[MonthFigures] = field(default_factory=list)
    median_handling_hours: float | None = None  # start of the median's bucket
    median_handling_upper_hours: float | None = None  # its end; None: the open last bucket
    share_answered_in_time: float | None = None  # 0..1, of those answered with a deadline
    notices_by_type: list[KeyCount] = field(default_factory=list)
    notices_by_status: list[KeyCount] = field(default_factory=list)
    hits_by_status: list[KeyCount] = field(default_factory=list)
    possible_hits: int = 0  # raised in the year: from notices and checks, and on requests
    extradition: list[YearFigures] | None = None  # the year's, in then out; None: not allowed
    annual: AnnualFigures | None = None


def _months(counts: dict[tuple[int, str], int]) -> list[MonthCount]:
    return [MonthCount(m, k, n) for (m, k), n in sorted(counts.items()) if n]


def _keys(counts: dict[str, int]) -> list[KeyCount]:
    return [KeyCount(k, n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def median_bucket(histogram: dict[int, int]) -> tuple[float, float | None] | None:
    """(start, end) in hours of the bucket holding the median; None when empty."""
    total = sum(histogram.values())
    if total == 0:
        return None
    middle = (total + 1) / 2
    seen = 0
    for lower in sorted(histogram):
        seen += histogram[lower]
        if seen >= middle:
            upper = bucket_end(lower)
            return round(lower / 60, 2), (round(upper / 60, 2) if upper is not None else None)
    raise AssertionError("unreachable: the counts add up to the total")


def shape(
    year: int,
    raw: RawRequestStats,
    zone: str = "UTC",
    extradition: list[YearFigures] | None = None,
) -> Statistics:
    """Turn the repository's counts into the figures people read."""
    by_month_type: dict[tuple[int, str], int] = defaultdict(int)
    by_month_direction: dict[tuple[int, str], int] = defaultdict(int)
    by_month_country: dict[tuple[int, str], int] = defaultdict(int)
    by_type: dict[str, int] = defaultdict(int)
    by_country: dict[str, int] = defaultdict(int)
    directions: dict[str, int] = defaultdict(int)
    month_counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for month, type_, n in raw.by_type:
        by_month_type[(month, type_)] += n
        by_type[type_] += n
    for month, country, n in raw.by_country:
        by_month_country[(month, country)] += n
        by_country[country] += n
    for month, direction, n, answered, due, in_time in raw.by_direction:
        by_month_direction[(month, direction)] += n
        directions[direction] += n
        c = month_counts[month]
        c[0] += n
        c[1] += answered
        c[2] += due
        c[3] += in_time
    year_histogram: dict[int, int] = defaultdict(int)
    month_histograms: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for month, bucket, n in raw.handled:
        year_histogram[bucket] += n
        month_histograms[month][bucket] += n
    months = []
    for m in range(1, 13):
        received, answered, due, in_time = month_counts.get(m, [0, 0, 0, 0])
        med = median_bucket(month_histograms.get(m, {}))
        months.append(
            MonthFigures(
                m,
                received,
                answered,
                due,
                in_time,
                med[0] if med else None,
                med[1] if med else None,
            )
        )
    total = sum(f.received for f in months)
    answered = sum(f.answered for f in months)
    due = sum(f.answered_due for f in months)
    in_time = sum(f.in_time for f in months)
    median = median_bucket(year_histogram)
    found_in = found_out = None
    if extradition is not None:
        found_in = sum(f.outcomes.get(_SURRENDERED, 0) for f in extradition if f.direction == _OUT)
        found_out = sum(f.outcomes.get(_SURRENDERED, 0) for f in extradition if f.direction == _IN)
    return Statistics(
        year=year,
        zone=zone,
        by_month_type=_months(by_month_type),
        by_month_direction=_months(by_month_direction),
        by_month_country=_months(by_month_country),
        by_type=_keys(by_type),
        by_country=_keys(by_country),
        months=months,
        median_handling_hours=median[0] if median else None,
        median_handling_upper_hours=median[1] if median else None,
        share_answered_in_time=round(in_time / due, 4) if due else None,
        notices_by_type=_keys(raw.notices_by_type),
        notices_by_status=_keys(raw.notices_by_status),
        hits_by_status=_keys(raw.hits_by_status),
        possible_hits=sum(raw.hits_by_status.values()) + raw.request_hits,
        extradition=extradition,
        annual=AnnualFigures(
            year=year,
            requests_received=total,
            incoming=directions[Direction.INCOMING.value],
            outgoing=directions[Direction.OUTGOING.value],
            answered=answered,
            answered_in_time=in_time,
            wanted_persons_found=raw.wanted_found,
            extraditions_in=found_in,
            extraditions_out=found_out,
        ),
    )


# An extradition "in" brings a person to us: our outbound request succeeded.
_IN, _OUT = CaseDirection.INBOUND, CaseDirection.OUTBOUND
_SURRENDERED = CaseOutcome.SURRENDERED


def statistics(uow: UnitOfWork, actor: Actor, year: int, zone: str = "UTC") -> Statistics:
    """The year's figures, months in `zone`; counts only, so reading them is recorded
    but names no one. Extradition figures only for those who may read cases."""
    authorize(uow, actor, Permission.STATS_READ, "statistics.read", "statistics")
    with uow:
        raw = uow.requests.statistics(year, zone)
    extradition = None
    if actor.can(Permission.EXTRADITION_READ):
        every = extradition_statistics(uow, actor)
        extradition = [f for f in every.years if f.year == year]
    record(uow, actor, "statistics.read", "statistics", str(year))
    return shape(year, raw, zone, extradition)


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
        ("hits_by_status", stats.hits_by_status),
    ):
        for k in counts:
            w.writerow([name, "", k.key, k.count])
    w.writerow(["median_handling_hours", "", "", _blank(stats.median_handling_hours)])
    w.writerow(["median_handling_upper_hours", "", "", _blank(stats.median_handling_upper_hours)])
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


# -- the dashboard's charts, each with its table ------------------------------


@dataclass(frozen=True)
class Table:
    """One chart's numbers: what the page shows beside the chart and the CSV holds."""

    slug: str
    title: str
    header: tuple[str, ...]
    rows: list[tuple[object, ...]]
    note: str = ""


def _by_month(slug: str, title: str, counts: list[MonthCount], keys: list[str]) -> Table:
    cells: dict[tuple[int, str], int] = {(m.month, m.key): m.count for m in counts}
    rows: list[tuple[object, ...]] = []
    for i, name in enumerate(MONTHS, start=1):
        values = [cells.get((i, k), 0) for k in keys]
        rows.append((name, *values, sum(values)))
    return Table(slug, title, ("Month", *keys, "Total"), rows)


def _hours(value: float | None) -> object:
    return "" if value is None else value


def tables(stats: Statistics) -> list[Table]:
    """Every chart of the dashboard as a table, in page order."""
    types = [k.key for k in stats.by_type]
    directions = [d.value for d in Direction]
    countries = [k.key for k in stats.by_country]
    country_cells = {(m.month, m.key): m.count for m in stats.by_month_country}
    out = [
        _by_month("requests-by-type", "Requests per month by type", stats.by_month_type, types),
        _by_month(
            "requests-by-direction",
            "Requests per month by direction",
            stats.by_month_direction,
            directions,
        ),
        Table(
            "requests-by-country",
            "Requests by counterpart country",
            ("Country", *MONTHS, "Year"),
            [
                (c, *(country_cells.get((m, c), 0) for m in range(1, 13)), k.count)
                for c, k in zip(countries, stats.by_country, strict=True)
            ],
            "Requests from or to national agencies have no country and are not counted here.",
        ),
        Table(
            "handling-time",
            "Median handling time (hours, receipt to first answer)",
            ("Month", "Answered", "Median from (h)", "Median under (h)"),
            [
                (
                    MONTHS[f.month - 1],
                    f.answered,
                    _hours(f.median_low_hours),
                    _hours(f.median_high_hours),
                )
                for f in stats.months
            ],
            "Handling times are kept in fixed buckets (10 minutes up to 2 hours, then hourly up to "
            "2 days, 6-hourly up to a week, daily up to 60 days, weekly after): the median is "
            "known to the bucket it falls in.",
        ),
        Table(
            "answered-in-time",
            "Share answered in time",
            ("Month", "Answered with a deadline", "In time", "Share (%)"),
            [
                (
                    MONTHS[f.month - 1],
                    f.answered_due,
                    f.in_time,
                    round(100 * f.in_time / f.answered_due, 1) if f.answered_due else "",
                )
                for f in stats.months
            ],
            "By the month the request came in; a request counts once it is answered.",
        ),
        Table(
            "notices-by-type",
            "Notices and diffusions by type (all held now)",
            ("Type", "Count"),
            [(k.key, k.count) for k in stats.notices_by_type],
        ),
        Table(
            "notices-by-status",
            "Notices and diffusions by status (all held now)",
            ("Status", "Count"),
            [(k.key, k.count) for k in stats.notices_by_status],
        ),
        Table(
            "hits",
            "Possible hits raised in the year by status",
            ("Status", "Count"),
            [(k.key, k.count) for k in stats.hits_by_status],
            f"Besides these, {stats.possible_hits - sum(k.count for k in stats.hits_by_status)} "
            "possible hits were shown on requests registered in the year.",
        ),
    ]
    if stats.extradition is not None:
        outcomes = tuple(CaseOutcome)
        out.append(
            Table(
                "extraditions",
                "Extradition cases: in (we asked) and out (we were asked)",
                (
                    "Direction",
                    "Opened",
                    "Closed",
                    *outcomes,
                    "Median days",
                    "Median days, surrendered",
                ),
                [
                    (
                        "in" if f.direction == _OUT else "out",
                        f.opened,
                        f.closed,
                        *(f.outcomes.get(o, 0) for o in outcomes),
                        _hours(f.median_days),
                        _hours(f.median_days_surrendered),
                    )
                    for f in stats.extradition
                ],
                "Opened counts cases by their first stage's year; closed, outcomes and durations "
                "by the outcome's year.",
            )
        )
    a = stats.annual
    if a is not None:
        rows: list[tuple[object, ...]] = [
            ("Requests received", a.requests_received),
            ("incoming", a.incoming),
            ("outgoing", a.outgoing),
            ("Requests answered", a.answered),
            ("answered in time", a.answered_in_time),
            ("Wanted persons found", a.wanted_persons_found),
        ]
        if a.extraditions_in is not None:
            rows += [
                ("Extraditions in", a.extraditions_in),
                ("Extraditions out", a.extraditions_out),
            ]
        out.append(
            Table(
                "annual",
                f"Annual figures {stats.year}",
                ("Figure", "Value"),
                rows,
                "Wanted persons found: hits on Red Notices and wanted-person diffusions confirmed "
                "in the year. Extraditions: persons surrendered in the year.",
            )
        )
    return out


def table(stats: Statistics, slug: str) -> Table:
    for t in tables(stats):
        if t.slug == slug:
            return t
    raise NotFound(f"There is no chart '{slug[:40]}'.")


def table_csv(t: Table) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(t.header)
    w.writerows(t.rows)
    return out.getvalue()
