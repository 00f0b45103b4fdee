"""The extradition board and case pages: stages, deadlines, forms, and who may do what."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from test_api_hits import border_hit, published_notice

from ncbdesk.domain.security import Role

Headers = Callable[..., dict[str, str]]
CASES = "/api/v1/extradition-cases"


@pytest.fixture
def web(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def today() -> date:
    return datetime.now(UTC).date()  # the test bureau's zone is UTC


def open_case(client: TestClient, h: dict[str, str], **body: Any) -> dict[str, Any]:
    r = client.post(CASES, json=body, headers=h)
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_the_board_groups_open_cases_by_stage_with_days_left(
    client: TestClient, web: TestClient, headers: Headers, sign_in_web: Any, dom: Any
) -> None:
    officer = headers(Role.CASE_OFFICER)
    arrested = today() - timedelta(days=20)
    late = open_case(
        client,
        officer,
        direction="inbound",
        legal_basis="ece",
        person_name="Ruslan ALIEV",
        requesting_state="DE",
        warrant_reference="AG Berlin 351 Gs 12/24",
        stages=[{"stage": "provisional_arrest", "on": str(arrested)}],
    )
    fresh = open_case(
        client,
        officer,
        direction="inbound",
        legal_basis="ece",
        person_name="Jean DUPONT",
        requesting_state="FR",
        warrant_reference="TJ Paris 24/118",
        stages=[{"stage": "provisional_arrest", "on": str(today() - timedelta(days=3))}],
    )
    outbound = open_case(
        client,
        officer,
        direction="outbound",
        legal_basis="reciprocity",
        person_name="Пётр ИВАНОВ",
        requested_state="ES",
        warrant_reference="Tverskoy court 3/1-77/2025",
    )
    closed = open_case(
        client,
        officer,
        direction="inbound",
        legal_basis="ece",
        person_name="Closed CASE",
        requesting_state="IT",
        warrant_reference="W-IT-1",
        stages=[{"stage": "provisional_arrest", "on": str(today() - timedelta(days=5))}],
    )
    r = client.post(
        f"{CASES}/{closed['id']}/outcome",
        json={"outcome": "released", "on": str(today())},
        headers=officer,
    )
    assert r.status_code == 200

    sign_in_web(web, Role.DUTY_OFFICER)
    doc = dom(web.get("/extradition"))
    assert doc.one("nav[aria-label=Main] a[aria-current=page]").text == "Extradition"
    assert doc.first("a[href='/extradition/new']") is None  # the desk reads, does not open
    assert doc.one("#board-summary").text.startswith("3 open cases")
    column = doc.one("#stage-provisional_arrest")
    cards = column.select(".case-card")
    # Most urgent first: the overdue one leads.
    assert [c.get("id") for c in cards] == [f"card-{late['id']}", f"card-{fresh['id']}"]
    first, second = cards
    assert "is-overdue" in first.classes and "is-overdue" not in second.classes
    # Arrested 20 days ago: consent was due on day 10, so overdue by 10 days.
    assert first.one(".case-next .overdue").text == "overdue by 10 days"
    assert second.one(".case-next").text.endswith("7 days left")
    assert first.one(".case-states").text == "inbound DE → RU"
    assert first.one(".case-basis").text.startswith("European Convention on Extradition")
    none = doc.one("#stage-none")
    assert none.one(f"#card-{outbound['id']} .case-next").text == "no open deadline"
    assert none.one(f"#card-{outbound['id']} .case-states").text == "outbound RU → ES"
    assert [a.get("href") for a in doc.select("#closed-table tbody a")] == [
        f"/extradition/{closed['id']}"
    ]
    assert doc.one("#closed-table tbody tr").select("td")[2].text == "released"

    inbound = dom(web.get("/extradition", params={"direction": "inbound"}))
    ids = [c.get("id") for c in inbound.select(".case-card")]
    assert sorted(ids) == sorted([f"card-{late['id']}", f"card-{fresh['id']}"])
    assert inbound.one(".subnav a[aria-current=page]").text == "Inbound (asked of us)"
    outbound_only = dom(web.get("/extradition", params={"direction": "outbound"}))
    assert [c.get("id") for c in outbound_only.select(".case-card")] == [f"card-{outbound['id']}"]
    assert outbound_only.select("#closed-table tbody a") == []
    assert web.get("/extradition", params={"direction": "sideways"}).status_code == 422


def test_the_case_page_records_stages_and_the_outcome(
    client: TestClient, web: TestClient, headers: Headers, sign_in_web: Any, dom: Any
) -> None:
    officer = headers(Role.CASE_OFFICER)
    arrested = today() - timedelta(days=2)
    case = open_case(
        client,
        officer,
        direction="inbound",
        legal_basis="ece",
        person_name="Ruslan ALIEV",
        requesting_state="DE",
        warrant_reference="AG Berlin 351 Gs 12/24",
        stages=[{"stage": "provisional_arrest", "on": str(arrested), "documents": ["Report 17"]}],
    )
    cid = case["id"]
    sign_in_web(web, Role.CASE_OFFICER)
    doc = dom(web.get(f"/extradition/{cid}"))
    assert doc.first("#not-owned") is None
    assert [li.get("data-stage") for li in doc.select("#timeline li")] == ["provisional_arrest"]
    assert "(Report 17)" in doc.one("#timeline li").text
    rows = {tr.get("data-key"): tr for tr in doc.select("#deadlines-table tbody tr")}
    assert set(rows) == {"tap.6.1.consent", "ece.16.4.may_release", "ece.16.4.release"}
    release = rows["ece.16.4.release"]
    assert release.one("td.nowrap").text == str(arrested + timedelta(days=40))
    assert release.one("td.num").text == "38"
    assert "art. 16(4)" in release.one("td.rule").text
    assert "Due (UTC)" in doc.one("#deadlines-table thead").text
    assert doc.one("#next-deadline strong").text.startswith("Consent")
    assert doc.one("#stage-stage option[selected]").get("value") == "court_appearance"
    assert doc.one("#stage-form input[name=version]").get("value") == str(case["version"])

    # A stage dated in the future is refused beside the date, nothing changes.
    future = str(today() + timedelta(days=3))
    r = web.post(
        f"/extradition/{cid}/stages",
        data={"stage": "court_appearance", "on": future, "version": str(case["version"])},
    )
    assert r.status_code == 422
    page = dom(r)
    assert "future" in page.one("#stage-on-error").text
    assert page.one("#stage-on").get("value") == future
    r = web.post(
        f"/extradition/{cid}/stages",
        data={"stage": "court_appearance", "on": str(today()), "note": "Moscow City Court"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/extradition/{cid}?done=stage"
    doc = dom(web.get(r.headers["location"]))
    assert doc.one(".flash").text == "Stage recorded."
    assert [li.get("data-stage") for li in doc.select("#timeline li")] == [
        "provisional_arrest",
        "court_appearance",
    ]
    assert doc.one("#current-stage").text == "Court appearance"
    assert doc.one("#stage-stage option[selected]").get("value") == "consent"
    # A stale form (the version it showed) is refused.
    r = web.post(
        f"/extradition/{cid}/stages",
        data={"stage": "consent", "on": str(today()), "version": str(case["version"])},
    )
    assert r.status_code == 409 and "reload" in dom(r).one("#stage-refused").text

    # A refusal needs its reason.
    r = web.post(f"/extradition/{cid}/outcome", data={"outcome": "refused", "on": str(today())})
    assert r.status_code == 422
    assert "say why" in dom(r).one("#outcome-reason-error").text
    r = web.post(
        f"/extradition/{cid}/outcome",
        data={"outcome": "refused", "on": str(today()), "reason": "Political offence (art. 3)"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    doc = dom(web.get(f"/extradition/{cid}"))
    assert doc.one("#outcome").text.endswith("Political offence (art. 3)")
    assert doc.first("#record") is None  # closed: nothing more to record
    api = client.get(f"{CASES}/{cid}", headers=officer).json()
    assert api["outcome"] == "refused" and api["current_stage"] == "court_appearance"


def test_open_a_case_from_a_confirmed_hit(
    client: TestClient, web: TestClient, headers: Headers, sign_in_web: Any, dom: Any
) -> None:
    nid, pid = published_notice(client, headers)
    hit = border_hit(client, headers, nid, pid)
    duty = headers(Role.DUTY_OFFICER)
    r = client.post(f"/api/v1/hits/{hit['id']}/confirm", json={"methods": ["photo"]}, headers=duty)
    assert r.status_code == 200
    sign_in_web(web, Role.CASE_OFFICER)
    doc = dom(web.get("/extradition/new", params={"hit_id": hit["id"]}))
    assert doc.one("#f-hit-id").get("value") == hit["id"]
    assert doc.one("#f-requesting-state").get("value") == "DE"
    assert doc.one("#f-person-name").get("value") == "Руслан Алиев"
    assert doc.one("#case-form input[name=csrf_token]").get("value")

    # Bad input: every problem named beside its field, nothing created.
    r = web.post(
        "/extradition/new",
        data={
            "direction": "inbound",
            "legal_basis": "atlantis-treaty",
            "requesting_state": "XX",
            "arrest_on": "31/01/2026",
        },
    )
    assert r.status_code == 422
    page = dom(r)
    assert page.one("#error-summary")
    assert "not a date" in page.one("#f-arrest-on-error").text
    assert page.one("#f-requesting-state").get("value") == "XX"
    assert client.get(CASES, headers=duty).json()["total"] == 0
    r = web.post(
        "/extradition/new",
        data={"direction": "inbound", "legal_basis": "atlantis-treaty", "requesting_state": "XX"},
    )
    assert r.status_code == 422
    page = dom(r)
    assert "not a known legal basis" in page.one("#f-legal-basis-error").text
    assert "not an ISO 3166" in page.one("#f-requesting-state-error").text

    r = web.post(
        "/extradition/new",
        data={
            "direction": "inbound",
            "legal_basis": "ece",
            "hit_id": hit["id"],
            "arrest_on": str(today()),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    cid = r.headers["location"].split("?")[0].rsplit("/", 1)[1]
    doc = dom(web.get(r.headers["location"]))
    assert doc.one(".flash").text == "The case is open."
    assert doc.one("#case-hit").get("href") == f"/hits/{hit['id']}"
    assert doc.one("#requesting").text == "Germany (DE)"
    assert [li.get("data-stage") for li in doc.select("#timeline li")] == [
        "hit",
        "provisional_arrest",
    ]
    consent = doc.one("#deadlines-table tr[data-key='tap.6.1.consent']")
    assert consent.one("td.nowrap").text == str(today() + timedelta(days=10))
    assert client.get(f"{CASES}/{cid}", headers=duty).json()["hit_id"] == hit["id"]
    # One case per hit.
    r = web.post(
        "/extradition/new", data={"direction": "inbound", "legal_basis": "ece", "hit_id": hit["id"]}
    )
    assert r.status_code == 409
    assert "already opened" in dom(r).one("#error-summary").text


def test_another_bureaus_case_is_read_only_and_wrong_roles_are_refused(
    client: TestClient, web: TestClient, headers: Headers, sign_in_web: Any, dom: Any, app: FastAPI
) -> None:
    kz = headers(Role.CASE_OFFICER, bureau="KZ")
    case = open_case(
        client,
        kz,
        direction="inbound",
        legal_basis="cis-minsk-1993",
        person_name="Ivan PETROV",
        requesting_state="RU",
        warrant_reference="W-RU-9",
        stages=[{"stage": "provisional_arrest", "on": str(today())}],
    )
    cid = case["id"]
    sign_in_web(web, Role.CASE_OFFICER)  # bureau RU
    doc = dom(web.get(f"/extradition/{cid}"))
    assert doc.one("#not-owned").text.startswith("Opened by bureau Kazakhstan (KZ)")
    assert doc.first("#stage-form") is None and doc.first("#outcome-form") is None
    assert doc.one("#deadlines-table tbody tr").get("data-key")  # deadlines are shown
    r = web.post(f"/extradition/{cid}/stages", data={"stage": "hearing", "on": str(today())})
    assert r.status_code == 403
    r = web.post(f"/extradition/{cid}/outcome", data={"outcome": "released", "on": str(today())})
    assert r.status_code == 403
    assert client.get(f"{CASES}/{cid}", headers=kz).json()["stages"][0]["stage"] == (
        "provisional_arrest"
    )
    assert len(client.get(f"{CASES}/{cid}", headers=kz).json()["stages"]) == 1

    with TestClient(app) as duty:
        sign_in_web(duty, Role.DUTY_OFFICER)
        assert duty.get(f"/extradition/{cid}").status_code == 200
        assert duty.get("/extradition/new").status_code == 403
        r = duty.post("/extradition/new", data={"direction": "inbound", "legal_basis": "ece"})
        assert r.status_code == 403
    with TestClient(app) as admin:
        sign_in_web(admin, Role.ADMINISTRATOR)
        assert admin.get("/extradition").status_code == 403
        assert admin.get(f"/extradition/{cid}").status_code == 403
    assert web.get("/extradition/nope").status_code == 404


def test_a_deadline_falling_today_says_so(
    client: TestClient, web: TestClient, headers: Headers, sign_in_web: Any, dom: Any
) -> None:
    case = open_case(
        client,
        headers(Role.CASE_OFFICER),
        direction="inbound",
        legal_basis="ece",
        person_name="Ruslan ALIEV",
        requesting_state="DE",
        warrant_reference="AG Berlin 351 Gs 12/24",
        stages=[{"stage": "provisional_arrest", "on": str(today() - timedelta(days=10))}],
    )
    sign_in_web(web, Role.DUTY_OFFICER)
    card = dom(web.get("/extradition")).one(f"#card-{case['id']}")
    assert card.one(".case-next strong").text == "due today"
    assert "is-overdue" not in card.classes
    page = dom(web.get(f"/extradition/{case['id']}"))
    assert page.one("#next-deadline").text.endswith("due today.")
