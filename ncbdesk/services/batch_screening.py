"""Batch screening: a file of queries screened in a background thread of the server.

A job belongs to the user who started it: another user asking for it is told it
does not exist. Jobs live in memory (a process restart forgets them) and their
results are also written to DATA_DIR/batches/<job-id>.jsonl and .csv; the job id
is random and made here, so no name a user chose ever reaches the file system.
Each batch is audited once, when it ends, with its purpose and counts. Alerts
on persons with a published wanted or missing notice become pending hits
(services/hits.raise_alert_hits, source "batch"), each audited as it is raised.
"""

from __future__ import annotations

import csv
import json
import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import IO

from ncbdesk.domain.errors import Conflict, NotFound
from ncbdesk.domain.persons import Person, person_to_ftm, utcnow
from ncbdesk.domain.security import Permission
from ncbdesk.matching import Match
from ncbdesk.services import hits as hits_svc
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import UnitOfWork
from ncbdesk.services.screening import MAX_TOP_K, IndexPort, subject_from_person

log = logging.getLogger("ncbdesk.batch")

MAX_JOBS_KEPT = 200  # finished jobs kept in memory, oldest forgotten first (files too)
MAX_RUNNING_PER_USER = 2  # one officer cannot fill the server with batches
CSV_FIELDS = ("query", "query_name", "rank", "match_id", "score", "alert", "reasons")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


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


@dataclass
class BatchJob:
    """A batch and its progress; read by the pages while the worker thread writes it."""

    id: str
    owner: tuple[str, str]  # (user id or name, bureau): who may see it
    purpose: str
    total: int
    skipped: int = 0
    top_k: int = 10
    state: JobState = JobState.QUEUED
    done: int = 0
    error: str = ""
    created_at: datetime = field(default_factory=utcnow)
    finished_at: datetime | None = None
    results: list[QueryResult] = field(default_factory=list)
    hits: int = 0  # pending hits raised from the batch's alerts
    names: dict[str, str] = field(default_factory=dict)  # best candidates' names, by id
    finished: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def alerts(self) -> int:
        """Queries with at least one alert."""
        return sum(1 for r in self.results if r.alerts)

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def _owner(actor: Actor) -> tuple[str, str]:
    return (actor.user_id or actor.username, actor.bureau)


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


class BatchJobs:
    """The registry of one server process's batch jobs, and their worker threads."""

    def __init__(
        self,
        directory: Path,
        index: Callable[[], IndexPort],
        uow: Callable[[], UnitOfWork],
    ) -> None:
        self.directory = directory
        self._index = index
        self._uow = uow
        self._jobs: OrderedDict[str, BatchJob] = OrderedDict()
        self._lock = threading.Lock()

    def submit(
        self,
        actor: Actor,
        queries: list[Person],
        purpose: str,
        skipped: int = 0,
        top_k: int = 10,
        threshold: float | None = None,
    ) -> BatchJob:
        """Start screening `queries` (already validated) in the background; the job at once."""
        authorize(self._uow(), actor, Permission.SCREEN, "screen.batch", "batch")
        job = BatchJob(
            id=secrets.token_hex(16),
            owner=_owner(actor),
            purpose=purpose,
            total=len(queries),
            skipped=skipped,
            top_k=max(1, min(top_k, MAX_TOP_K)),
        )
        with self._lock:
            running = sum(
                1 for j in self._jobs.values() if j.owner == job.owner and not j.is_finished
            )
            if running >= MAX_RUNNING_PER_USER:
                raise Conflict(
                    f"You have {running} batches running; start another when one has finished."
                )
            self._jobs[job.id] = job
            self._forget_old()
        worker = threading.Thread(
            target=self._run,
            args=(job, actor, list(queries), threshold),
            name=f"batch-{job.id[:8]}",
            daemon=True,
        )
        worker.start()
        return job

    def get(self, actor: Actor, job_id: str) -> BatchJob:
        """The caller's own job; NotFound for anyone else's, so ids cannot be probed."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or job.owner != _owner(actor):
            raise NotFound("No such batch.")
        return job

    def mine(self, actor: Actor) -> list[BatchJob]:
        """The caller's jobs, newest first."""
        owner = _owner(actor)
        with self._lock:
            return [j for j in reversed(self._jobs.values()) if j.owner == owner]

    def result_file(self, job: BatchJob, kind: str) -> Path:
        """The results file of a finished job: `kind` is "csv" or "jsonl"."""
        if kind not in ("csv", "jsonl") or job.state != JobState.DONE:
            raise NotFound("No such results file.")
        return self.directory / f"{job.id}.{kind}"

    def _forget_old(self) -> None:
        """Forget the oldest finished jobs, and delete their files: results hold personal data."""
        finished = [k for k, j in self._jobs.items() if j.is_finished]
        for key in finished[: max(0, len(self._jobs) - MAX_JOBS_KEPT)]:
            del self._jobs[key]
            for kind in ("jsonl", "csv"):
                (self.directory / f"{key}.{kind}").unlink(missing_ok=True)

    def _run(
        self, job: BatchJob, actor: Actor, queries: list[Person], threshold: float | None
    ) -> None:
        try:
            job.state = JobState.RUNNING
            index = self._index()
            for person in queries:
                query_id = person.external_id or person.id
                matches = index.screen(
                    subject_from_person(person, query_id), top_k=job.top_k, threshold=threshold
                )
                job.results.append(QueryResult(query_id, person.display_name, tuple(matches)))
                job.done += 1
            self._write(job)
            job.names = self._names({r.matches[0].id for r in job.results if r.matches})
            self._raise_hits(job, actor, queries)
            job.state = JobState.DONE
        except Exception as exc:  # a worker thread has no caller to raise to
            log.exception("batch %s failed", job.id)
            job.error = f"The batch failed: {type(exc).__name__}."
            job.state = JobState.FAILED
        finally:
            job.finished_at = utcnow()
            self._audit(job, actor)
            job.finished.set()

    def _raise_hits(self, job: BatchJob, actor: Actor, queries: list[Person]) -> None:
        for person, result in zip(queries, job.results, strict=True):
            if not result.alerts:
                continue
            entity = person_to_ftm(person) | {"id": result.query}
            raised = hits_svc.raise_alert_hits(
                self._uow(), actor, entity, result.matches, "batch", f"batch {job.id}"
            )
            job.hits += len(raised)

    def _names(self, ids: set[str]) -> dict[str, str]:
        """The display names of the best candidates, for the summary table."""
        names = {}
        uow = self._uow()
        with uow:
            for person_id in ids:
                person = uow.persons.get(person_id)
                if person is not None:
                    names[person_id] = person.display_name
        return names

    def _write(self, job: BatchJob) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for kind, writer in (("jsonl", write_jsonl), ("csv", write_csv)):
            target = self.directory / f"{job.id}.{kind}"
            partial = target.with_suffix(f".{kind}.part")
            with partial.open("w", encoding="utf-8", newline="") as out:
                writer(job.results, out)
            partial.replace(target)

    def _audit(self, job: BatchJob, actor: Actor) -> None:
        try:
            record(
                self._uow(),
                actor,
                "screen.batch",
                "batch",
                job.id,
                purpose=job.purpose,
                state=job.state.value,
                queries=job.total,
                screened=job.done,
                skipped=job.skipped,
                alerts=job.alerts,
                hits=job.hits,
                alert_ids=sorted({m.id for r in job.results for m in r.matches if m.alert}),
            )
        except Exception:
            log.exception("batch %s: the audit entry could not be written", job.id)
            job.error = job.error or "The batch ran, but its audit entry could not be written."
            job.state = JobState.FAILED
