"""Batch screening: a file of queries screened in a background thread of a server process.

A job belongs to the user who started it: another user asking for it is told it
does not exist. Jobs are rows of the database (table batch_jobs), so a restart
keeps them and every worker process of the server lists the same jobs and
progress; the thread running a job writes its progress there about once a
second. The results are written to DATA_DIR/batches/<job-id>.jsonl and .csv
(a folder every server process must share); the job id is random and made
here, so no name a user chose ever reaches the file system. Each batch is
audited once, when it ends, with its purpose and counts; a batch left unfinished
by a process that stopped is failed as interrupted, and audited then, by the
next process to read the registry. Alerts on persons with a published wanted
or missing notice become pending hits (services/hits.raise_alert_hits, source
"batch"), each audited as it is raised.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

from ncbdesk.domain.batch_jobs import INTERRUPTED, BatchJob, JobState
from ncbdesk.domain.errors import Conflict, NotFound
from ncbdesk.domain.persons import Person, person_to_ftm, utcnow
from ncbdesk.domain.security import Permission
from ncbdesk.services import hits as hits_svc
from ncbdesk.services.access import authorize, record
from ncbdesk.services.batch_results import QueryResult, ranked, summary, write_csv, write_jsonl
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import UnitOfWork
from ncbdesk.services.screening import MAX_TOP_K, IndexPort, subject_from_person

log = logging.getLogger("ncbdesk.batch")

MAX_JOBS_KEPT = 200  # jobs kept, oldest finished forgotten first (rows and files)
MAX_RUNNING_PER_USER = 2  # one officer cannot fill the server with batches
# Progress is written at most once a second, by the clock rather than every N
# queries: the page polls once a second, so writing more often shows nothing
# more, while any fixed N is a write every few milliseconds on a fast index
# (thousands of queries a second) or minutes between writes on a slow one.
PROGRESS_SECONDS = 1.0
# Jobs left behind by a process that is gone are found by a heartbeat, not by
# a process id. Each process beats for its own queued and running jobs every
# HEARTBEAT_SECONDS from a thread of its own (a worker thread cannot: it may
# wait a minute for the index to load), and any process that reads the
# registry fails a job whose heartbeat is older than STALE_AFTER: six missed
# beats, room for a beat that waits 10 s for SQLite's write lock. A process id
# cannot tell a dead process from a live one in another container or on
# another machine (the same pid, the same host name), so one worker starting
# could fail another's running job; a heartbeat stops only when its process
# does. The price: a job interrupted by a restart still shows as running for up
# to STALE_AFTER. `runner` (host, pid, boot id) is kept on the row for people.
HEARTBEAT_SECONDS = 5.0
STALE_AFTER = timedelta(seconds=30)
_JOB_ID = re.compile(r"[0-9a-f]{32}")
_JOB_FILE = re.compile(r"([0-9a-f]{32})\.(jsonl|csv)(\.part)?")
KINDS = ("jsonl", "csv")


class _Lost(Exception):
    """The job's row is no longer unfinished: another process failed it as interrupted."""


def _owner(actor: Actor) -> tuple[str, str]:
    return (actor.user_id or actor.username, actor.bureau)


def _runner_id() -> str:
    """This process, for the rows of the jobs it runs: host, pid and a boot id."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(8)}"


@dataclasses.dataclass
class _Run:
    """What a worker thread keeps in memory while its job runs."""

    job: BatchJob
    results: list[QueryResult] = dataclasses.field(default_factory=list)
    hits: int = 0

    @property
    def alerts(self) -> int:
        return sum(1 for r in self.results if r.alerts)

    def snapshot(self, **changes: Any) -> BatchJob:
        now = utcnow()
        self.job = dataclasses.replace(
            self.job,
            done=len(self.results),
            alerts=self.alerts,
            hits=self.hits,
            heartbeat_at=now,
            **changes,
        )
        return self.job


class BatchJobs:
    """The registry of batch jobs (in the database) and this process's worker threads."""

    def __init__(
        self,
        directory: Path,
        index: Callable[[], IndexPort],
        uow: Callable[[], UnitOfWork],
        *,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
        stale_after: timedelta = STALE_AFTER,
        progress_seconds: float = PROGRESS_SECONDS,
    ) -> None:
        self.directory = directory
        self._index = index
        self._uow = uow
        self.heartbeat_seconds = heartbeat_seconds
        self.stale_after = stale_after
        self.progress_seconds = progress_seconds
        self.runner = _runner_id()
        self._lock = threading.Lock()
        self._workers: dict[str, threading.Thread] = {}  # this process's unfinished jobs
        self._heart: threading.Thread | None = None
        self._files_checked = False

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
        self._sweep()
        job = BatchJob(
            id=secrets.token_hex(16),
            owner=_owner(actor),
            purpose=purpose,
            total=len(queries),
            runner=self.runner,
            skipped=skipped,
            top_k=max(1, min(top_k, MAX_TOP_K)),
        )
        uow = self._uow()
        with uow:
            running = uow.batch_jobs.add(job, MAX_RUNNING_PER_USER)
            if running >= MAX_RUNNING_PER_USER:
                raise Conflict(
                    f"You have {running} batches running; start another when one has finished."
                )
            forgotten = uow.batch_jobs.forget_finished(MAX_JOBS_KEPT)
            uow.commit()
        # Results hold personal data: a forgotten job's files go with its row.
        self._remove_files(forgotten)
        worker = threading.Thread(
            target=self._run,
            args=(job, actor, list(queries), threshold),
            name=f"batch-{job.id[:8]}",
            daemon=True,
        )
        with self._lock:
            self._workers[job.id] = worker
            if self._heart is None:
                self._heart = threading.Thread(
                    target=self._beat, name="batch-heartbeat", daemon=True
                )
                self._heart.start()
        worker.start()
        return job

    def get(self, actor: Actor, job_id: str) -> BatchJob:
        """The caller's own job; NotFound for anyone else's, so ids cannot be probed."""
        if not _JOB_ID.fullmatch(job_id):
            raise NotFound("No such batch.")
        self._sweep()
        uow = self._uow()
        with uow:
            job = uow.batch_jobs.get(job_id)
        if job is None or job.owner != _owner(actor):
            raise NotFound("No such batch.")
        return job

    def mine(self, actor: Actor) -> list[BatchJob]:
        """The caller's jobs, newest first."""
        self._sweep()
        uow = self._uow()
        with uow:
            return uow.batch_jobs.for_owner(_owner(actor))

    def wait(self, actor: Actor, job_id: str, timeout: float) -> BatchJob:
        """The job once this process's thread running it has ended, or `timeout` seconds passed."""
        with self._lock:
            worker = self._workers.get(job_id)
        if worker is not None:
            worker.join(timeout)
        return self.get(actor, job_id)

    def result_file(self, job: BatchJob, kind: str) -> Path:
        """The results file of a finished job: `kind` is "csv" or "jsonl"."""
        if kind not in KINDS or job.state != JobState.DONE:
            raise NotFound("No such results file.")
        return self.directory / f"{job.id}.{kind}"

    def _sweep(self) -> None:
        """Fail the jobs of processes that are gone; on first use, delete files without a job."""
        if not self._files_checked:
            self._remove_orphan_files()
            self._files_checked = True
        now = utcnow()
        uow = self._uow()
        with uow:
            failed = uow.batch_jobs.fail_stale(now - self.stale_after, INTERRUPTED, now)
            uow.commit()
        for job in failed:
            log.warning("batch %s (run by %s) interrupted", job.id, job.runner)
            self._remove_files([job.id])
            self._audit_interrupted(job)

    def _remove_orphan_files(self) -> None:
        """Delete result files whose job is gone (forgotten, or kept in memory before 0010)."""
        if not self.directory.is_dir():
            return
        # Listed before the ids are read: a file is only written once its job's
        # row is committed, so a file listed here without a row has no job.
        files = [(p, m[1]) for p in self.directory.iterdir() if (m := _JOB_FILE.fullmatch(p.name))]
        if not files:
            return
        uow = self._uow()
        with uow:
            known = uow.batch_jobs.ids()
        for path, job_id in files:
            if job_id not in known:
                path.unlink(missing_ok=True)

    def _remove_files(self, job_ids: Iterable[str]) -> None:
        for job_id in job_ids:
            for kind in KINDS:
                (self.directory / f"{job_id}.{kind}").unlink(missing_ok=True)
                (self.directory / f"{job_id}.{kind}.part").unlink(missing_ok=True)

    def _beat(self) -> None:
        """This process's heartbeat for its unfinished jobs; ends when it has none."""
        while True:
            time.sleep(self.heartbeat_seconds)
            with self._lock:
                ids = list(self._workers)
                if not ids:
                    self._heart = None
                    return
            try:
                uow = self._uow()
                with uow:
                    uow.batch_jobs.beat(ids, utcnow())
                    uow.commit()
            except Exception:  # the next beat tries again; a job fails only if they all fail
                log.exception("batch heartbeat could not be written")

    def _save(self, job: BatchJob) -> None:
        uow = self._uow()
        with uow:
            kept = uow.batch_jobs.update(job)
            uow.commit()
        if not kept:
            raise _Lost(job.id)

    def _run(
        self, job: BatchJob, actor: Actor, queries: list[Person], threshold: float | None
    ) -> None:
        run = _Run(job)
        try:
            self._save(run.snapshot(state=JobState.RUNNING, started_at=utcnow()))
            index = self._index()
            written = time.monotonic()
            for person in queries:
                query_id = person.external_id or person.id
                matches = index.screen(
                    subject_from_person(person, query_id), top_k=job.top_k, threshold=threshold
                )
                run.results.append(QueryResult(query_id, person.display_name, tuple(matches)))
                if time.monotonic() - written >= self.progress_seconds:
                    self._save(run.snapshot())
                    written = time.monotonic()
            self._write(job.id, run.results)
            shown = ranked(run.results)
            names = self._names({r.matches[0].id for r in shown if r.matches})
            self._raise_hits(run, actor, queries)
            # Still ours? Checked before the audit, so that it never says "done"
            # of a job another process has meanwhile failed as interrupted.
            self._save(run.snapshot())
            run.snapshot(state=JobState.DONE, rows=summary(shown, names))
        except _Lost:
            log.warning("batch %s was failed by another process while it ran", job.id)
            run.snapshot(state=JobState.FAILED, error=INTERRUPTED)
        except Exception as exc:  # a worker thread has no caller to raise to
            log.exception("batch %s failed", job.id)
            run.snapshot(state=JobState.FAILED, error=f"The batch failed: {type(exc).__name__}.")
        finally:
            self._audit(run, actor)
            self._finish(run.snapshot(finished_at=utcnow()))

    def _finish(self, job: BatchJob) -> None:
        """Write the final state; forget this process's thread for it."""
        try:
            self._save(job)
        except _Lost:  # failed meanwhile by another process: its files have no job to serve them
            self._remove_files([job.id])
        except Exception:
            log.exception("batch %s: its final state could not be written", job.id)
        finally:
            with self._lock:
                self._workers.pop(job.id, None)

    def _raise_hits(self, run: _Run, actor: Actor, queries: list[Person]) -> None:
        for person, result in zip(queries, run.results, strict=True):
            if not result.alerts:
                continue
            entity = person_to_ftm(person) | {"id": result.query}
            raised = hits_svc.raise_alert_hits(
                self._uow(), actor, entity, result.matches, "batch", f"batch {run.job.id}"
            )
            run.hits += len(raised)

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

    def _write(self, job_id: str, results: list[QueryResult]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for kind, writer in (("jsonl", write_jsonl), ("csv", write_csv)):
            target = self.directory / f"{job_id}.{kind}"
            partial = target.with_suffix(f".{kind}.part")
            with partial.open("w", encoding="utf-8", newline="") as out:
                writer(results, out)
            partial.replace(target)

    def _audit(self, run: _Run, actor: Actor) -> None:
        job = run.snapshot()
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
                alert_ids=sorted({m.id for r in run.results for m in r.matches if m.alert}),
            )
        except Exception:
            log.exception("batch %s: the audit entry could not be written", job.id)
            error = job.error or "The batch ran, but its audit entry could not be written."
            run.snapshot(state=JobState.FAILED, error=error)

    def _audit_interrupted(self, job: BatchJob) -> None:
        """The end of a batch whose process stopped: written by the process that found it."""
        try:
            record(
                self._uow(),
                Actor.system(job.owner[1], source="batch recovery"),
                "screen.batch",
                "batch",
                job.id,
                purpose=job.purpose,
                state=job.state.value,
                owner=job.owner[0],
                error=job.error,
                queries=job.total,
                screened=job.done,
                skipped=job.skipped,
                alerts=job.alerts,
                hits=job.hits,
            )
        except Exception:
            log.exception(
                "batch %s: the audit entry of its interruption could not be written", job.id
            )
