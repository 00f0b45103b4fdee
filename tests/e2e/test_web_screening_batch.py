"""The batch screening pages over HTTP, signed in: upload, errors by line, progress, downloads."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import threading
import time

import pytest
from fastapi.testclient import TestClient

from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.app import create_app
from ncbdesk.entrypoints.security import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE
from ncbdesk.services import auth
from ncbdesk.services import persons as person_svc
from ncbdesk.services.batch_screening import BatchJobs
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter

HASHER = Argon2Hasher(time_cost=1, memory_cost_kib=1024)
PASSWORD = "correct horse battery"
SYSTEM = Actor.system("RU")
NAME = "Нурбагандов Магомед Алиевич"
XSS = "<script>alert(1)</script>"
_numbers = itertools.count()
FORM = {"purpose": "request", "purpose_detail": "RU-2026-77", "top": "10"}
CSV = (
    f"\ufeffid;name;birth_date;nationality\nq1;NURBAGANDOV Magomed;1985-01-02;RU\nq2;{XSS};1990;\n"
)


def sign_in(app, client, *roles: Role) -> str:
    ctx = app.state.ctx
    name = f"batcher{next(_numbers)}"
    auth.create_user(ctx.uow(), SYSTEM, HASHER, name, PASSWORD, set(roles), "RU")
    cookie, session, _ = auth.sign_in(
        ctx.uow(), HASHER, name, PASSWORD, "testclient", ctx.session_policy
    )
    client.cookies.set(SESSION_COOKIE, cookie)
    client.headers[CSRF_HEADER] = session.csrf
    return session.csrf


@pytest.fixture
def officer(app, client) -> str:
    return sign_in(app, client, Role.DUTY_OFFICER)


@pytest.fixture
def wanted(app) -> Person:
    person = Person(
        owner_bureau="RU",
        names=[PersonName(NAME)],
        birth_dates=[PartialDate(1985, 1, 2)],
        nationalities=["RU"],
    )
    return person_svc.create_person(app.state.ctx.uow(), SYSTEM, person)


def upload(client, content: bytes, filename: str = "queries.csv", **fields: str):
    return client.post(
        "/screening/batch",
        data={**FORM, **fields},
        files={"file": (filename, content, "text/csv")},
        follow_redirects=False,
    )


def wait_until_finished(client, dom, location: str) -> None:
    """Poll the progress fragment, as the page does, until it stops asking to be polled."""
    deadline = time.monotonic() + 30
    while True:
        r = client.get(location + "/progress", headers={"HX-Request": "true"})
        assert r.status_code == 200
        if dom(r).one("section#batch-progress").get("hx-trigger") is None:
            return
        assert time.monotonic() < deadline, "the batch did not finish in 30 s"
        time.sleep(0.05)


def finished_job_page(client, dom, response):
    assert response.status_code == 303, response.text[:1000]
    location = response.headers["location"]
    assert re.fullmatch(r"/screening/batch/[0-9a-f]{32}", location)
    wait_until_finished(client, dom, location)
    return location, dom(client.get(location))


def test_the_upload_form(client, dom, officer):
    doc = dom(client.get("/screening/batch"))
    form = doc.one("form#batch-form[method=post][enctype='multipart/form-data']")
    assert form.one("input[type=file][name=file]").get("required") is not None
    assert form.one("select[name=purpose]").get("required") is not None
    assert form.one("input[type=checkbox][name=skip_invalid]")
    assert form.one(f"input[name={CSRF_FIELD}]").get("value") == officer
    assert doc.one("nav#screening-modes a[aria-current=page]").text == "Batch file"


def test_a_csv_is_screened_in_the_background_and_offered_for_download(
    app, client, dom, officer, wanted
):
    location, doc = finished_job_page(client, dom, upload(client, CSV.encode()))
    job_id = location.rsplit("/", 1)[1]
    progress = doc.one("section#batch-progress")
    assert progress.get("hx-trigger") is None  # finished: no more polling
    bar = progress.one("progress#batch-progress-bar")
    assert (bar.get("value"), bar.get("max")) == ("2", "2")
    assert doc.one("#batch-state").text == "Done: 2 of 2 queries screened."
    assert doc.one("#batch-summary .queries").text == "2"
    assert doc.one("#batch-summary .alerts").text == "1"
    rows = doc.select("#batch-results tbody tr")
    assert [r.one(".query").text for r in rows] == ["q1", "q2"]
    assert "is-alert" in rows[0].classes
    assert rows[0].one(".alert-marker").text == "ALERT"
    best = rows[0].one(".best a")
    assert (best.get("href"), best.text) == (f"/persons/{wanted.id}", NAME)
    assert rows[1].one("bdi").text == XSS
    assert all(s.get("src") for s in doc.select("script"))

    links = {a.text: a.get("href") for a in doc.select("#batch-downloads a")}
    got_csv = client.get(links["Download CSV"])
    assert got_csv.status_code == 200
    assert got_csv.headers["content-type"].startswith("text/csv")
    assert f'filename="screening-{job_id}.csv"' in got_csv.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(got_csv.text)))
    assert table[0]["query"] == "q1"
    assert table[0]["match_id"] == wanted.id
    assert table[0]["alert"] == "yes"

    got_jsonl = client.get(links["Download JSON lines"])
    lines = [json.loads(line) for line in got_jsonl.text.splitlines()]
    assert [line["query"] for line in lines] == ["q1", "q2"]
    assert lines[0]["matches"][0]["id"] == wanted.id
    assert set(lines[0]["matches"][0]) == {"id", "score", "alert", "reasons"}

    entries = app.state.ctx.uow().audit.list(AuditFilter(action="screen.batch"), 0, 10).items
    (entry,) = [e for e in entries if e.action == "screen.batch"]
    assert entry.purpose == "Request from another bureau: RU-2026-77"
    assert (entry.details["queries"], entry.details["alerts"]) == (2, 1)


def test_bad_rows_are_listed_by_line_and_nothing_runs(app, client, dom, officer):
    content = "id,name,birth_date,nationality\nq1,Иванов,1970,RU\nq2,Петров,1985-02-30,XX\n"
    r = upload(client, content.encode())
    assert r.status_code == 422
    doc = dom(r)
    cells = [
        (tr.one(".line").text, tr.one(".column").text) for tr in doc.select("#line-errors tbody tr")
    ]
    assert cells == [("3", "birth_date"), ("3", "nationality")]
    assert "1 row(s) are not valid" in doc.one("#f-file-error").text
    assert doc.one("#f-file").get("aria-invalid") == "true"
    assert not doc.select("#batch-jobs")  # no batch was started


def test_skip_invalid_rows_screens_the_rest(app, client, dom, officer, wanted):
    content = "id,name,birth_date\nq1,Nurbagandov Magomed,1985-01-02\nq2,Петров,1985-02-30\n"
    _, doc = finished_job_page(client, dom, upload(client, content.encode(), skip_invalid="on"))
    assert doc.one("#batch-state").text == "Done: 1 of 1 queries screened."
    assert doc.one("#batch-skipped").text == "1"
    assert doc.one("#batch-summary .skipped").text == "1"


def test_the_file_type_is_checked_by_content_and_the_purpose_is_required(client, dom, officer):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
    r = client.post(
        "/screening/batch",
        data={"top": "10"},
        files={"file": ("queries.csv", png, "text/csv")},
    )
    assert r.status_code == 422
    doc = dom(r)
    assert "not a text file" in doc.one("#f-file-error").text
    assert doc.one("#f-purpose-error")
    r = client.post("/screening/batch", data=FORM)
    assert r.status_code == 422
    assert "choose a CSV" in dom(r).one("#f-file-error").text


def test_a_header_missing_is_reported_beside_the_file_field(client, dom, officer):
    r = upload(client, "q1,Иванов Иван,1970\n".encode())
    assert r.status_code == 422
    assert "header" in dom(r).one("#f-file-error").text


def test_another_user_cannot_see_or_download_a_batch(app, client, dom, officer, wanted):
    location, _ = finished_job_page(client, dom, upload(client, CSV.encode()))
    assert client.get(location + "/results.csv").status_code == 200
    sign_in(app, client, Role.DUTY_OFFICER)
    for path in ("", "/progress", "/results.csv", "/results.jsonl"):
        assert client.get(location + path).status_code == 404, path
    assert not dom(client.get("/screening/batch")).select("#batch-jobs")


class GatedIndex:
    def __init__(self, index) -> None:
        self.index = index
        self.gate = threading.Event()

    def screen(self, query, top_k=10, threshold=None):
        assert self.gate.wait(30)
        return self.index.screen(query, top_k=top_k, threshold=threshold)

    def search(self, text, top_k=10):
        return self.index.search(text, top_k)

    def upsert(self, subject) -> None: ...
    def remove(self, subject_id) -> None: ...
    def __len__(self) -> int:
        return len(self.index)


def test_while_running_the_progress_fragment_polls_every_second(app, client, dom, officer, wanted):
    ctx = app.state.ctx
    gated = GatedIndex(ctx.index_store.get())
    app.state.batch_jobs = BatchJobs(ctx.settings.data_dir / "batches", lambda: gated, ctx.uow)
    r = upload(client, CSV.encode())
    location = r.headers["location"]
    try:
        fragment = dom(client.get(location + "/progress", headers={"HX-Request": "true"}))
        section = fragment.one("section#batch-progress")
        assert section.get("hx-trigger") == "every 1s"
        assert section.get("hx-get") == location + "/progress"
        assert section.get("hx-swap") == "outerHTML"
        assert fragment.one("progress").get("value") == "0"
        assert not fragment.select("header, #batch-downloads")
        assert client.get(location + "/results.csv").status_code == 404
        page = dom(client.get(location))
        assert page.one("section#batch-progress").get("hx-trigger") == "every 1s"
    finally:
        gated.gate.set()
    wait_until_finished(client, dom, location)
    assert client.get(location + "/results.csv").status_code == 200


def test_a_restarted_or_second_server_process_serves_the_same_batch(
    app, client, dom, settings, officer, wanted
):
    """Jobs live in the database: another app on the same data lists and serves them."""
    location, _ = finished_job_page(client, dom, upload(client, CSV.encode()))
    job_id = location.rsplit("/", 1)[1]
    second = create_app(settings)  # nothing shared with the first but the database and files
    try:
        with TestClient(second) as other:
            other.cookies.update(client.cookies)
            other.headers.update(client.headers)
            listed = dom(other.get("/screening/batch"))
            (link,) = listed.select("#batch-jobs tbody a")
            assert link.get("href") == location
            assert listed.one("#batch-jobs tbody .state").text == "done"
            page = dom(other.get(location))
            assert page.one("#batch-state").text == "Done: 2 of 2 queries screened."
            rows = page.select("#batch-results tbody tr")
            assert [r.one(".query").text for r in rows] == ["q1", "q2"]
            assert rows[0].one(".best a").text == NAME
            got = other.get(location + "/results.jsonl")
            assert got.status_code == 200
            assert [json.loads(line)["query"] for line in got.text.splitlines()] == ["q1", "q2"]
            sign_in(second, other, Role.DUTY_OFFICER)  # someone else, on the second process
            for path in ("", "/progress", "/results.csv"):
                assert other.get(location + path).status_code == 404, path
    finally:
        second.state.ctx.engine.dispose()
    assert job_id in {p.stem for p in (settings.data_dir / "batches").iterdir()}
