"""Signing in and out through the pages; a browser without a session is sent to sign in."""

from __future__ import annotations

import pytest
from signing import PASSWORD, add_user, login_form_token

from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.security import CSRF_FIELD, SESSION_COOKIE
from ncbdesk.entrypoints.web.signin import local_path


def login(client, username: str, password: str, next_url: str = "/", token: str | None = None):
    data = {"username": username, "password": password, "next": next_url}
    data[CSRF_FIELD] = login_form_token(client) if token is None else token
    return client.post("/login", data=data, follow_redirects=False)


def test_a_page_without_a_session_redirects_to_sign_in_and_back(app, client, dom):
    r = client.get("/persons?name=ivan", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=/persons%3Fname%3Divan"

    form = dom(client.get(r.headers["location"])).one("form#signin-form")
    assert form.one("input[name=next]").get("value") == "/persons?name=ivan"
    name = add_user(app, Role.ANALYST)
    r = login(client, name, PASSWORD, "/persons?name=ivan")
    assert r.status_code == 303 and r.headers["location"] == "/persons?name=ivan"
    cookie = r.headers["set-cookie"].lower()
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    for flag in ("httponly", "samesite=strict", "path=/"):
        assert flag in cookie
    assert "secure" not in cookie.split(";")[1:]  # plain HTTP in the test client
    assert client.get("/persons").status_code == 200


def test_the_header_shows_who_is_signed_in_and_signs_out(app, client, dom, sign_in_web):
    csrf = sign_in_web(client, Role.CASE_OFFICER, Role.ANALYST)
    who = dom(client.get("/")).one("header #who")
    assert who.one(".username").text.startswith("officer")
    assert who.one("abbr").text == "RU"
    assert who.one(".roles").text == "analyst, case officer"
    assert who.one("form[action='/logout'] input[name=csrf_token]").get("value") == csrf

    del client.headers["x-csrf-token"]
    assert client.post("/logout", follow_redirects=False).status_code == 403  # no token
    r = client.post("/logout", data={CSRF_FIELD: csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).status_code == 303


def test_the_ended_session_no_longer_works_even_if_the_cookie_is_kept(app, client, sign_in_web):
    csrf = sign_in_web(client, Role.CASE_OFFICER)
    cookie = client.cookies[SESSION_COOKIE]
    client.post("/logout", data={CSRF_FIELD: csrf})
    client.cookies.set(SESSION_COOKIE, cookie)
    assert client.get("/", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/me").status_code == 401


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(app, client, dom):
    name = add_user(app, Role.ANALYST)
    answers = []
    for username, password in ((name, "wrong password!!"), ("nobody", PASSWORD)):
        r = login(client, username, password)
        assert r.status_code == 401
        assert SESSION_COOKIE not in r.headers.get("set-cookie", "")
        doc = dom(r)
        answers.append(doc.one("#error-summary h2").text)
        assert doc.one("#signin-username").get("value") == username
        assert doc.one("#signin-password").get("value") in (None, "")
    assert answers == ["Wrong username or password, or the account is locked."] * 2


def test_the_sign_in_form_needs_its_own_token(app, client):
    name = add_user(app, Role.ANALYST)
    login_form_token(client)
    r = login(client, name, PASSWORD, token="forged")
    assert r.status_code == 403
    assert SESSION_COOKIE not in client.cookies


def test_the_address_is_throttled_after_many_failures(app, client, dom):
    app.state.ctx.throttle.limit = 3
    name = add_user(app, Role.ANALYST)
    for _ in range(3):
        assert login(client, f"someone{_}", "wrong password!!").status_code == 401
    r = login(client, name, PASSWORD)
    assert r.status_code == 429
    assert "Too many failed sign-ins" in dom(r).one("#error-summary h2").text


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("/persons?name=x", "/persons?name=x"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/login", "/"),
        ("", "/"),
    ],
)
def test_next_is_only_ever_a_local_path(target, kept):
    assert local_path(target) == kept


def test_an_htmx_fragment_without_a_session_asks_for_a_full_page_sign_in(client):
    r = client.get("/persons/table", headers={"HX-Request": "true"}, follow_redirects=False)
    assert r.status_code == 401
    assert r.headers["hx-redirect"] == "/login?next=/persons/table"


def test_the_api_still_answers_401_json(client):
    r = client.get("/api/v1/persons", headers={"accept": "text/html"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated"


def test_a_form_posted_without_a_session_comes_back_to_its_page(client):
    r = client.post(
        "/notices/abc/submit",
        headers={"referer": "http://testserver/notices/abc"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/notices/abc"
    r = client.post(
        "/persons/new", headers={"referer": "https://evil.example/x"}, follow_redirects=False
    )
    assert r.headers["location"] == "/login?next=/"
