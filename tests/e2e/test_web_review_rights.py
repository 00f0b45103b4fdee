"""The records-due-for-review page and the data-subject request screens, through HTTP."""

from __future__ import annotations

import json
from datetime import date, timedelta

from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.rights import StepKind
from ncbdesk.domain.security import Role
from ncbdesk.services import persons as person_svc
from ncbdesk.services import rights as rights_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter

TODAY = date.today()


def add_person(app, name: str, owner: str = "RU", review_on: date | None = None) -> Person:
    p = Person(owner_bureau=owner, names=[PersonName(full=name)], review_on=review_on)
    return person_svc.create_person(app.state.ctx.uow(), Actor.system("RU"), p)


def stored(app, person_id: str) -> Person | None:
    with app.state.ctx.uow() as uow:
        return uow.persons.get(person_id)


def audit(app, action: str) -> list:
    with app.state.ctx.uow() as uow:
        return list(uow.audit.list(AuditFilter(action=action), 0, 50).items)


# -- records due for review ------------------------------------------------------


def test_review_due_is_for_supervisors(client, dom, sign_in_web):
    for role in (Role.CASE_OFFICER, Role.ADMINISTRATOR, Role.ANALYST):
        sign_in_web(client, role)
        assert client.get("/review-due").status_code == 403
        assert not dom(client.get("/")).select("nav a[href='/review-due']")
        assert client.post("/review-due/persons/x/extend", data={}).status_code == 403
    sign_in_web(client, Role.SUPERVISOR)
    assert dom(client.get("/")).one("nav a[href='/review-due']").text == "Review due"


def test_review_due_lists_and_extends_with_a_reason(app, client, dom, sign_in_web):
    due = add_person(app, "Ахмед Усманов", review_on=TODAY - timedelta(days=2))
    add_person(app, "Later Person", review_on=TODAY + timedelta(days=400))
    add_person(app, "Foreign Person", owner="KZ", review_on=TODAY)
    sign_in_web(client, Role.SUPERVISOR)

    doc = dom(client.get("/review-due", params={"days": 30}))
    rows = doc.select("#due-persons tbody tr[data-person]")
    assert [tr.get("data-person") for tr in rows] == [due.id]
    assert rows[0].one("td.overdue").text == "2 overdue"
    assert doc.one("#due-persons caption").text == "Persons: 1"

    page = dom(client.get(f"/review-due/persons/{due.id}"))
    assert page.one("#review-on").text == (TODAY - timedelta(days=2)).isoformat()
    form = page.one("form#extend-form")
    assert form.one("input[name=csrf_token]").get("value")

    # No reason, a date in the past: both errors beside their fields, nothing changes.
    r = client.post(f"/review-due/persons/{due.id}/extend",
                    data={"review_on": TODAY.isoformat(), "reason": ""})  # fmt: skip
    assert r.status_code == 422
    bad = dom(r)
    assert bad.one("#f-review-on-error").text == "the new review date must be after today"
    assert bad.one("#f-reason-error").text == "say why the record is still needed"
    assert stored(app, due.id).review_on == TODAY - timedelta(days=2)  # type: ignore[union-attr]

    new = TODAY + timedelta(days=365)
    r = client.post(f"/review-due/persons/{due.id}/extend",
                    data={"review_on": new.isoformat(), "reason": "warrant in force"},
                    follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    assert stored(app, due.id).review_on == new  # type: ignore[union-attr]
    assert not dom(client.get("/review-due")).select("#due-persons tbody tr[data-person]")
    ok = [e for e in audit(app, "person.review_extend") if e.outcome.value == "ok"]
    assert ok[0].details["reason"] == "warrant in force"


def test_review_delete_needs_a_reason_and_leaves_a_tombstone(app, client, dom, sign_in_web):
    due = add_person(app, "Gone Person", review_on=TODAY)
    sign_in_web(client, Role.SUPERVISOR)
    r = client.post(f"/review-due/persons/{due.id}/delete", data={"delete_reason": " "})
    assert r.status_code == 422
    assert dom(r).one("#f-delete-reason-error").text == "say why it is deleted"
    assert stored(app, due.id) is not None

    r = client.post(f"/review-due/persons/{due.id}/delete",
                    data={"delete_reason": "no longer needed"}, follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    assert stored(app, due.id) is None
    (tomb,) = [e for e in audit(app, "person.delete") if e.outcome.value == "ok"]
    assert tomb.object_id == due.id and tomb.details["tombstone"] is True
    assert tomb.details["reason"] == "retention review: no longer needed"


def test_another_bureaus_record_offers_no_action_and_refuses_one(app, client, dom, sign_in_web):
    theirs = add_person(app, "Their Person", owner="KZ", review_on=TODAY)
    sign_in_web(client, Role.SUPERVISOR)
    page = dom(client.get(f"/review-due/persons/{theirs.id}"))
    assert page.one("#owner-note")
    assert not page.select("form#extend-form, form#delete-form")
    later = (TODAY + timedelta(days=9)).isoformat()
    r = client.post(f"/review-due/persons/{theirs.id}/extend",
                    data={"review_on": later, "reason": "x"})  # fmt: skip
    assert r.status_code == 403
    assert stored(app, theirs.id).review_on == TODAY  # type: ignore[union-attr]


# -- data-subject requests ---------------------------------------------------------


REQUEST = {
    "kind": "deletion",
    "requester": "Magomed Nurbagandov, in person",
    "subject_name": "Магомед Нурбагандов",
    "subject_birth_date": "1985-02",
    "identity_checks": "passport 45 01 123456 seen",
    "received_on": TODAY.isoformat(),
    "details": "Delete what you hold about me.",
}


def test_rights_screens_are_for_supervisors(client, sign_in_web):
    for role in (Role.DUTY_OFFICER, Role.ADMINISTRATOR, Role.LEGAL_REVIEWER):
        sign_in_web(client, role)
        assert client.get("/rights").status_code == 403
        assert client.post("/rights/new", data=REQUEST).status_code == 403


def test_a_bad_registration_names_each_field_and_stores_nothing(app, client, dom, sign_in_web):
    sign_in_web(client, Role.SUPERVISOR)
    form = dom(client.get("/rights/new"))
    assert form.one("#f-received-on").get("value") == TODAY.isoformat()
    r = client.post("/rights/new", data={**REQUEST, "kind": "everything", "identity_checks": "",
                                         "received_on": "yesterday"})  # fmt: skip
    assert r.status_code == 422
    doc = dom(r)
    assert doc.one("#f-received-on-error").text.startswith("'yesterday' is not a date")
    assert doc.one("#f-kind-error").text == "choose access, correction or deletion"
    assert dom(client.get("/rights")).one("#rights-table caption").text == "Open requests: 0"


def test_a_deletion_request_from_registration_to_closing(app, client, dom, sign_in_web):
    ours = add_person(app, "Magomed Nurbagandov")
    theirs = add_person(app, "Magomed Nurbagandov", owner="KZ")
    sign_in_web(client, Role.SUPERVISOR)

    r = client.post("/rights/new", data=REQUEST, follow_redirects=False)
    assert r.status_code == 303
    rid = r.headers["location"].split("/rights/")[1].split("?")[0]
    page = dom(client.get(f"/rights/{rid}"))
    assert page.one("#due-on").text.startswith((TODAY + timedelta(days=30)).isoformat())
    listed = dom(client.get("/rights")).select("#rights-table tbody tr[data-request]")
    assert [tr.get("data-request") for tr in listed] == [rid]

    # The screening engine finds both records from the Cyrillic name.
    found = dom(client.get(f"/rights/{rid}/find"))
    candidates = {tr.get("data-person") for tr in found.select("#candidates tbody tr")}
    assert {ours.id, theirs.id} <= candidates
    for pid in (ours.id, theirs.id):
        r = client.post(f"/rights/{rid}/link", data={"person_id": pid}, follow_redirects=False)
        assert r.status_code == 303
    page = dom(client.get(f"/rights/{rid}"))
    rows = {tr.get("data-person"): tr for tr in page.select("#linked tbody tr")}
    assert set(rows) == {ours.id, theirs.id}
    assert rows[ours.id].select("form.delete-form")
    assert not rows[theirs.id].select("form.delete-form, form.correction-form")

    # The report shows ours and withholds theirs; the download says the same.
    report = dom(client.get(f"/rights/{rid}/report"))
    assert [a.get("data-person") for a in report.select("#shown article")] == [ours.id]
    assert [tr.get("data-record") for tr in report.select("#withheld tbody tr[data-record]")] == [
        theirs.id
    ]
    download = client.get(report.one("a#download").get("href") or "")
    assert download.headers["content-disposition"].startswith("attachment;")
    body = json.loads(download.text)
    assert [r["id"] for r in body["records"]] == [ours.id]
    assert body["records"][0]["person"]["properties"]["name"] == ["Magomed Nurbagandov"]
    assert body["withheld"][0]["owner_bureau"] == "KZ"

    # The owner's answer is kept as a note; an empty note is refused.
    r = client.post(f"/rights/{rid}/note", data={"note": " "})
    assert r.status_code == 422 and dom(r).one("#note-refused #error-summary")
    r = client.post(f"/rights/{rid}/note", data={"note": "KZ refuses disclosure"},
                    follow_redirects=False)  # fmt: skip
    assert r.status_code == 303

    # Their record cannot be deleted from here; ours can, and goes.
    r = client.post(f"/rights/{rid}/delete-record", data={"person_id": theirs.id})
    assert r.status_code == 403
    r = client.post(f"/rights/{rid}/delete-record", data={"person_id": ours.id},
                    follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    assert stored(app, ours.id) is None and stored(app, theirs.id) is not None

    # Closing a partial answer needs the reasons.
    r = client.post(f"/rights/{rid}/close", data={"outcome": "partly_granted", "note": ""})
    assert r.status_code == 422
    assert dom(r).one("#close-refused #error-summary")
    r = client.post(f"/rights/{rid}/close",
                    data={"outcome": "partly_granted", "note": "KZ holds its own record"},
                    follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    page = dom(client.get(f"/rights/{rid}"))
    assert page.one("#request-status").text == "Partly granted: KZ holds its own record"
    assert not page.select("#close-form")
    steps = [li.get("data-step") for li in page.select("#steps li")]
    assert steps == [
        StepKind.REGISTERED, StepKind.LINKED, StepKind.LINKED, StepKind.REPORT, StepKind.REPORT,
        StepKind.NOTE, StepKind.DELETED, StepKind.CLOSED,
    ]  # fmt: skip
    actions = {e.action for e in audit(app, "rights")}
    assert {"rights.register", "rights.link", "rights.report", "rights.delete",
            "rights.close"} <= actions  # fmt: skip


def test_another_bureaus_request_is_not_found(app, client, sign_in_web):
    made = rights_svc.register(
        app.state.ctx.uow(), Actor("sup", "KZ", frozenset({Role.SUPERVISOR})),
        kind=rights_svc.RightsKind.ACCESS, requester="A", subject_name="B",
        identity_checks="seen", received_on=TODAY, deadline_days=30,
    )  # fmt: skip
    sign_in_web(client, Role.SUPERVISOR)
    assert client.get(f"/rights/{made.id}").status_code == 404
    assert client.get(f"/rights/{made.id}/report.json").status_code == 404


# -- the API -----------------------------------------------------------------------


def test_api_review_due_and_extend(app, client, headers):
    due = add_person(app, "Api Person", review_on=TODAY)
    add_person(app, "Far Person", review_on=TODAY + timedelta(days=500))
    for role in (Role.CASE_OFFICER, Role.ADMINISTRATOR):
        assert client.get("/api/v1/review-due", headers=headers(role)).status_code == 403
    sup = headers(Role.SUPERVISOR)
    body = client.get("/api/v1/review-due", params={"days": 7}, headers=sup).json()
    assert body["until"] == (TODAY + timedelta(days=7)).isoformat()
    assert [p["id"] for p in body["persons"]["items"]] == [due.id]
    assert body["persons"]["total"] == 1 and body["notices"]["total"] == 0
    assert client.get("/api/v1/review-due", params={"days": 9999}, headers=sup).status_code == 422

    r = client.post(f"/api/v1/persons/{due.id}/review", headers=sup,
                    json={"review_on": TODAY.isoformat(), "reason": ""})  # fmt: skip
    assert r.status_code == 422
    fields = {d["field"] for d in r.json()["error"]["details"]}
    assert fields == {"review_on", "reason"}
    later = (TODAY + timedelta(days=100)).isoformat()
    r = client.post(f"/api/v1/persons/{due.id}/review", headers=sup,
                    json={"review_on": later, "reason": "case open"})  # fmt: skip
    assert r.status_code == 200 and r.json()["review_on"] == later
    assert client.get("/api/v1/review-due", headers=sup).json()["persons"]["total"] == 0
