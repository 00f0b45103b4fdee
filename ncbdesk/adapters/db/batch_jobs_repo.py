"""Batch screening jobs in the database: the registry every server process shares."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from ncbdesk.adapters.db.mappers import aware
from ncbdesk.adapters.db.tables import batch_jobs
from ncbdesk.domain.batch_jobs import UNFINISHED, BatchJob, JobState, SummaryRow

_UNFINISHED = sorted(s.value for s in UNFINISHED)


def _summary(rows: Sequence[SummaryRow]) -> list[dict[str, Any]]:
    return [
        {
            "query": r.query,
            "name": r.name,
            "alerts": r.alerts,
            "best_id": r.best_id,
            "best_score": r.best_score,
            "best_name": r.best_name,
        }
        for r in rows
    ]


def _progress(job: BatchJob) -> dict[str, Any]:
    """The columns that change while a job runs."""
    return {
        "state": job.state.value,
        "done": job.done,
        "alerts": job.alerts,
        "hits": job.hits,
        "error": job.error,
        "summary": _summary(job.rows),
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "heartbeat_at": job.heartbeat_at,
    }


def _row(job: BatchJob) -> dict[str, Any]:
    return {
        "id": job.id,
        "owner_id": job.owner[0],
        "owner_bureau": job.owner[1],
        "purpose": job.purpose,
        "total": job.total,
        "skipped": job.skipped,
        "top_k": job.top_k,
        "runner": job.runner,
        "created_at": job.created_at,
        **_progress(job),
    }


def _job(row: Any) -> BatchJob:
    return BatchJob(
        id=row.id,
        owner=(row.owner_id, row.owner_bureau),
        purpose=row.purpose,
        total=row.total,
        runner=row.runner,
        skipped=row.skipped,
        top_k=row.top_k,
        state=JobState(row.state),
        done=row.done,
        alerts=row.alerts,
        hits=row.hits,
        error=row.error,
        created_at=aware(row.created_at),
        started_at=aware(row.started_at) if row.started_at else None,
        finished_at=aware(row.finished_at) if row.finished_at else None,
        heartbeat_at=aware(row.heartbeat_at),
        rows=tuple(
            SummaryRow(
                query=r["query"],
                name=r["name"],
                alerts=r["alerts"],
                best_id=r["best_id"],
                best_score=r["best_score"],
                best_name=r["best_name"],
            )
            for r in row.summary or []
        ),
    )


def _lock_key(owner: tuple[str, str]) -> int:
    """A PostgreSQL advisory lock key (signed 64 bits) for one owner's submissions."""
    digest = hashlib.sha256(f"batch_jobs\0{owner[0]}\0{owner[1]}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class SqlBatchJobRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, job: BatchJob, max_unfinished: int) -> int:
        c = batch_jobs.c
        if self.conn.dialect.name == "postgresql":
            # Two processes submitting for one owner at once would each count
            # the other's row as not there yet; this lock (held to the end of
            # the transaction) makes them take turns.
            self.conn.execute(select(func.pg_advisory_xact_lock(_lock_key(job.owner))))
        # Insert first, count after: on SQLite the insert takes the write lock,
        # so no other process can add a job between the count and the commit.
        self.conn.execute(insert(batch_jobs).values(**_row(job)))
        count = self.conn.execute(
            select(func.count())
            .select_from(batch_jobs)
            .where(c.owner_id == job.owner[0], c.owner_bureau == job.owner[1])
            .where(c.state.in_(_UNFINISHED))
        ).scalar_one()
        before = int(count) - 1
        if before >= max_unfinished:
            self.conn.execute(delete(batch_jobs).where(c.id == job.id))
        return before

    def get(self, job_id: str) -> BatchJob | None:
        row = self.conn.execute(select(batch_jobs).where(batch_jobs.c.id == job_id)).first()
        return _job(row) if row else None

    def for_owner(self, owner: tuple[str, str]) -> list[BatchJob]:
        c = batch_jobs.c
        rows = self.conn.execute(
            select(batch_jobs)
            .where(c.owner_id == owner[0], c.owner_bureau == owner[1])
            .order_by(c.created_at.desc(), c.id)
        ).all()
        return [_job(r) for r in rows]

    def update(self, job: BatchJob) -> bool:
        c = batch_jobs.c
        done = self.conn.execute(
            update(batch_jobs)
            .where(c.id == job.id, c.state.in_(_UNFINISHED))
            .values(**_progress(job))
        )
        return done.rowcount == 1

    def beat(self, job_ids: Sequence[str], at: datetime) -> None:
        if not job_ids:
            return
        c = batch_jobs.c
        self.conn.execute(
            update(batch_jobs)
            .where(c.id.in_(list(job_ids)), c.state.in_(_UNFINISHED))
            .values(heartbeat_at=at)
        )

    def fail_stale(self, before: datetime, error: str, at: datetime) -> list[BatchJob]:
        c = batch_jobs.c
        stale = c.state.in_(_UNFINISHED), c.heartbeat_at < before
        # Read first, so that the usual case (nothing stale) writes nothing;
        # then one conditional update per job, so that a job whose runner beat
        # meanwhile is left alone and two processes never both fail one job.
        rows = self.conn.execute(select(batch_jobs).where(*stale)).all()
        failed = []
        for row in rows:
            done = self.conn.execute(
                update(batch_jobs)
                .where(c.id == row.id, *stale)
                .values(state=JobState.FAILED.value, error=error, finished_at=at)
            )
            if done.rowcount == 1:
                job = _job(row)
                failed.append(
                    dataclasses.replace(job, state=JobState.FAILED, error=error, finished_at=at)
                )
        return failed

    def forget_finished(self, keep: int) -> list[str]:
        c = batch_jobs.c
        total = int(self.conn.execute(select(func.count()).select_from(batch_jobs)).scalar_one())
        if total <= keep:
            return []
        ids = list(
            self.conn.execute(
                select(c.id)
                .where(c.state.not_in(_UNFINISHED))
                .order_by(c.created_at, c.id)
                .limit(total - keep)
            ).scalars()
        )
        if ids:
            self.conn.execute(delete(batch_jobs).where(c.id.in_(ids)))
        return ids

    def ids(self) -> set[str]:
        return set(self.conn.execute(select(batch_jobs.c.id)).scalars())
