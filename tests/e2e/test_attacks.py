"""Attacks and the refusal each must get (issue "Security and audit").

Each row is one attack; after it the test checks that nothing was written: the
persons and notices are as they were (ids, versions, statuses, names) and the
audit trail gained no entry of something done (refusals are recorded, and must be).
The route sweeps walk every route the app declares, so a new route is attacked too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from signing import PASSWORD, add_user, login_form_token
from starlette.routing import BaseRoute
from test_route_permissions import FRAMEWORK, declarations

from ncbdesk.domain.audit import Outcome
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.notices import Notice, NoticeType
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.security import Handling, HandlingCode, Permission, Role, permissions_of
from ncbdesk.entrypoints.security import CSRF_FIELD, SESSION_COOKIE
from ncbdesk.services import notices as notice_svc
from ncbdesk.services import persons as person_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter, NoticeFilter, PersonFilter

Headers = Callable[..., dict[str, str]]
NOBODY = "0" * 32  # a well-formed id of no record: refusals come before any lookup
XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</bdi><script src=//x>"]


# ---------------------------------------------------------------------------
# The world each attack runs against, and what "nothing was written" means


@dataclass
class World:
    app: FastAPI
    client: TestClient
    ours: dict[str, str]  # a case officer of RU (this bureau), by token
    theirs: dict[str, str]  # a case officer of DE
    our_person: Person
    their_person: Person
    our_notice: Notice
    their_notice: Notice


def _add_person(app: FastAPI, owner: str, name: str, **kw: Any) -> Person:
    person = Person(owner_bureau=owner, names=[PersonName(name)], **kw)
    return person_svc.create_person(app.state.ctx.uow(), Actor.system(owner), person)


def _add_notice(app: FastAPI, owner: str, subject: Person) -> Notice:
    notice = Notice(type=NoticeType.RED, owner_bureau=owner, title="Wanted",
                    subject_ids=[subject.id])  # fmt: skip
    return notice_svc.create_notice(app.state.ctx.uow(), Actor.system(owner), notice)


@pytest.fixture
def world(app: FastAPI, client: TestClient, headers: Headers) -> World:
    ours = _add_person(app, "RU", "Иванов Иван", birth_dates=[PartialDate(1980)])
    theirs = _add_person(
        app, "DE", "Müller Hans", handling=Handling(codes=[HandlingCode.NO_FORWARDING])
    )
    return World(
        app, client, headers(Role.CASE_OFFICER), headers(Role.CASE_OFFICER, bureau="DE"),
        ours, theirs, _add_notice(app, "RU", ours), _add_notice(app, "DE", theirs),
    )  # fmt: skip


def stored(app: FastAPI) -> tuple[object, ...]:
    """Every person and notice as stored, read past the services (no audit noise)."""
    uow = app.state.ctx.uow()
    with uow:
        persons = uow.persons.list(PersonFilter(), 0, 10_000).items
        notices = uow.notices.list(NoticeFilter(), 0, 10_000).items
    return (
        sorted((p.id, p.version, p.display_name, p.owner_bureau) for p in persons),
        sorted((n.id, n.version, n.status.value, n.title) for n in notices),
    )


def audit_after(app: FastAPI, seq: int) -> list[Any]:
    uow = app.state.ctx.uow()
    return [e for e in uow.audit.iter_all() if e.seq > seq]


def last_seq(app: FastAPI) -> int:
    return max((e.seq for e in app.state.ctx.uow().audit.iter_all()), default=0)


# Entries a refused attack may leave besides refusals: reading what it was shown, and
# the accounts and sign-ins the test itself makes to attack with.
HARMLESS = re.compile(
    r"^(person|notice|audit)\.(read|list|search)$|^search$|^screen|^(user|token)\.create$|^login$"
)


@pytest.fixture
def unchanged(world: World) -> Iterator[Callable[[], None]]:
    """check() asserts nothing was written since the fixture was set up."""
    before, seq = stored(world.app), last_seq(world.app)

    def check() -> None:
        assert stored(world.app) == before, "a record was written"
        done = [e for e in audit_after(world.app, seq) if e.outcome == Outcome.OK]
        assert [e.action for e in done if not HARMLESS.match(e.action)] == []

    yield check


# ---------------------------------------------------------------------------
# Every route, without a session or token; every route, with a role lacking its permission


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", NOBODY, path)


def full_paths(routes: list[BaseRoute], prefix: str = "") -> Iterator[tuple[str, APIRoute]]:
    """Every APIRoute with the path it answers on: included routers keep their routes
    nested, under the prefix of where they were included."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        nested = getattr(route, "original_router", None)
        if nested is not None:
            # The include's prefix is relative to the router it was included in.
            yield from full_paths(nested.routes, prefix + route.include_context.prefix)


def routes(app: FastAPI) -> list[tuple[str, str, APIRoute]]:
    out = []
    for path, route in full_paths(app.routes):
        if path in FRAMEWORK or "public" in declarations(route.dependant):
            continue
        for method in sorted(route.methods - {"HEAD"}):
            out.append((method, concrete(path), route))
    return out


def test_every_route_without_credentials_is_refused(world, unchanged):
    refused_api = refused_web = 0
    wrong = []
    for method, path, _ in routes(world.app):
        r = world.client.request(method, path, follow_redirects=False)
        if path.startswith("/api/"):
            ok = r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated"
            refused_api += ok
        else:
            ok = r.status_code == 303 and r.headers["location"].startswith("/login?next=/")
            refused_web += ok
        if not ok:
            wrong.append(f"{method} {path} → {r.status_code}")
    assert wrong == []
    assert refused_api > 10 and refused_web > 10
    unchanged()


def lacking(permissions: set[str]) -> Role | None:
    """A role holding none of `permissions` (None for routes any signed-in caller may use)."""
    wanted = {Permission(p) for p in permissions if p in {q.value for q in Permission}}
    if not wanted:
        return None
    for role in Role:
        if not permissions_of({role}) & wanted:
            return role
    raise AssertionError(f"every role holds one of {wanted}")


def test_every_route_refuses_a_role_without_its_permission(world, headers, unchanged):
    seq = last_seq(world.app)
    wrong, checked = [], 0
    for method, path, route in routes(world.app):
        role = lacking(declarations(route.dependant))
        if role is None:
            continue
        checked += 1
        r = world.client.request(method, path, headers=headers(role), follow_redirects=False)
        if r.status_code != 403:
            wrong.append(f"{method} {path} as {role.value} → {r.status_code}")
    assert wrong == []
    assert checked > 20
    unchanged()
    refusals = [e for e in audit_after(world.app, seq) if e.outcome == Outcome.REFUSED]
    assert len(refusals) >= checked  # each refusal is in the audit trail


# ---------------------------------------------------------------------------
# The table: one attack a row, and the refusal it must get


@dataclass(frozen=True)
class Attack:
    name: str
    send: Callable[[World], Any]
    status: int
    says: str = ""  # in the refusal's message


def _json_or_text(r: Any) -> str:
    if r.headers.get("content-type", "").startswith("application/json"):
        return str(r.json()["error"]["message"])
    return str(r.text)


def _web(w: World, role: Role = Role.CASE_OFFICER, bureau: str = "RU") -> tuple[TestClient, str]:
    """A browser session of a new user; returns the client and the session's CSRF token."""
    c = TestClient(w.app)
    name = add_user(w.app, role, bureau=bureau)
    c.post("/login", data={"username": name, "password": PASSWORD,
                           CSRF_FIELD: login_form_token(c)})  # fmt: skip
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/").text)
    assert token and c.cookies.get(SESSION_COOKIE)
    return c, token[1]


def _person_body(w: World) -> dict[str, Any]:
    return {"names": [{"full": "Changed Name"}], "version": w.their_person.version}


def _notice_body(w: World) -> dict[str, Any]:
    return {"type": "red", "title": "Changed", "version": w.their_notice.version}


def _web_edit_theirs(w: World) -> Any:
    c, csrf = _web(w)
    return c.post(f"/persons/{w.their_person.id}/delete", data={CSRF_FIELD: csrf})


def _no_csrf(w: World) -> Any:
    c, _ = _web(w)
    return c.post("/persons/new", data={"names[0].full": "Forged Person"})


def _wrong_csrf(w: World) -> Any:
    c, _ = _web(w)
    return c.post(f"/notices/{w.our_notice.id}/delete", data={CSRF_FIELD: "forged"})


def _csrf_of_another_session(w: World) -> Any:
    _, other = _web(w)
    c, _ = _web(w)
    return c.post(f"/persons/{w.our_person.id}/delete", data={CSRF_FIELD: other})


def _big(w: World) -> Any:
    limit = w.app.state.ctx.settings.max_body_bytes
    body = {"names": [{"full": "A"}], "notes": "x" * (limit + 1)}
    return w.client.post("/api/v1/persons", json=body, headers=w.ours)


def _big_form(w: World) -> Any:
    c, csrf = _web(w)
    limit = w.app.state.ctx.settings.max_body_bytes
    return c.post("/persons/new", data={CSRF_FIELD: csrf, "names[0].full": "A" * (limit + 1)})


def _big_chunked(w: World) -> Any:
    """No Content-Length: the body streams in and is cut off once past the limit."""
    limit = w.app.state.ctx.settings.max_body_bytes

    def chunks() -> Iterator[bytes]:
        yield b'{"names": [{"full": "A"}], "notes": "'
        for _ in range(limit // 4096 + 2):
            yield b"x" * 4096
        yield b'"}'

    return w.client.post(
        "/api/v1/persons", content=chunks(),
        headers={**w.ours, "content-type": "application/json"},
    )  # fmt: skip


def _forged_cookie(w: World) -> Any:
    c = TestClient(w.app)
    c.cookies.set(SESSION_COOKIE, "forged")
    return c.delete(f"/api/v1/persons/{w.our_person.id}")


def _forward_theirs_h1(w: World) -> Any:
    """A DE request under H1 in our registry (stored past the services: no audit), forwarded."""
    from ncbdesk.domain.requests import Channel, Direction, Request, RequestType

    r = Request(Direction.INCOMING, Channel.I247, RequestType.INFORMATION, "Their request",
                counterpart_country="DE", owner_bureau="RU",
                handling=w.their_person.handling)  # fmt: skip
    with w.app.state.ctx.uow() as uow:
        uow.requests.add(r)
        uow.commit()
    return w.client.post(f"/api/v1/requests/{r.id}/forward", json={"to_country": "FR"},
                         headers=w.ours)  # fmt: skip


ATTACKS = [
    Attack("PUT another bureau's person", lambda w: w.client.put(
        f"/api/v1/persons/{w.their_person.id}", json=_person_body(w), headers=w.ours),
        403, "Only the owning bureau (DE)"),
    Attack("DELETE another bureau's person", lambda w: w.client.delete(
        f"/api/v1/persons/{w.their_person.id}", headers=w.ours), 403, "Only the owning bureau"),
    Attack("PUT another bureau's notice", lambda w: w.client.put(
        f"/api/v1/notices/{w.their_notice.id}", json=_notice_body(w), headers=w.ours),
        403, "Only the owning bureau (DE)"),
    Attack("DELETE another bureau's notice", lambda w: w.client.delete(
        f"/api/v1/notices/{w.their_notice.id}", headers=w.ours), 403, "Only the owning bureau"),
    Attack("submit another bureau's notice", lambda w: w.client.post(
        f"/api/v1/notices/{w.their_notice.id}/submit", headers=w.ours), 403, "owning bureau"),
    Attack("the DE officer deletes our person", lambda w: w.client.delete(
        f"/api/v1/persons/{w.our_person.id}", headers=w.theirs), 403, "owning bureau (RU)"),
    Attack("delete another bureau's person through the page", _web_edit_theirs, 403,
           "Only the owning bureau"),
    Attack("forward another bureau's H1 request", _forward_theirs_h1, 403,
           "handling code forbids forward"),
    Attack("a form posted without its CSRF token", _no_csrf, 403, "did not come from this site"),
    Attack("a form posted with a forged CSRF token", _wrong_csrf, 403, "did not come from"),
    Attack("a form posted with another session's token", _csrf_of_another_session, 403,
           "did not come from this site"),
    Attack("an oversized JSON body", _big, 413, "bytes"),
    Attack("an oversized form", _big_form, 413, "bytes"),
    Attack("a forged API token", lambda w: w.client.delete(
        f"/api/v1/persons/{w.our_person.id}", headers={"Authorization": "Bearer ncb_forged"}),
        401, "not valid"),
    Attack("a forged session cookie", lambda w: _forged_cookie(w), 401, "sign in"),
    Attack("Basic instead of Bearer", lambda w: w.client.get(
        "/api/v1/persons", headers={"Authorization": "Basic dXNlcjpwYXNz"}), 401, "Bearer"),
]  # fmt: skip


STREAMED = Attack("an oversized body without Content-Length", _big_chunked, 413, "bytes")


@pytest.mark.parametrize("attack", [*ATTACKS, STREAMED], ids=[a.name for a in [*ATTACKS, STREAMED]])
def test_attack_is_refused_and_writes_nothing(world, unchanged, attack: Attack):
    r = attack.send(world)
    assert r.status_code == attack.status, r.text[:300]
    assert attack.says in _json_or_text(r)
    unchanged()


@pytest.mark.parametrize(
    "path",
    [
        "/static/../settings.py",
        "/static/%2e%2e/settings.py",
        "/static/%2e%2e/%2e%2e/settings.py",
        "/static/..%2fweb%2froutes.py",
        "/static/%2e%2e%2f%2e%2e%2fsettings.py",
        "/static/....//app.css/../../routes.py",
        "/static/%252e%252e/routes.py",
        "/static//etc/passwd",
        "/static/%00app.css",
    ],
)
def test_path_traversal_in_static_paths_finds_nothing(client, path):
    r = client.get(path)
    assert r.status_code == 404, (path, r.status_code)
    assert "def " not in r.text and "root:" not in r.text


# ---------------------------------------------------------------------------
# Injection: data that looks like SQL or markup is only ever data

INJECTIONS = ["' OR 1=1 --", "%", "_", "%%", "\\", "'; DROP TABLE persons; --", '" OR ""="']


@pytest.mark.parametrize("text", INJECTIONS)
def test_sql_like_text_in_filters_finds_nothing_extra(world, headers, unchanged, text):
    c, _ = _web(world, Role.SUPERVISOR)
    officer = world.ours
    api = world.client
    assert api.get("/api/v1/persons", params={"name": text}, headers=officer).json()["total"] == 0
    assert api.get("/api/v1/notices", params={"q": text}, headers=officer).json()["total"] == 0
    r = api.get("/api/v1/search", params={"q": text}, headers=officer)
    assert r.status_code in (200, 422)
    if r.status_code == 200:
        assert r.json()["results"] == []
    page = c.get("/persons", params={"name": text})
    assert page.status_code == 200 and 'id="persons-table"' in page.text
    assert "Иванов Иван" not in page.text
    page = c.get("/notices", params={"q": text})
    assert page.status_code == 200 and "Wanted" not in page.text
    # The audit filters: an actor or object id is matched exactly; an action prefix
    # that is not action-shaped is refused rather than passed to LIKE.
    for params in ({"who": text}, {"object_id": text}):
        r = c.get("/audit", params=params)
        assert r.status_code == 200 and "data-seq" not in r.text
    r = c.get("/audit", params={"action": text})
    assert r.status_code == 422
    auditor = headers(Role.SUPERVISOR)
    listed = api.get("/api/v1/audit", params={"actor": text}, headers=auditor).json()
    assert listed["total"] == 0
    unchanged()


@pytest.mark.parametrize("name", XSS)
def test_markup_in_a_name_is_text_on_every_page(world, dom, name):
    person = _add_person(world.app, "RU", name, birth_dates=[PartialDate(1990)])
    c, csrf = _web(world, Role.CASE_OFFICER)
    pages = {
        "person page": c.get(f"/persons/{person.id}"),
        "persons list": c.get("/persons"),
        "persons search": c.get("/persons", params={"name": name}),
        "screening reasons": c.post(
            "/screening/search", data={CSRF_FIELD: csrf, "q": name, "purpose": "request"}
        ),
    }
    for what, r in pages.items():
        assert r.status_code == 200, what
        doc = dom(r)
        scripts = [s.get("src") for s in doc.select("script")]
        assert all(src and src.startswith("/static/") for src in scripts), (what, scripts)
        assert not doc.select("main img, main [onerror]"), what
        assert name not in r.text, what  # every "<" of it arrived escaped
        assert any(name == el.text for el in doc.select("main bdi")), what
    # The JSON search answers the name as data; JSON needs no HTML escaping.
    hits = world.client.get("/api/v1/search", params={"q": name}, headers=world.ours).json()
    assert person.id in [h["id"] for h in hits["results"]]


# ---------------------------------------------------------------------------
# Handling codes, and guessing passwords


def test_an_export_withholds_what_a_handling_code_forbids(world):
    uow = world.app.state.ctx.uow()
    analyst = Actor("analyst1", "RU", frozenset({Role.ANALYST}))
    run = person_svc.Export()
    with uow:
        exported = [p.id for p in person_svc.export_persons(uow, analyst, run)]
    assert world.our_person.id in exported
    assert world.their_person.id not in exported
    ((withheld, reason),) = run.withheld
    assert withheld == world.their_person.id
    assert "owned by DE" in reason and "H1" in reason and "export" in reason
    refused = world.app.state.ctx.uow().audit.list(
        AuditFilter(action="person.export", outcome="refused"), 0, 10
    )
    assert [e.object_id for e in refused.items] == [world.their_person.id]
    # The owner is never bound by its own codes.
    run = person_svc.Export()
    owner = Actor("analyst2", "DE", frozenset({Role.ANALYST}))
    with uow:
        assert world.their_person.id in [p.id for p in person_svc.export_persons(uow, owner, run)]
    assert run.withheld == []


def _login(c: TestClient, username: str, password: str) -> Any:
    data = {"username": username, "password": password, CSRF_FIELD: login_form_token(c)}
    return c.post("/login", data=data, follow_redirects=False)


def test_five_wrong_passwords_lock_the_account_with_the_same_message(app, dom):
    name = add_user(app, Role.CASE_OFFICER)
    c = TestClient(app)
    messages = set()
    for _ in range(5):
        r = _login(c, name, "not the password")
        assert r.status_code == 401
        messages.add(dom(r).one("#error-summary h2").text)
    r = _login(c, name, PASSWORD)  # the right password, now too late
    assert r.status_code == 401
    messages.add(dom(r).one("#error-summary h2").text)
    unknown = _login(c, "nosuchuser", PASSWORD)
    messages.add(dom(unknown).one("#error-summary h2").text)
    assert messages == {"Wrong username or password, or the account is locked."}
    assert SESSION_COOKIE not in c.cookies
    reasons = [
        e.details.get("reason")
        for e in app.state.ctx.uow().audit.list(AuditFilter(action="login"), 0, 20).items
    ]
    assert "account locked" in reasons
