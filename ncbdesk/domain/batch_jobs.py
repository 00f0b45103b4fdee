"""A batch screening job as the registry stores it: its state, counts and summary.

The job itself runs in a thread of one server process (services/batch_screening.py);
this is what every process reads back from the database to show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from ncbdesk.domain.persons import utcnow

INTERRUPTED = "interrupted: the server stopped before this batch finished; submit the file again"


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


UNFINISHED = frozenset({JobState.QUEUED, JobState.RUNNING})


@dataclass(frozen=True)
class SummaryRow:
    """One query as the job page lists it, with its best candidate (if any)."""

    query: str
    name: str
    alerts: int = 0  # candidates that raised an alert
    best_id: str = ""
    best_score: float | None = None
    best_name: str = ""  # the best candidate's name in this database, when it is held here


@dataclass(frozen=True)
class BatchJob:
    """A batch and its progress, as last written by the process that runs it."""

    id: str
    owner: tuple[str, str]  # (user id or name, bureau): who may see it
    purpose: str
    total: int  # queries to screen
    runner: str  # the process running it: see services/batch_screening.py
    skipped: int = 0  # invalid rows left out of the file
    top_k: int = 10
    state: JobState = JobState.QUEUED
    done: int = 0  # queries screened so far
    alerts: int = 0  # queries with at least one alert so far
    hits: int = 0  # pending hits raised from the batch's alerts
    error: str = ""
    created_at: datetime = field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    heartbeat_at: datetime = field(default_factory=utcnow)  # the runner last said it was alive
    rows: tuple[SummaryRow, ...] = ()  # when done: the first queries, alerts first

    @property
    def is_finished(self) -> bool:
        return self.state not in UNFINISHED

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def more_rows(self) -> int:
        """Screened queries the summary leaves out (the downloads hold them all)."""
        return max(0, self.done - len(self.rows)) if self.state == JobState.DONE else 0
