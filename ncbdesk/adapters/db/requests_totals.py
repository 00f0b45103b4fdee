"""The registry's monthly totals, kept in the same transaction as each write.

`request_totals` and `request_handling_times` (migration 0007) hold, per UTC
month and slot (ncbdesk.domain.request_totals), how many requests came in,
were answered and answered in time, and a histogram of handling times. The
repository adds a request's contribution when it is registered and moves it
when an update changes it (an answer, a reopened request answered again, a
corrected type or country).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, and_, case, delete, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from ncbdesk.adapters.db.tables import request_handling_times, request_totals, requests
from ncbdesk.domain.request_totals import Contribution, months_around, moved_slots

TotalsKey = tuple[str, int, str, str, str]
_COUNTS = ("received", "answered", "answered_due", "in_time")


def contribution_of_row(row: Any) -> Contribution:
    """A `requests` row's (or a mapping with its columns') contribution."""
    get = row.__getitem__ if isinstance(row, dict) else row._mapping.__getitem__
    return Contribution.of(
        get("received_at"),
        get("type"),
        get("direction"),
        get("counterpart_country"),
        get("handled_seconds"),
        get("answered_in_time"),
    )


class Deltas:
    """Changes to the totals, summed before they are written."""

    def __init__(self) -> None:
        self.totals: dict[TotalsKey, Counter[str]] = {}
        self.handling: Counter[tuple[str, int, int]] = Counter()

    def add(self, c: Contribution, sign: int = 1) -> None:
        counts = self.totals.setdefault(c.key, Counter())
        counts["received"] += sign
        counts["answered"] += sign * c.answered
        counts["answered_due"] += sign * c.answered_due
        counts["in_time"] += sign * c.in_time
        if c.bucket is not None:
            self.handling[(c.ym, c.edge, c.bucket)] += sign

    def move(self, old: Contribution, new: Contribution) -> None:
        if old != new:
            self.add(old, -1)
            self.add(new, 1)

    def write(self, conn: Connection) -> None:
        totals = [
            {"ym": k[0], "edge": k[1], "type": k[2], "direction": k[3], "country": k[4]}
            | {n: counts[n] for n in _COUNTS}
            for k, counts in sorted(self.totals.items())
            if any(counts[n] for n in _COUNTS)
        ]
        handling = [
            {"ym": ym, "edge": edge, "bucket": bucket, "answered": n}
            for (ym, edge, bucket), n in sorted(self.handling.items())
            if n
        ]
        _upsert(conn, request_totals, totals, _COUNTS)
        _upsert(conn, request_handling_times, handling, ("answered",))


def _upsert(
    conn: Connection, table: Any, rows: list[dict[str, Any]], counts: Iterable[str]
) -> None:
    """Add `rows`' counts to the rows with the same key, creating those missing
    (one statement; concurrent writers add up rather than collide)."""
    if not rows:
        return
    dialect: Any = sqlite if conn.dialect.name == "sqlite" else postgresql
    stmt = dialect.insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=[c.name for c in table.primary_key.columns],
        set_={n: table.c[n] + stmt.excluded[n] for n in counts},
    )
    conn.execute(stmt, rows)


# A request's contribution is read from these columns.
CONTRIBUTION_COLUMNS = (
    requests.c.received_at,
    requests.c.type,
    requests.c.direction,
    requests.c.counterpart_country,
    requests.c.handled_seconds,
    requests.c.answered_in_time,
)


def rebuild(conn: Connection, batch: int = 50_000) -> int:
    """Recount every total from the `requests` rows (a migration, a bulk load)."""
    conn.execute(delete(request_totals))
    conn.execute(delete(request_handling_times))
    deltas = Deltas()
    n = 0
    last = ""
    while True:  # in pages by id: a server-side cursor needs what not every caller has
        rows = conn.execute(
            select(requests.c.id, *CONTRIBUTION_COLUMNS)
            .where(requests.c.id > last)
            .order_by(requests.c.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        for row in rows:
            deltas.add(contribution_of_row(row))
        n += len(rows)
        last = rows[-1].id
    deltas.write(conn)
    return n


@dataclass(frozen=True)
class YearTotals:
    """A year's totals grouped by month in a zone ("YYYY-MM", only the year's)."""

    types: list[tuple[str, str, int]]  # (month, type, received)
    directions: list[tuple[str, str, int, int, int, int]]
    # (month, direction, received, answered, answered with a deadline, in time)
    countries: list[tuple[str, str, int]]  # (month, country, received)
    handling: list[tuple[str, int, int]]  # (month, bucket, answered)


def _local_month(table: Any, runs: Sequence[tuple[str, int, int, str]]) -> Any:
    """The month in `zone` of a totals row, as SQL: its UTC month unless its slot
    lies in a run that belongs to the month before or after."""
    if not runs:
        return table.c.ym
    return case(
        *(
            (and_(table.c.ym == ym, table.c.edge.between(lo, hi)), literal(local))
            for ym, lo, hi, local in runs
        ),
        else_=table.c.ym,
    )


def read(conn: Connection, year: int, zone: ZoneInfo) -> YearTotals:
    """The year's totals, months in `zone`, summed by the database (a few hundred
    rows whatever the size of the registry)."""
    first, last = months_around(year)
    prefix = f"{year:04d}-"
    runs = moved_slots(year, zone)

    def grouped(table: Any, key: Any, *values: Any) -> list[Any]:
        month = _local_month(table, runs).label("month")
        rows = conn.execute(
            select(month, key, *(func.sum(v) for v in values))
            .where(table.c.ym >= first, table.c.ym <= last)
            .group_by(month, key)
        ).all()
        return [
            (r[0], r[1], *(int(v or 0) for v in r[2:])) for r in rows if r[0].startswith(prefix)
        ]

    t = request_totals.c
    h = request_handling_times
    return YearTotals(
        types=grouped(request_totals, t.type, t.received),
        directions=grouped(
            request_totals, t.direction, t.received, t.answered, t.answered_due, t.in_time
        ),
        countries=[r for r in grouped(request_totals, t.country, t.received) if r[1]],
        handling=grouped(h, h.c.bucket, h.c.answered),
    )
