"""The request registry's pages: register, queue, search, deadlines, lifecycle, thread,
attachments and the routing rules editor, through the forms as a browser posts them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.requests import Channel, Direction, Request, RequestStatus, RequestType
from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.security import CSRF_HEADER
from ncbdesk.services import requests as svc
from ncbdesk.services import requests_rules as rules_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.requests_ports import RequestFilter

SYSTEM = Actor.system("RU")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
FORM = {
    "direction": "incoming",
    "channel": "i247",
    "type": "identity_check",
    "priority": "urgent",
    "subject": "Установление личности: Беридзе Гиви",
    "body": "Просим проверить по учётам паспорт 12 3456789.",
    "counterpart_country": "ge",
    "reference": "GE-2026/115",
    "handling.H1": "on",
}


def username(client: TestClient, dom) -> str:
    return dom(client.get("/")).one(".who .username").text


def all_requests(app: FastAPI, **kw) -> list[Request]:
    return svc.list_requests(app.state.ctx.uow(), SYSTEM, RequestFilter(**kw), 0, 100).items


def add_request(app: FastAPI, assignee: str | None = None, hours_ago: int = 0, **kw) -> Request:
    r = Request(
        direction=kw.pop("direction", Direction.INCOMING),
        channel=kw.pop("channel", Channel.I247),
        type=kw.pop("type", RequestType.INFORMATION),
        subject=kw.pop("subject", "Information on a stolen car, VIN WVWZZZ1JZXW000001"),
        counterpart_country=kw.pop("counterpart_country", "DE"),
        assignee=assignee,
        **kw,
    )
    r.received_at = utcnow() - timedelta(hours=hours_ago)
    return svc.register_request(app.state.ctx.uow(), SYSTEM, r)


def rule_names(client: TestClient, dom) -> list[str]:
    return [th.text for th in dom(client.get("/requests/rules")).select("#rules-table tbody th")]


def status_of(app: FastAPI, request_id: str) -> RequestStatus:
    return svc.get_request(app.state.ctx.uow(), SYSTEM, request_id).status


@pytest.fixture
def supervisor(app: FastAPI, sign_in_web) -> TestClient:
    """A second browser: a supervisor of bureau RU."""
    other = TestClient(app)
    sign_in_web(other, Role.SUPERVISOR)
    return other


def test_register_through_the_form_then_find_it_in_my_queue_and_by_search(
    app, client, dom, sign_in_web
):
    sign_in_web(client, Role.DUTY_OFFICER)
    me = username(client, dom)
    form = dom(client.get("/requests/new"))
    assert form.one("#request-form input[name=csrf_token]").get("value")
    # An officer may keep a request for themselves, or leave it to the routing rules.
    offered = [o.get("value") for o in form.select("#f-assignee option")]
    assert offered == ["", me]

    r = client.post("/requests/new", data=FORM | {"assignee": me}, follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    assert re.fullmatch(r"/requests/[0-9a-f]{32}\?done=registered", r.headers["location"])
    page = dom(client.get(r.headers["location"]))
    created = all_requests(app)[0]
    # Urgent: 12 hours from receipt, shown in the bureau's zone (UTC in the tests).
    assert created.due_at is not None and created.received_at is not None
    assert created.due_at - created.received_at == timedelta(hours=12)
    routing = page.one("#routing")
    assert created.due_at.strftime("%Y-%m-%d %H:%M UTC") in routing.text
    assert f"Assigned to {me}" in routing.text
    assert page.one("h1").text == FORM["subject"]
    assert page.one("#counterpart").text == "Georgia (GE)"
    assert page.one("#status").text == "assigned"
    assert "H1" in page.one("#handling").text  # the handling code, before anything else
    assert page.one(".flash").text == "Registered."

    queue = dom(client.get("/requests/mine"))
    row = queue.one(f"#queue-table #req-{created.id}")
    assert row.one("th a").text == FORM["subject"]
    assert row.one(".prio-urgent").text == "urgent"
    assert row.one(".hcode").text == "H1"

    add_request(app, subject="Wanted person search: Smith John, born 1970")
    # Full text in either script; each finds only its own request.
    for words, subject in (("беридзе", FORM["subject"]), ("smith", "Wanted person search")):
        listed = dom(client.get("/requests", params={"q": words}))
        subjects = [a.text for a in listed.select("#requests-table tbody th a")]
        assert len(subjects) == 1 and subjects[0].startswith(subject)
    # Filters: an incoming identity check from Georgia, and nothing outgoing.
    found = dom(client.get("/requests", params={"country": "GE", "type": "identity_check"}))
    assert len(found.select("#requests-table tbody tr[id^=req-]")) == 1
    none = dom(client.get("/requests", params={"direction": "outgoing"}))
    assert none.one("#requests-table td.empty").text == "No request matches."


def test_a_bad_form_shows_errors_beside_the_fields_and_registers_nothing(
    app, client, dom, sign_in_web
):
    sign_in_web(client, Role.CASE_OFFICER)
    bad = FORM | {"subject": "  ", "counterpart_country": "XX", "type": "", "received_at": "soon"}
    r = client.post("/requests/new", data=bad)
    assert r.status_code == 422
    page = dom(r)
    for field in ("subject", "counterpart_country", "type", "received_at"):
        fid = "f-" + field.replace("_", "-")
        box = page.one(f"#{fid}")
        assert box.get("aria-invalid") == "true", field
        error = page.one(f"#{fid}-error")
        # Beside the field: in the same field box, right after its input.
        assert error.parent is box.parent, field
    assert page.one("#f-counterpart-country-error").text == "'XX' is not a country code"
    assert page.one("#f-subject-error").text == "required"
    assert page.one("#error-summary h2").text.startswith("The request is not valid")
    # What was typed is kept.
    assert page.one("#f-body").text == FORM["body"]
    assert page.one("#f-handling-H1").get("checked") is not None
    # Neither counterpart: the error sits on the counterpart group.
    r = client.post("/requests/new", data=FORM | {"counterpart_country": ""})
    assert r.status_code == 422
    assert dom(r).one("#f-counterpart-error").text.startswith("name the foreign bureau")
    assert all_requests(app) == []


def test_the_lifecycle_buttons_follow_the_status_and_a_refusal_changes_nothing(
    app, client, dom, sign_in_web
):
    sign_in_web(client, Role.CASE_OFFICER)
    me = username(client, dom)
    req = add_request(app)

    def buttons() -> list[str]:
        page = dom(client.get(f"/requests/{req.id}"))
        return [b.text for b in page.select("#lifecycle form button")]

    assert buttons() == ["Take it", "Close"]
    r = client.post(
        f"/requests/{req.id}/assign", data={"assignee": me, "version": "1"}, follow_redirects=False
    )
    assert r.headers["location"] == f"/requests/{req.id}?done=assigned"
    assert buttons() == ["Start work", "Close"]

    # A step the lifecycle does not allow now: refused beside the form, nothing changes.
    r = client.post(f"/requests/{req.id}/status", data={"status": "answered"})
    assert r.status_code == 409
    assert "cannot become answered" in dom(r).one("#status-refused").text
    assert status_of(app, req.id) == RequestStatus.ASSIGNED

    for status, next_buttons in (
        ("in_progress", ["Await reply", "Mark answered", "Close"]),
        ("awaiting_reply", ["Start work", "Mark answered", "Close"]),
        ("answered", ["Start work", "Close"]),
        ("closed", ["Reopen"]),
        ("reopened", ["Start work", "Close"]),
    ):
        r = client.post(
            f"/requests/{req.id}/status",
            data={"status": status, "reason": f"step {status}"},
            follow_redirects=False,
        )
        assert r.status_code == 303, (status, r.text[:300])
        assert status_of(app, req.id) == RequestStatus(status)
        assert buttons() == next_buttons, status
    page = dom(client.get(f"/requests/{req.id}"))
    history = [tr.select("td")[0].text for tr in page.select("#history tbody tr")]
    assert history == [
        "registered",
        "assigned",
        "in progress",
        "awaiting reply",
        "answered",
        "closed",
        "reopened",
    ]
    assert page.one("#answered").text  # the first answer time is kept for the statistics

    # A stale version (another officer acted first) is refused, nothing changes.
    r = client.post(f"/requests/{req.id}/status", data={"status": "closed", "version": "1"})
    assert r.status_code == 409
    assert "reload" in dom(r).one("#status-refused").text
    assert status_of(app, req.id) == RequestStatus.REOPENED


def test_a_message_with_an_attachment_and_its_download(app, client, dom, sign_in_web):
    sign_in_web(client, Role.DUTY_OFFICER)
    me = username(client, dom)
    req = add_request(app, assignee=me)
    svc.change_status(app.state.ctx.uow(), SYSTEM, req.id, RequestStatus.IN_PROGRESS)
    svc.change_status(app.state.ctx.uow(), SYSTEM, req.id, RequestStatus.AWAITING_REPLY)

    # A file that is none of the allowed types: refused beside the file input, nothing added.
    r = client.post(
        f"/requests/{req.id}/messages",
        data={"direction": "incoming", "author": "NCB Wiesbaden", "body": "Antwort anbei."},
        files={"files": ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00" * 10, "application/pdf")},
    )
    assert r.status_code == 422
    page = dom(r)
    assert "not of an allowed type" in page.one("#msg-files-error").text
    assert page.one("#msg-body").text == "Antwort anbei."  # kept for the retry
    assert svc.get_request(app.state.ctx.uow(), SYSTEM, req.id).messages == []

    r = client.post(
        f"/requests/{req.id}/messages",
        data={"direction": "incoming", "author": "NCB Wiesbaden", "body": "Antwort anbei."},
        files={"files": ("../../etc/Ответ GE.pdf", PDF, "text/html")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[:500]
    page = dom(client.get(f"/requests/{req.id}"))
    message = page.one("#messages li.msg-incoming")
    assert "NCB Wiesbaden" in message.one(".msg-head").text
    link = message.one("ul.attachments a")
    assert link.text == "Ответ GE.pdf"  # no folders from the sender's name
    # A reply that comes in takes the request up again.
    assert page.one("#status").text == "in progress"

    got = client.get(link.get("href") or "")
    assert got.status_code == 200
    assert got.content == PDF
    assert got.headers["content-type"] == "application/pdf"  # from the bytes, not the sender
    assert got.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''%D0%9E%D1%82%D0%B2%D0%B5%D1%82%20GE.pdf"
    )
    assert got.headers["x-content-type-options"] == "nosniff"
    # An id that is not this request's attachment is not found.
    assert client.get(f"/requests/{req.id}/attachments/{'0' * 32}").status_code == 404
    other = add_request(app)
    assert (
        client.get(f"/requests/{other.id}/attachments/{link.get('href', '')[-32:]}").status_code
        == 404
    )


def test_rules_editor_then_a_rule_routes_a_new_request(app, client, dom, sign_in_web, supervisor):
    sign_in_web(client, Role.DUTY_OFFICER)
    officer = username(client, dom)

    page = dom(supervisor.get("/requests/rules/new"))
    assert page.one("#rule-form input[name=csrf_token]")
    bad = {"name": "", "country": "XX", "priority": "first", "active": "on"}
    r = supervisor.post("/requests/rules/new", data=bad)
    assert r.status_code == 422
    page = dom(r)
    assert page.one("#f-name-error").text == "required"
    assert page.one("#f-country-error").text == "'XX' is not a country code"
    assert page.one("#f-priority-error").text == "must be a whole number"
    assert page.one("#f-queue-error").text.startswith("a rule sends requests to a queue")
    assert rules_svc.list_rules(app.state.ctx.uow(), SYSTEM) == []

    rule = {
        "name": "Identity checks from Georgia",
        "priority": "50",
        "type": "identity_check",
        "country": "GE",
        "words": "установление личности\nidentity",
        "queue": "Documents desk",
        "assignee": officer,
        "active": "on",
    }
    r = supervisor.post("/requests/rules/new", data=rule, follow_redirects=False)
    assert r.headers["location"] == "/requests/rules?done=created"
    catch_all = {"name": "Catch-all", "queue": "Duty desk", "active": "on"}
    assert supervisor.post("/requests/rules/new", data=catch_all).status_code == 200
    listed = dom(supervisor.get("/requests/rules"))
    names = [th.text for th in listed.select("#rules-table tbody th")]
    assert names == ["Identity checks from Georgia", "Catch-all"]  # 50 before the default 100
    saved = rules_svc.list_rules(app.state.ctx.uow(), SYSTEM)[0]

    # Edit: the form holds the rule's values; a change is saved with its version.
    form = dom(supervisor.get(f"/requests/rules/{saved.id}/edit"))
    assert form.one("#f-words").text == "установление личности identity"
    r = supervisor.post(
        f"/requests/rules/{saved.id}/edit",
        data=rule | {"name": "Georgian identities", "version": "1"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    r = supervisor.post(
        f"/requests/rules/{saved.id}/edit", data=rule | {"name": "Stale", "version": "1"}
    )
    assert r.status_code == 409  # another supervisor's change is not overwritten

    # The rule places a request registered through the form.
    r = client.post("/requests/new", data=FORM, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].endswith(f"&rule={saved.id}")
    routing = dom(client.get(r.headers["location"])).one("#routing")
    assert "Routing rule Georgian identities placed it in queue Documents desk" in routing.text
    assert officer in routing.text
    created = all_requests(app)[0]
    assert (created.queue, created.assignee) == ("Documents desk", officer)
    # Not matching the first rule: the catch-all's queue.
    r = client.post("/requests/new", data=FORM | {"subject": "Missing child", "type": "other"})
    assert "queue Duty desk" in dom(r).one("#routing").text

    # Order: move the catch-all up, then delete it.
    catch_all = rules_svc.list_rules(app.state.ctx.uow(), SYSTEM)[1]
    supervisor.post(f"/requests/rules/{catch_all.id}/move", data={"to": "up", "version": "1"})
    names = [
        th.text for th in dom(supervisor.get("/requests/rules")).select("#rules-table tbody th")
    ]
    assert names == ["Catch-all", "Georgian identities"]
    confirm = dom(supervisor.get(f"/requests/rules/{catch_all.id}/delete"))
    assert confirm.one("#delete-form button").text == "Delete the rule"
    r = supervisor.post(f"/requests/rules/{catch_all.id}/delete", follow_redirects=False)
    assert r.headers["location"] == "/requests/rules?done=deleted"
    names = [
        th.text for th in dom(supervisor.get("/requests/rules")).select("#rules-table tbody th")
    ]
    assert names == ["Georgian identities"]


def test_due_lists_per_officer_and_for_the_supervisor_and_escalation(
    app, client, dom, sign_in_web, supervisor
):
    sign_in_web(client, Role.CASE_OFFICER)
    me = username(client, dom)
    late = add_request(app, assignee=me, hours_ago=30, subject="Late: vehicle check")
    soon = add_request(app, assignee=me, hours_ago=22, subject="Soon: document check")
    add_request(app, hours_ago=1, subject="Fresh: not due yet")
    unassigned_late = add_request(app, hours_ago=48, subject="Late and unassigned")

    mine = dom(client.get("/requests/due"))
    assert [a.text for a in mine.select("#overdue-table tbody th a")] == ["Late: vehicle check"]
    assert mine.one(f"#req-{late.id} .mark-overdue").text == "overdue"
    assert [a.text for a in mine.select("#due-soon-table tbody th a")] == ["Soon: document check"]
    assert mine.one(f"#req-{soon.id} .mark-soon").text == "due soon"
    assert not mine.select("#escalate-form")  # escalation is the supervisor's
    assert client.get("/requests/due", params={"officer": "someone"}).status_code == 403
    assert client.post("/requests/escalate").status_code == 403

    page = dom(supervisor.get("/requests/due"))
    overdue = [a.text for a in page.select("#overdue-table tbody th a")]
    assert overdue == ["Late and unassigned", "Late: vehicle check"]  # the oldest deadline first
    counts = {
        tr.one("th").text: tr.select("td")[0].text for tr in page.select("#per-officer tbody tr")
    }
    assert counts == {me: "1", "unassigned": "1"}
    r = supervisor.post("/requests/escalate", follow_redirects=False)
    assert r.headers["location"] == "/requests/due?done=escalated"
    page = dom(supervisor.get(r.headers["location"]))
    assert page.one(".flash").text == "Overdue requests escalated."
    assert page.one(f"#req-{unassigned_late.id} .mark-escalated").text == "escalated"
    assert not page.select("#escalate-form")  # nothing left to escalate
    one = dom(supervisor.get("/requests/due", params={"officer": me}))
    assert [a.text for a in one.select("#overdue-table tbody th a")] == ["Late: vehicle check"]


@pytest.mark.parametrize(
    ("role", "method", "path", "data"),
    [
        (Role.ANALYST, "get", "/requests/new", None),
        (Role.ANALYST, "post", "/requests/new", FORM),
        (Role.LEGAL_REVIEWER, "post", "/requests/{id}/status", {"status": "closed"}),
        (Role.DUTY_OFFICER, "get", "/requests/rules/new", None),
        (Role.DUTY_OFFICER, "post", "/requests/rules/new", {"name": "x", "queue": "y"}),
        (Role.CASE_OFFICER, "post", "/requests/escalate", None),
        (Role.ADMINISTRATOR, "get", "/requests", None),
        (Role.ADMINISTRATOR, "get", "/requests/{id}", None),
    ],
)
def test_a_wrong_role_is_refused_and_nothing_changes(
    app, client, dom, sign_in_web, role, method, path, data
):
    req = add_request(app)
    sign_in_web(client, role)
    r = client.request(method, path.format(id=req.id), data=data)
    assert r.status_code == 403
    assert len(all_requests(app)) == 1
    assert status_of(app, req.id) == RequestStatus.REGISTERED
    assert rules_svc.list_rules(app.state.ctx.uow(), SYSTEM) == []


def test_readers_see_requests_but_no_actions_and_a_form_without_its_token_is_refused(
    app, client, dom, sign_in_web
):
    req = add_request(app)
    sign_in_web(client, Role.ANALYST)
    nav = [a.text for a in dom(client.get("/")).select("nav[aria-label=Main] a")]
    assert "Requests" in nav and "Routing rules" not in nav
    page = dom(client.get(f"/requests/{req.id}"))
    assert page.select("#lifecycle") == [] and page.select("#message-form") == []

    sign_in_web(client, Role.DUTY_OFFICER)
    del client.headers[CSRF_HEADER]
    r = client.post(f"/requests/{req.id}/status", data={"status": "closed"})
    assert r.status_code == 403
    assert status_of(app, req.id) == RequestStatus.REGISTERED
