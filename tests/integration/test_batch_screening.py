"""The batch screening job service against a real database and a small real index."""

from __future__ import annotations

import csv
import io
import json
import threading
from datetime import date
from pathlib import Path

import pytest

from ncbdesk.adapters.batch_files import parse_batch
from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.batch_jobs import BatchJob, JobState
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import Conflict, NotFound, PermissionDenied
from ncbdesk.domain.notices import Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.security import Role
from ncbdesk.matching import Match, NameInput, ScreeningIndex, Subject
from ncbdesk.services import batch_screening
from ncbdesk.services.batch_screening import BatchJobs
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter

OFFICER = Actor("duty1", "RU", frozenset({Role.DUTY_OFFICER}), user_id="u1")
COLLEAGUE = Actor("duty2", "RU", frozenset({Role.DUTY_OFFICER}), user_id="u2")
ADMIN = Actor("admin", "RU", frozenset({Role.ADMINISTRATOR}), user_id="u3")

LIST = [
    Subject("p-nurb", (NameInput("Нурбагандов Магомед Алиевич"),), ("1985-01-02",), ("RU",)),
    Subject("p-ivan", (NameInput("Иванов Иван Иванович"),), ("1970-05-12",), ("RU",)),
    Subject("p-smith", (NameInput("John Smith"),), ("1960",), ("GB",)),
]
QUERIES = (
    "id;name;birth_date;nationality\n"
    "q1;NURBAGANDOV MAGOMED;1985-01-02;RU\n"
    'q2;=HYPERLINK("x");1990;\n'
    "q3;Ivanov Ivan Ivanovich;1970-05-12;RU\n"
)


@pytest.fixture
def index() -> ScreeningIndex:
    return ScreeningIndex.build(LIST)


@pytest.fixture
def jobs(engine, index, tmp_path: Path) -> BatchJobs:
    return BatchJobs(tmp_path / "batches", lambda: index, lambda: SqlUnitOfWork(engine))


def queries():
    parsed = parse_batch(QUERIES.encode(), "RU", date(2026, 11, 30))
    assert parsed.errors == []
    return parsed.persons


def batch_audit(engine) -> list:
    page = SqlUnitOfWork(engine).audit.list(AuditFilter(action="screen.batch"), 0, 50)
    return list(page.items)


def finished(jobs: BatchJobs, job: BatchJob, actor: Actor = OFFICER) -> BatchJob:
    done = jobs.wait(actor, job.id, 30)
    assert done.is_finished, done
    return done


def test_a_batch_runs_in_the_background_and_writes_its_results(jobs, engine, tmp_path):
    submitted = jobs.submit(OFFICER, queries(), "Border check: flight SU 2450", skipped=1, top_k=3)
    assert len(submitted.id) == 32 and submitted.id.isalnum()
    job = finished(jobs, submitted)
    assert job.state == JobState.DONE, job.error
    assert (job.done, job.total, job.skipped) == (3, 3, 1)
    assert job.alerts == 2
    assert job.started_at and job.finished_at and job.created_at <= job.started_at
    # The page's summary: alerts first, then by best score.
    assert [r.query for r in job.rows][2] == "q2"
    by_query = {r.query: r for r in job.rows}
    assert by_query["q1"].best_id == "p-nurb" and by_query["q1"].alerts
    assert by_query["q3"].best_id == "p-ivan" and by_query["q3"].alerts
    assert by_query["q2"].alerts == 0 and by_query["q2"].name == '=HYPERLINK("x")'

    # JSON lines: the shape of `ncbdesk screen`.
    lines = (tmp_path / "batches" / f"{job.id}.jsonl").read_text("utf-8").splitlines()
    results = [json.loads(line) for line in lines]
    assert [r["query"] for r in results] == ["q1", "q2", "q3"]
    first = results[0]
    assert set(first["matches"][0]) == {"id", "score", "alert", "reasons"}
    assert first["matches"][0]["id"] == "p-nurb" and first["matches"][0]["alert"]
    assert first["matches"][0]["reasons"]
    assert results[2]["matches"][0]["id"] == "p-ivan" and results[2]["matches"][0]["alert"]
    assert not any(m["alert"] for m in results[1]["matches"])

    # CSV: one row per candidate, and no cell a spreadsheet would run as a formula.
    path = jobs.result_file(job, "csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    assert rows[0]["query"] == "q1" and rows[0]["rank"] == "1" and rows[0]["alert"] == "yes"
    assert all(not r["query_name"].startswith("=") for r in rows)
    assert any(r["query_name"] == '\'=HYPERLINK("x")' for r in rows)
    assert sorted(p.name for p in (tmp_path / "batches").iterdir()) == sorted(
        [f"{job.id}.jsonl", f"{job.id}.csv"]
    )

    # Audited once, with the purpose and the counts.
    (entry,) = batch_audit(engine)
    assert (entry.actor, entry.object_id, entry.purpose) == (
        "duty1",
        job.id,
        "Border check: flight SU 2450",
    )
    assert entry.details["queries"] == 3
    assert entry.details["alerts"] == 2
    assert entry.details["skipped"] == 1
    assert entry.details["alert_ids"] == ["p-ivan", "p-nurb"]


def test_a_job_belongs_to_its_user(jobs):
    job = finished(jobs, jobs.submit(OFFICER, queries(), "Request"))
    assert jobs.get(OFFICER, job.id) == job
    assert [j.id for j in jobs.mine(OFFICER)] == [job.id]
    with pytest.raises(NotFound):
        jobs.get(COLLEAGUE, job.id)
    assert jobs.mine(COLLEAGUE) == []
    with pytest.raises(NotFound):
        jobs.get(OFFICER, "../../etc/passwd")


def test_a_role_without_screening_rights_cannot_start_a_batch(jobs, engine):
    with pytest.raises(PermissionDenied):
        jobs.submit(ADMIN, queries(), "Curious")
    assert jobs.mine(ADMIN) == []
    assert batch_audit(engine)[0].outcome.value == "refused"


class GatedIndex:
    """The real index, held at the first query until the test opens the gate."""

    def __init__(self, index: ScreeningIndex) -> None:
        self.index = index
        self.gate = threading.Event()

    def screen(self, query: Subject, top_k: int = 10, threshold: float | None = None):
        assert self.gate.wait(30)
        return self.index.screen(query, top_k=top_k, threshold=threshold)

    def search(self, text: str, top_k: int = 10) -> list[Match]:
        return self.index.search(text, top_k)

    def upsert(self, subject: Subject) -> None: ...
    def remove(self, subject_id: str) -> None: ...
    def __len__(self) -> int:
        return len(self.index)


def test_progress_is_visible_while_the_job_runs(engine, index, tmp_path):
    gated = GatedIndex(index)
    jobs = BatchJobs(tmp_path / "b", lambda: gated, lambda: SqlUnitOfWork(engine))
    job = jobs.submit(OFFICER, queries(), "Analysis")
    try:
        seen = jobs.get(OFFICER, job.id)
        assert seen.state in (JobState.QUEUED, JobState.RUNNING)
        assert seen.done == 0 and not seen.is_finished
        with pytest.raises(NotFound):
            jobs.result_file(seen, "csv")
        assert batch_audit(engine) == []
    finally:
        gated.gate.set()
    job = finished(jobs, job)
    assert job.state == JobState.DONE and job.percent == 100


class BrokenIndex(GatedIndex):
    def screen(self, query: Subject, top_k: int = 10, threshold: float | None = None):
        raise RuntimeError("index file vanished")


def test_a_failing_job_is_marked_failed_and_still_audited(engine, index, tmp_path):
    jobs = BatchJobs(tmp_path / "b", lambda: BrokenIndex(index), lambda: SqlUnitOfWork(engine))
    job = finished(jobs, jobs.submit(OFFICER, queries(), "Analysis"))
    assert job.state == JobState.FAILED
    assert job.error == "The batch failed: RuntimeError."
    with pytest.raises(NotFound):
        jobs.result_file(job, "jsonl")
    (entry,) = batch_audit(engine)
    assert entry.details["state"] == "failed"
    assert not (tmp_path / "b").exists()


def test_an_officer_runs_at_most_two_batches_at_once(engine, index, tmp_path):
    gated = GatedIndex(index)
    jobs = BatchJobs(tmp_path / "b", lambda: gated, lambda: SqlUnitOfWork(engine))
    running = [jobs.submit(OFFICER, queries(), "Analysis") for _ in range(2)]
    try:
        with pytest.raises(Conflict):
            jobs.submit(OFFICER, queries(), "Analysis")
        other = jobs.submit(COLLEAGUE, queries(), "Analysis")  # the limit is per officer
    finally:
        gated.gate.set()
    assert all(finished(jobs, j).state == JobState.DONE for j in running)
    assert finished(jobs, other, COLLEAGUE).state == JobState.DONE
    assert finished(jobs, jobs.submit(OFFICER, queries(), "Analysis")).state == JobState.DONE


def test_forgotten_jobs_take_their_result_files_with_them(jobs, tmp_path, monkeypatch):
    monkeypatch.setattr(batch_screening, "MAX_JOBS_KEPT", 1)
    first = finished(jobs, jobs.submit(OFFICER, queries(), "Analysis"))
    assert (tmp_path / "batches" / f"{first.id}.csv").exists()
    second = finished(jobs, jobs.submit(OFFICER, queries(), "Analysis"))
    with pytest.raises(NotFound):
        jobs.get(OFFICER, first.id)
    assert sorted(p.name for p in (tmp_path / "batches").iterdir()) == sorted(
        [f"{second.id}.csv", f"{second.id}.jsonl"]
    )


def test_the_summary_names_the_best_candidates_found_in_the_database(engine, tmp_path):
    from ncbdesk.domain.persons import Person, PersonName
    from ncbdesk.services import persons as person_svc
    from ncbdesk.services.screening import subject_from_person

    person = person_svc.create_person(
        SqlUnitOfWork(engine),
        Actor.system("RU"),
        Person(owner_bureau="RU", names=[PersonName("Нурбагандов Магомед")]),
    )
    index = ScreeningIndex.build([subject_from_person(person)])
    jobs = BatchJobs(tmp_path / "b", lambda: index, lambda: SqlUnitOfWork(engine))
    job = finished(jobs, jobs.submit(OFFICER, queries()[:1], "Analysis"))
    (row,) = job.rows
    assert (row.best_id, row.best_name) == (person.id, "Нурбагандов Магомед")


def test_alerts_on_a_wanted_person_become_pending_hits_once(jobs, engine):
    """An alert on someone with a published Red Notice goes to the hit queue."""
    wanted = Person(
        "RU", [PersonName("Нурбагандов Магомед Алиевич")], birth_dates=[PartialDate(1985, 1, 2)],
        id="p-nurb",
    )  # fmt: skip
    red = Notice(
        NoticeType.RED, "DE", "Wanted for fraud", subject_ids=["p-nurb"],
        status=NoticeStatus.PUBLISHED,
    )  # fmt: skip
    draft = Notice(NoticeType.RED, "RU", "Not yet out", subject_ids=["p-nurb"])
    uow = SqlUnitOfWork(engine)
    with uow:
        uow.persons.add(wanted)
        uow.notices.add(red)
        uow.notices.add(draft)
        uow.commit()

    job = finished(jobs, jobs.submit(OFFICER, queries(), "Border check: flight SU 2450"))
    assert job.state == JobState.DONE, job.error
    with uow:
        hits = uow.hits.for_notice(red.id)
        assert uow.hits.for_notice(draft.id) == []
    (hit,) = hits
    assert (hit.subject_id, hit.source, hit.status.value) == ("p-nurb", "batch", "pending")
    assert hit.query["id"] == "q1"
    assert hit.query["properties"]["name"] == ["NURBAGANDOV MAGOMED"]
    assert hit.reasons and hit.location == f"batch {job.id}"
    assert job.hits == 1 and batch_audit(engine)[0].details["hits"] == 1

    # The same file again: the pending hit is not raised twice.
    again = finished(jobs, jobs.submit(OFFICER, queries(), "Border check: flight SU 2450"))
    assert again.state == JobState.DONE
    assert again.hits == 0
    with uow:
        assert len(uow.hits.for_notice(red.id)) == 1
