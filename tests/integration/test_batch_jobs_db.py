"""Batch jobs kept in the database: a restart, several server processes, processes that die.

Each BatchJobs object stands for one server process (it has its own runner id,
worker threads and heartbeat); those made on their own engine share nothing
with the others but the database and the results folder. Real SQLite and
PostgreSQL (see the db_url fixture), real files.
"""

from __future__ import annotations

import csv
import io
import json
import secrets
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from test_batch_screening import (
    ADMIN,
    COLLEAGUE,
    LIST,
    OFFICER,
    GatedIndex,
    batch_audit,
    queries,
)

from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
from ncbdesk.adapters.db.migrate import alembic_config, upgrade
from ncbdesk.adapters.db.tables import metadata
from ncbdesk.domain.batch_jobs import INTERRUPTED, BatchJob, JobState
from ncbdesk.domain.errors import Conflict, NotFound, PermissionDenied
from ncbdesk.domain.persons import utcnow
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services.batch_screening import BatchJobs
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter

MESSAGE = "interrupted: the server stopped before this batch finished; submit the file again"


@pytest.fixture
def index() -> ScreeningIndex:
    return ScreeningIndex.build(LIST)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "batches"


@pytest.fixture
def process(db_url, index, folder):
    """process(index=..., **timing) → a new server process's registry, on an engine of its own."""
    engines = []

    def make(screening=None, **timing) -> BatchJobs:
        engine = make_engine(db_url)
        engines.append(engine)
        found = screening if screening is not None else index
        return BatchJobs(folder, lambda: found, lambda: SqlUnitOfWork(engine), **timing)

    yield make
    for engine in engines:
        engine.dispose()


def left_behind(engine, state: JobState, heartbeat_age: timedelta, done: int = 1) -> BatchJob:
    """A job as a server process that has since died left it in the table."""
    now = utcnow()
    job = BatchJob(
        id=secrets.token_hex(16),
        owner=("u1", "RU"),
        purpose="Border check: flight SU 2450",
        total=3,
        runner="old-host:4242:0123456789abcdef",
        state=state,
        done=done if state == JobState.RUNNING else 0,
        created_at=now - heartbeat_age - timedelta(seconds=5),
        started_at=now - heartbeat_age if state == JobState.RUNNING else None,
        heartbeat_at=now - heartbeat_age,
    )
    uow = SqlUnitOfWork(engine)
    with uow:
        assert uow.batch_jobs.add(job, 10) < 10
        uow.commit()
    return job


def test_a_job_survives_a_restart_with_its_results_downloadable(process, folder):
    before = process()
    job = before.wait(OFFICER, before.submit(OFFICER, queries(), "Request", skipped=1).id, 30)
    assert job.state == JobState.DONE, job.error

    after = process()  # the server restarted: a new process, nothing kept in memory
    again = after.get(OFFICER, job.id)
    assert again == job
    assert (again.done, again.total, again.alerts, again.skipped) == (3, 3, 2, 1)
    assert [r.query for r in again.rows] == [r.query for r in job.rows]
    assert {r.query: r.best_id for r in again.rows}["q1"] == "p-nurb"
    assert [j.id for j in after.mine(OFFICER)] == [job.id]

    lines = after.result_file(again, "jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["query"] for line in lines] == ["q1", "q2", "q3"]
    table = list(csv.DictReader(io.StringIO(after.result_file(again, "csv").read_text("utf-8"))))
    assert table[0]["query"] == "q1" and table[0]["match_id"] == "p-nurb"
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{job.id}.jsonl", f"{job.id}.csv"])


def test_after_a_restart_another_user_still_cannot_see_the_job(process):
    before = process()
    job = before.wait(OFFICER, before.submit(OFFICER, queries(), "Request").id, 30)
    after = process()
    with pytest.raises(NotFound, match="No such batch"):
        after.get(COLLEAGUE, job.id)
    assert after.mine(COLLEAGUE) == []
    same_name_elsewhere = Actor("duty1", "KZ", OFFICER.roles, user_id="u1")
    with pytest.raises(NotFound):
        after.get(same_name_elsewhere, job.id)  # the owner is the user *and* the bureau


def test_every_process_sees_the_same_jobs_and_progress(process, index):
    gated = GatedIndex(index)
    runner = process(gated, progress_seconds=0.0)
    other = process()
    job = runner.submit(OFFICER, queries(), "Analysis")
    try:
        seen = other.get(OFFICER, job.id)
        assert seen.state in (JobState.QUEUED, JobState.RUNNING) and seen.done == 0
        assert [j.id for j in other.mine(OFFICER)] == [job.id]
        assert seen.runner == runner.runner != other.runner
    finally:
        gated.gate.set()
    done = runner.wait(OFFICER, job.id, 30)
    assert other.get(OFFICER, job.id) == done
    assert done.state == JobState.DONE and done.done == 3


def test_a_job_left_running_by_a_dead_process_is_failed_with_the_message(process, engine, folder):
    dead = left_behind(engine, JobState.RUNNING, timedelta(minutes=10))
    queued = left_behind(engine, JobState.QUEUED, timedelta(minutes=10))
    folder.mkdir()
    part = folder / f"{dead.id}.jsonl.part"
    part.write_text('{"query": "q1", "matches": []}\n', "utf-8")

    starting = process()
    failed = starting.get(OFFICER, dead.id)
    assert failed.state == JobState.FAILED and failed.is_finished
    assert failed.error == INTERRUPTED == MESSAGE
    assert failed.finished_at is not None and failed.done == 1
    assert starting.get(OFFICER, queued.id).error == MESSAGE
    assert not part.exists()  # a half-written result holds personal data too
    with pytest.raises(NotFound):
        starting.result_file(failed, "jsonl")

    # The interruption is audited once, by the process that found it.
    process().mine(OFFICER)
    entries = [e for e in batch_audit(engine) if e.object_id == dead.id]
    (entry,) = entries
    assert (entry.actor, entry.purpose) == ("system", "Border check: flight SU 2450")
    assert entry.details["state"] == "failed" and entry.details["owner"] == "u1"
    assert entry.details["error"] == MESSAGE and entry.details["screened"] == 1

    # Failed, they no longer count as running: the officer may start a batch.
    job = starting.wait(OFFICER, starting.submit(OFFICER, queries(), "Request").id, 30)
    assert job.state == JobState.DONE


def test_a_process_starting_leaves_a_live_process_running_job_alone(process, index):
    gated = GatedIndex(index)
    fast = {"heartbeat_seconds": 0.05, "stale_after": timedelta(seconds=1)}
    live = process(gated, **fast)
    job = live.submit(OFFICER, queries(), "Analysis")
    try:
        time.sleep(2)  # twice stale_after, held at the first query: only the beats keep it
        starting = process(**fast)
        seen = starting.get(OFFICER, job.id)
        assert seen.state in (JobState.QUEUED, JobState.RUNNING), seen.error
        assert seen.heartbeat_at > utcnow() - timedelta(seconds=1)
    finally:
        gated.gate.set()
    assert live.wait(OFFICER, job.id, 30).state == JobState.DONE
    assert starting.get(OFFICER, job.id).state == JobState.DONE


def test_a_process_whose_heartbeat_stopped_loses_its_job_and_keeps_no_files(
    process, index, engine, folder
):
    """A runner that stops beating is taken for dead; if it was only stalled, it gives up."""
    gated = GatedIndex(index)
    stalled = process(gated, heartbeat_seconds=3600)
    job = stalled.submit(OFFICER, queries(), "Analysis")
    try:
        time.sleep(0.3)
        sweeper = process(stale_after=timedelta(seconds=0.2))
        assert sweeper.get(OFFICER, job.id).error == MESSAGE
    finally:
        gated.gate.set()
    after = stalled.wait(OFFICER, job.id, 30)
    assert after.state == JobState.FAILED and after.error == MESSAGE
    assert not folder.exists() or list(folder.iterdir()) == []
    states = sorted(e.details["state"] for e in batch_audit(engine) if e.object_id == job.id)
    assert states == ["failed", "failed"]  # the sweeper's entry and the stalled runner's own


def test_bad_input_changes_nothing(process, engine, index, folder):
    gated = GatedIndex(index)
    jobs = process(gated)

    def table() -> set[str]:
        uow = SqlUnitOfWork(engine)
        with uow:
            return uow.batch_jobs.ids()

    with pytest.raises(PermissionDenied):
        jobs.submit(ADMIN, queries(), "Curious")
    assert table() == set()
    running = [jobs.submit(OFFICER, queries(), "Analysis") for _ in range(2)]
    try:
        with pytest.raises(Conflict, match="2 batches running"):
            jobs.submit(OFFICER, queries(), "Analysis")
        assert table() == {j.id for j in running}
        for bad in ("../../etc/passwd", running[0].id.upper(), running[0].id + "0", ""):
            with pytest.raises(NotFound):
                jobs.get(OFFICER, bad)
    finally:
        gated.gate.set()
    done = jobs.wait(OFFICER, running[0].id, 30)
    for kind in ("../../etc/passwd", "part", "jsonl.part", "CSV"):
        with pytest.raises(NotFound):
            jobs.result_file(done, kind)
    assert jobs.wait(OFFICER, running[1].id, 30).state == JobState.DONE
    assert table() == {j.id for j in running}


def test_result_files_without_a_job_are_deleted_on_first_use(process, folder):
    """Results of jobs kept only in memory before, or forgotten by a process that then died."""
    folder.mkdir()
    orphan = "ab" * 16
    for name in (f"{orphan}.csv", f"{orphan}.jsonl", f"{orphan}.csv.part"):
        (folder / name).write_text("query\n", "utf-8")
    (folder / "notes.txt").write_text("not ours\n", "utf-8")
    jobs = process()
    job = jobs.wait(OFFICER, jobs.submit(OFFICER, queries(), "Request").id, 30)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{job.id}.csv", f"{job.id}.jsonl", "notes.txt"]
    )


def test_two_processes_adding_for_one_owner_take_turns(db_url):
    """The running-jobs limit holds across processes: the second add waits for the first."""
    engines = [make_engine(db_url), make_engine(db_url)]
    first, second = (SqlUnitOfWork(e) for e in engines)

    def job() -> BatchJob:
        return BatchJob(
            id=secrets.token_hex(16),
            owner=("u1", "RU"),
            purpose="p",
            total=1,
            runner="r",
        )

    answers: list[int] = []
    try:
        with first:
            assert first.batch_jobs.add(job(), 1) == 0

            def add_second() -> None:
                with second:
                    answers.append(second.batch_jobs.add(job(), 1))
                    second.commit()

            other = threading.Thread(target=add_second)
            other.start()
            time.sleep(0.3)
            assert answers == []  # waiting for the first transaction
            first.commit()
        other.join(30)
        assert answers == [1]  # it saw the first job, and added nothing
        with first:
            assert len(first.batch_jobs.ids()) == 1
    finally:
        for e in engines:
            e.dispose()


def test_migration_0010_creates_the_table_the_code_maps(fresh_url):
    engine = make_engine(fresh_url)
    try:
        upgrade(engine, "0009")
        assert "batch_jobs" not in inspect(engine).get_table_names()
        upgrade(engine)
        assert "batch_jobs" in inspect(engine).get_table_names()
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), metadata)
        assert [d for d in diffs if "batch_jobs" in repr(d)] == []
        cfg = alembic_config(engine.url.render_as_string(hide_password=False))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0009")
        assert "batch_jobs" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_the_audit_of_a_finished_batch_is_as_before(process, engine):
    jobs = process()
    job = jobs.wait(OFFICER, jobs.submit(OFFICER, queries(), "Request").id, 30)
    page = SqlUnitOfWork(engine).audit.list(AuditFilter(action="screen.batch"), 0, 50)
    (entry,) = page.items
    assert (entry.actor, entry.object_id) == ("duty1", job.id)
    assert entry.details["state"] == "done" and entry.details["alerts"] == 2
