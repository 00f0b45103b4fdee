"""The request page's forward form: refused in plain words under the owner's H1, the
owner's permission recorded, the copy linked both ways; and the hits a request raised."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from wanted import aliev_red_notice

from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.requests import Channel, Direction, Request, RequestType
from ncbdesk.domain.security import Handling, HandlingCode, Role
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services import requests as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.requests_ports import RequestFilter
from ncbdesk.services.screening import subject_from_person

SYSTEM = Actor.system("RU")


def add_request(app: FastAPI, **kw) -> Request:
    r = Request(
        direction=Direction.INCOMING,
        channel=Channel.I247,
        type=RequestType.INFORMATION,
        subject="Information on BERIDZE Givi",
        body="Where does he live?",
        counterpart_country="DE",
        reference="DE-77/2026",
        **kw,
    )
    return svc.register_request(app.state.ctx.uow(), SYSTEM, r)


def total(app: FastAPI) -> int:
    return svc.list_requests(app.state.ctx.uow(), SYSTEM, RequestFilter(), 0, 0).total


def test_forward_refused_under_h1_then_allowed_with_the_owners_permission(
    app: FastAPI, client: TestClient, sign_in_web, dom
) -> None:
    original = add_request(app, handling=Handling([HandlingCode.NO_FORWARDING]))
    sign_in_web(client, Role.DUTY_OFFICER)
    page = dom(client.get(f"/requests/{original.id}"))
    assert "H1 — not to be forwarded" in page.one("#handling").text
    assert "DE" in page.one("#information-owner").text
    assert "owned by DE" in page.one("#forward-restricted").text
    assert page.select("#forward-form") == [] and page.one("#permission-form")

    # A forward posted all the same (a stale page, a crafted form) is refused in words.
    r = client.post(f"/requests/{original.id}/forward", data={"to_country": "FR"})
    assert r.status_code == 403
    refused = dom(r)
    said = refused.one("#forward-refused").text
    assert said.startswith("Not forwarded: This request is owned by DE")
    assert "H1 — not to be forwarded without the owner's permission" in said
    assert refused.one("#handling")  # the banner stays above
    assert total(app) == 1

    bad = client.post(
        f"/requests/{original.id}/forward-permission",
        data={"received_on": "yesterday", "reference": "DE-OK", "version": str(original.version)},
    )
    assert bad.status_code == 422 and dom(bad).one("#perm-date-error")
    today = datetime.now(UTC).date().isoformat()
    ok = client.post(
        f"/requests/{original.id}/forward-permission",
        data={"received_on": today, "reference": "DE-OK-5", "version": str(original.version)},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    page = dom(client.get(f"/requests/{original.id}"))
    assert "DE-OK-5" in page.one("#forward-permission").text
    assert page.select("#forward-restricted") == [] and page.one("#forward-form")

    sent = client.post(
        f"/requests/{original.id}/forward",
        data={"to_country": "fr", "note": "Passed on with DE's permission."},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    copy_url = sent.headers["location"].split("?")[0]
    copy = dom(client.get(sent.headers["location"]))
    assert copy.one("#forward-done")
    assert copy.one("#forwarded-from a").get("href") == f"/requests/{original.id}"
    assert "H1" in copy.one("#handling").text and "DE" in copy.one("#information-owner").text
    assert copy.one("#body").text.startswith("Passed on with DE's permission.")
    page = dom(client.get(f"/requests/{original.id}"))
    assert [a.get("href") for a in page.select("#forwards a")] == [copy_url]
    assert "Forwarded to bureau FR" in page.select("#messages .msg-head")[-1].text


def test_forward_form_field_errors_and_roles(
    app: FastAPI, client: TestClient, sign_in_web, dom
) -> None:
    original = add_request(app)
    sign_in_web(client, Role.DUTY_OFFICER)
    assert dom(client.get(f"/requests/{original.id}")).one("#forward-form")
    r = client.post(f"/requests/{original.id}/forward", data={"to_country": "XX"})
    assert r.status_code == 422
    assert "not a country code" in dom(r).one("#fwd-country-error").text
    r = client.post(f"/requests/{original.id}/forward", data={})
    assert r.status_code == 422 and dom(r).one("#fwd-to-error")
    assert total(app) == 1

    reader = TestClient(app)
    sign_in_web(reader, Role.ANALYST)
    page = dom(reader.get(f"/requests/{original.id}"))
    assert page.select("#forward-form") == []
    assert (
        reader.post(f"/requests/{original.id}/forward", data={"to_country": "FR"}).status_code
        == 403
    )
    assert total(app) == 1


def test_the_hits_an_incoming_request_raised_are_linked(
    app: FastAPI, client: TestClient, sign_in_web, dom
) -> None:
    wanted = Person("DE", [PersonName("Ruslan Aliev")], birth_dates=[PartialDate(1979, 3, 4)])
    asked = Person("KZ", [PersonName("Руслан Алиев")], birth_dates=[PartialDate(1979, 3, 4)])
    notice = aliev_red_notice(wanted.id, warrant_reference="W-1")
    uow = app.state.ctx.uow()
    with uow:
        uow.persons.add(wanted)
        uow.persons.add(asked)
        uow.notices.add(notice)
        uow.commit()
    index = ScreeningIndex.build([subject_from_person(p) for p in (wanted, asked)])
    r = Request(
        Direction.INCOMING, Channel.I247, RequestType.IDENTITY_CHECK, "Who is Aliev?",
        counterpart_country="KZ", person_ids=[asked.id],
        received_at=datetime.now(UTC) - timedelta(hours=1),
    )  # fmt: skip
    r = svc.register_request(app.state.ctx.uow(), SYSTEM, r, index=index)
    sign_in_web(client, Role.DUTY_OFFICER)
    page = dom(client.get(f"/requests/{r.id}"))
    [link] = page.select("#raised-hits tbody a")
    hit_page = client.get(link.get("href") or "")
    assert hit_page.status_code == 200
    assert page.one("#raised-hits .hit-status").text == "pending"
    assert "Руслан Алиев" in page.select("#raised-hits tbody td")[0].text
