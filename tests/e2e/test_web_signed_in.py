"""The pages for a signed-in browser session: roles decide what is offered, CSRF guards forms."""

from __future__ import annotations

import itertools

import pytest

from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.security import CSRF_FIELD, SESSION_COOKIE
from ncbdesk.services import auth
from ncbdesk.services import persons as person_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import PersonFilter

# Real Argon2id at a low cost, so the tests stay quick.
HASHER = Argon2Hasher(time_cost=1, memory_cost_kib=1024)
PASSWORD = "correct horse battery"
SYSTEM = Actor.system("RU")


@pytest.fixture
def sign_in(app, client):
    """sign_in(role, ...) → the CSRF token of a new session, whose cookie the client now sends."""
    numbers = itertools.count()

    def make(*roles: Role, bureau: str = "RU") -> str:
        ctx = app.state.ctx
        name = f"web{next(numbers)}"
        auth.create_user(ctx.uow(), SYSTEM, HASHER, name, PASSWORD, set(roles), bureau)
        cookie, session, _ = auth.sign_in(
            ctx.uow(), HASHER, name, PASSWORD, "testclient", ctx.session_policy
        )
        client.cookies.set(SESSION_COOKIE, cookie)
        return session.csrf

    return make


def add_person(app, name: str) -> Person:
    return person_svc.create_person(
        app.state.ctx.uow(), SYSTEM, Person(owner_bureau="RU", names=[PersonName(name)])
    )


def person_count(app) -> int:
    return person_svc.list_persons(app.state.ctx.uow(), SYSTEM, PersonFilter(), 0, 1).total


def test_every_post_form_carries_the_sessions_csrf_token(app, client, dom, sign_in):
    csrf = sign_in(Role.CASE_OFFICER)
    p = add_person(app, "Иванов Иван")
    notice_page = client.post(
        "/notices/new",
        data={CSRF_FIELD: csrf, "type": "blue", "title": "Locate", "subject_ids": p.id},
        follow_redirects=False,
    )
    notice_url = notice_page.headers["location"].split("?")[0]

    for path in (
        "/persons/new",
        f"/persons/{p.id}/edit",
        f"/persons/{p.id}/delete",
        "/notices/new",
        f"{notice_url}/edit",
        f"{notice_url}/delete",
    ):
        doc = dom(client.get(path))
        forms = doc.select("main form[method=post]")
        assert forms, path
        for form in forms:
            token = form.one(f"input[type=hidden][name={CSRF_FIELD}]")
            assert token.get("value") == csrf, path


def test_a_form_posted_without_the_token_is_refused_and_writes_nothing(app, client, dom, sign_in):
    csrf = sign_in(Role.CASE_OFFICER)

    r = client.post("/persons/new", data={"names[0].full": "Петров Пётр"})
    assert r.status_code == 403
    assert dom(r).one("main h1").text == "Not allowed"
    assert person_count(app) == 0

    r = client.post(
        "/persons/new",
        data={CSRF_FIELD: csrf, "names[0].full": "Петров Пётр"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert person_count(app) == 1


def test_an_invalid_form_keeps_the_token_for_the_next_try(client, dom, sign_in):
    csrf = sign_in(Role.CASE_OFFICER)
    r = client.post("/persons/new", data={CSRF_FIELD: csrf, "nationalities[0]": "XX"})
    assert r.status_code == 422
    doc = dom(r)
    assert doc.one(f"form#person-form input[name={CSRF_FIELD}]").get("value") == csrf


def test_an_analyst_reads_but_is_offered_no_changes(app, client, dom, sign_in):
    sign_in(Role.ANALYST)
    p = add_person(app, "Иванов Иван")

    listing = dom(client.get("/persons"))
    assert [a.text for a in listing.select("#persons-table tbody th a")] == ["Иванов Иван"]
    assert not listing.select("a[href='/persons/new']")
    page = dom(client.get(f"/persons/{p.id}"))
    assert not page.select("main .actions a")
    assert client.get("/persons/new").status_code == 403
    assert client.get(f"/persons/{p.id}/edit").status_code == 403
    home = dom(client.get("/"))
    assert home.one(".card .big a[href='/persons']").text == "1"
    assert not home.select("a[href='/persons/new'], a[href='/notices/new']")


def test_a_duty_officer_may_create_and_edit_but_not_delete(app, client, dom, sign_in):
    sign_in(Role.DUTY_OFFICER)
    p = add_person(app, "Иванов Иван")

    page = dom(client.get(f"/persons/{p.id}"))
    assert page.select(f"a[href='/persons/{p.id}/edit']")
    assert not page.select(f"a[href='/persons/{p.id}/delete']")
    assert client.get(f"/persons/{p.id}/delete").status_code == 403


def test_a_role_without_reading_rights_sees_the_home_page_without_counts(client, dom, sign_in):
    sign_in(Role.ADMINISTRATOR)
    doc = dom(client.get("/"))
    assert doc.one("main h1").text == "Desk"
    assert not doc.select(".card, #notices-by-status")
    assert client.get("/persons").status_code == 403
