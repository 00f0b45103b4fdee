"""The screening pages (one person, a name search) over HTTP, signed in, by DOM selectors."""

from __future__ import annotations

import itertools

import pytest

from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.notices import Notice, NoticeType
from ncbdesk.domain.persons import NameKind, Person, PersonName
from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.security import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE
from ncbdesk.services import auth
from ncbdesk.services import notices as notice_svc
from ncbdesk.services import persons as person_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter

HASHER = Argon2Hasher(time_cost=1, memory_cost_kib=1024)
PASSWORD = "correct horse battery"
SYSTEM = Actor.system("RU")
NAME = "Нурбагандов Магомед Алиевич"
XSS = "<script>alert(1)</script>"
_numbers = itertools.count()


def sign_in(app, client, *roles: Role, bureau: str = "RU") -> str:
    """A new user with `roles`, signed in: the client sends its cookie and CSRF token."""
    ctx = app.state.ctx
    name = f"screener{next(_numbers)}"
    auth.create_user(ctx.uow(), SYSTEM, HASHER, name, PASSWORD, set(roles), bureau)
    cookie, session, _ = auth.sign_in(
        ctx.uow(), HASHER, name, PASSWORD, "testclient", ctx.session_policy
    )
    client.cookies.set(SESSION_COOKIE, cookie)
    client.headers[CSRF_HEADER] = session.csrf
    return session.csrf


@pytest.fixture
def officer(app, client) -> str:
    return sign_in(app, client, Role.DUTY_OFFICER)


def add_person(app, *names: str, **kw) -> Person:
    person = Person(
        owner_bureau=kw.pop("owner", "RU"),
        names=[
            PersonName(n, kind=NameKind.PRIMARY if i == 0 else NameKind.ALIAS)
            for i, n in enumerate(names)
        ],
        **kw,
    )
    return person_svc.create_person(app.state.ctx.uow(), SYSTEM, person)


def add_notice(app, person: Person, reference: str) -> Notice:
    notice = Notice(
        type=NoticeType.BLUE,
        owner_bureau="RU",
        title="Locate",
        subject_ids=[person.id],
        reference=reference,
    )
    return notice_svc.create_notice(app.state.ctx.uow(), SYSTEM, notice)


def screens(app, action: str = "screen") -> list:
    page = app.state.ctx.uow().audit.list(AuditFilter(action=action), 0, 100)
    return [e for e in page.items if e.action == action]


FORM = {"purpose": "border", "purpose_detail": "flight SU 2450", "top": "10"}


@pytest.fixture
def wanted(app) -> Person:
    person = add_person(
        app,
        NAME,
        "Nurbagandov Magomed",
        birth_dates=[PartialDate(1985, 1, 2)],
        nationalities=["RU"],
    )
    add_person(app, "Smith John", birth_dates=[PartialDate(1960)], nationalities=["GB"])
    return person


def test_the_form_asks_for_a_name_the_details_and_a_purpose(client, dom, officer):
    doc = dom(client.get("/screening"))
    form = doc.one("form#screen-form[method=post][action='/screening']")
    for name in (
        "name",
        "given",
        "family",
        "patronymic",
        "birth_date",
        "nationality",
        "document",
        "purpose_detail",
    ):
        assert form.one(f"input[name={name}]")
    assert form.one("select[name=sex]")
    purpose = form.one("select[name=purpose]")
    assert purpose.get("required") is not None
    assert [o.get("value") for o in purpose.select("option")][:2] == ["", "border"]
    assert form.one(f"input[name={CSRF_FIELD}]").get("value") == officer
    assert form.get("hx-post") == "/screening"
    assert doc.one("script[src='/static/screening.js']")


def test_a_latin_spelling_finds_the_cyrillic_record_with_score_reasons_and_notices(
    app, client, dom, officer, wanted
):
    notice = add_notice(app, wanted, "2026/4711")
    r = client.post(
        "/screening",
        data={**FORM, "name": "NURBAGANDOV Magomed", "birth_date": "1985-01-02",
              "nationality": "ru"},
    )  # fmt: skip
    assert r.status_code == 200
    doc = dom(r)
    hits = doc.select("#screen-results ol.hits > li.hit")
    assert hits, r.text[:2000]
    best = hits[0]
    assert best.one(".hit-name a").get("href") == f"/persons/{wanted.id}"
    assert best.one(".hit-name bdi").text == NAME
    assert best.one(".alert-marker").text == "ALERT"
    assert "is-alert" in best.classes
    score = float(best.one("meter.score-bar").get("value") or "0")
    assert 0.75 <= score <= 1.0
    assert best.one(".score-value").text == f"{round(score * 100, 1)} %"
    reasons = [li.text for li in best.select("ul.reasons li")]
    assert reasons and all(reasons)
    assert [b.text for b in best.select(".births .bd")] == ["1985-01-02"]
    assert best.one(".nationalities abbr").text == "RU"
    assert best.one(".owner").text == "RU"
    assert [a.text for a in best.select(".hit-facts .names bdi")] == ["Nurbagandov Magomed"]
    link = best.one("ul.notices a")
    assert (link.get("href"), link.text) == (f"/notices/{notice.id}", "2026/4711")
    assert best.one("ul.notices .badge.type-blue")
    # Ranked best first, the other person (if listed at all) below without an alert.
    values = [float(m.get("value") or 0) for m in doc.select("meter.score-bar")]
    assert values == sorted(values, reverse=True)
    assert all(not h.select(".alert-marker") for h in hits[1:])
    # The purpose is in the audit trail with the screening.
    (entry,) = screens(app)
    assert entry.purpose == "Border or travel check: flight SU 2450"
    assert entry.details["alerts"] == [wanted.id]
    # The form keeps what was typed.
    assert doc.one("input[name=name]").get("value") == "NURBAGANDOV Magomed"


def test_with_htmx_only_the_panel_comes_back(client, dom, officer, wanted):
    r = client.post(
        "/screening", data={**FORM, "name": "Nurbagandov"}, headers={"HX-Request": "true"}
    )
    assert r.status_code == 200
    doc = dom(r)
    assert not doc.select("html, header, nav[aria-label=Main]")
    assert doc.one("form#screen-form")
    assert doc.select("#screen-results li.hit")


def test_bad_input_is_shown_beside_each_field_and_nothing_is_screened(app, client, dom, officer):
    r = client.post(
        "/screening",
        data={"name": "Иванов Иван", "birth_date": "1985-02-30", "nationality": "XX"},
    )
    assert r.status_code == 422
    doc = dom(r)
    for name in ("birth_date", "nationality", "purpose"):
        field_id = "f-" + name.replace("_", "-")
        control = doc.one(f"#{field_id}")
        assert control.get("aria-invalid") == "true", name
        error = doc.one(f"#{field_id}-error")
        # Beside the field: in the same field box, and announced with it.
        assert error.parent is control.parent, name
        assert f"{field_id}-error" in (control.get("aria-describedby") or "")
    assert "does not exist" in doc.one("#f-birth-date-error").text
    assert "not an ISO 3166 country code" in doc.one("#f-nationality-error").text
    assert doc.one("#error-summary").get("role") == "alert"
    assert not doc.select("#screen-results")
    assert doc.one("input[name=birth_date]").get("value") == "1985-02-30"
    assert screens(app) == []


def test_a_refused_form_comes_back_through_htmx_too(client, dom, officer):
    r = client.post(
        "/screening",
        data={"purpose": "other", "top": "10"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 422
    doc = dom(r)
    assert not doc.select("header")
    assert doc.one("form#screen-form[data-swap-errors]")
    assert "name is required" in doc.one("#f-name-error").text
    assert "describe the purpose" in doc.one("#f-purpose-detail-error").text


def test_names_keep_their_script_and_direction(app, client, dom, officer):
    arabic = add_person(app, "محمد عبد الله", "Mohammed Abdullah")
    doc = dom(client.post("/screening/search", data={**FORM, "q": "Muhammad Abdallah"}))
    hit = doc.one(f"#screen-results li.hit[data-id={arabic.id}]")
    name = hit.one(".hit-name bdi")
    assert (name.text, name.get("dir")) == ("محمد عبد الله", "rtl")
    assert hit.one(".names bdi").get("dir") == "ltr"


def test_markup_in_names_is_shown_as_text_never_run(app, client, dom, officer):
    person = add_person(app, XSS, birth_dates=[PartialDate(1990)])
    r = client.post("/screening/search", data={**FORM, "q": XSS})
    assert r.status_code == 200
    doc = dom(r)
    hit = doc.one(f"#screen-results li.hit[data-id={person.id}]")
    assert hit.one(".hit-name bdi").text == XSS
    assert all(s.get("src") for s in doc.select("script"))
    assert XSS not in r.text  # every "<" of the name arrived escaped
    assert doc.one("input[name=q]").get("value") == XSS
    for reason in hit.select("ul.reasons li"):
        assert not reason.select("*")


def test_the_quick_name_search_is_audited_with_its_purpose(app, client, dom, officer, wanted):
    doc = dom(client.get("/screening/search"))
    assert doc.one("form#search-form input[name=q]")
    assert doc.one("nav#screening-modes a[aria-current=page]").text == "Search a name"
    r = client.post(
        "/screening/search", data={"q": "магомед нурбагандов", "purpose": "request", "top": "25"}
    )
    doc = dom(r)
    assert doc.select("#screen-results li.hit")[0].get("data-id") == wanted.id
    (entry,) = screens(app, "search")
    assert entry.purpose == "Request from another bureau"


def test_an_empty_search_is_refused_beside_the_box(client, dom, officer):
    r = client.post("/screening/search", data={**FORM, "q": "   "})
    assert r.status_code == 422
    doc = dom(r)
    assert doc.one("#f-q").get("aria-invalid") == "true"
    assert doc.one("#f-q-error").text == "type a name"


def test_no_candidate_says_so(client, dom, officer):
    doc = dom(client.post("/screening/search", data={**FORM, "q": "Zzyzx Qwv"}))
    assert doc.select("#screen-results li.hit") == []
    assert doc.one("#result-summary").text == "No candidate found."


def test_the_main_navigation_leads_to_screening(client, dom, officer):
    doc = dom(client.get("/screening/batch"))
    nav = doc.one("header nav[aria-label=Main]")
    assert nav.one("a[aria-current=page]").get("href") == "/screening"


def test_a_role_without_screening_rights_is_refused(app, client):
    sign_in(app, client, Role.ADMINISTRATOR)
    assert client.get("/screening").status_code == 403
    assert client.post("/screening", data={**FORM, "name": "X"}).status_code == 403
    assert client.get("/screening/batch").status_code == 403


def test_a_form_without_the_csrf_token_is_refused(app, client, wanted):
    sign_in(app, client, Role.DUTY_OFFICER)
    del client.headers[CSRF_HEADER]
    r = client.post("/screening", data={**FORM, "name": "Nurbagandov"})
    assert r.status_code == 403
    assert screens(app) == []
