"""A batch's results: one entry per query, written as JSON lines and CSV, and summarised.

The files are what an officer downloads; the summary is what the job's page
lists, kept in the database with the job (domain/batch_jobs.py).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO

from ncbdesk.domain.batch_jobs import SummaryRow
from ncbdesk.matching import Match

CSV_FIELDS = ("query", "query_name", "rank", "match_id", "score", "alert", "reasons")
SUMMARY_ROWS = 200  # queries the job's page lists; the downloads hold them all
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class QueryResult:
    """One query of the batch and its candidates, best first."""

    query: str
    name: str
    matches: tuple[Match, ...]

    @property
    def alerts(self) -> int:
        return sum(1 for m in self.matches if m.alert)

    def as_json(self) -> dict[str, object]:
        """The shape `ncbdesk screen` writes: one line per query."""
        return {
            "query": self.query,
            "matches": [
                {
                    "id": m.id,
                    "score": round(m.score, 4),
                    "alert": m.alert,
                    "reasons": list(m.reasons),
                }
                for m in self.matches
            ],
        }


def _cell(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_jsonl(results: Iterable[QueryResult], out: IO[str]) -> None:
    for r in results:
        out.write(json.dumps(r.as_json(), ensure_ascii=False) + "\n")


def write_csv(results: Iterable[QueryResult], out: IO[str]) -> None:
    """One row per candidate (rank 1 = best); a query without candidates gets one empty row."""
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for r in results:
        if not r.matches:
            writer.writerow([_cell(r.query), _cell(r.name), "", "", "", "", ""])
        for rank, m in enumerate(r.matches, start=1):
            writer.writerow(
                [
                    _cell(r.query),
                    _cell(r.name),
                    rank,
                    m.id,
                    f"{m.score:.4f}",
                    "yes" if m.alert else "no",
                    _cell("; ".join(m.reasons)),
                ]
            )


def ranked(results: Sequence[QueryResult]) -> list[QueryResult]:
    """The first SUMMARY_ROWS queries: those with alerts first, then by best score."""
    order = sorted(results, key=lambda r: (-r.alerts, -(r.matches[0].score if r.matches else 0.0)))
    return order[:SUMMARY_ROWS]


def summary(results: Sequence[QueryResult], names: Mapping[str, str]) -> tuple[SummaryRow, ...]:
    """The rows of `results` (already ranked) as the page shows them; `names` by candidate id."""
    rows = []
    for r in results:
        best = r.matches[0] if r.matches else None
        rows.append(
            SummaryRow(
                query=r.query,
                name=r.name,
                alerts=r.alerts,
                best_id=best.id if best else "",
                best_score=best.score if best else None,
                best_name=names.get(best.id, "") if best else "",
            )
        )
    return tuple(rows)
