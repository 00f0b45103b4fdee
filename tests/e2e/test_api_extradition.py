"""Extradition cases through the API: a Red Notice to surrender, and the failure paths."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from test_api_hits import border_hit, published_notice

from ncbdesk.domain.security import Role

Headers = Callable[..., dict[str, str]]
CASES = "/api/v1/extradition-cases"


def deadlines(case: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["key"]: d for d in case["deadlines"]}


def stage(
    client: TestClient, h: dict[str, str], cid: str, name: str, on: date, **kw: Any
) -> dict[str, Any]:
    r = client.post(f"{CASES}/{cid}/stages", json={"stage": name, "on": str(on), **kw}, headers=h)
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_red_notice_to_surrender(client: TestClient, headers: Headers) -> None:
    today = datetime.now(UTC).date()  # the test bureau's zone is UTC
    nid, pid = published_notice(client, headers)
    hit = border_hit(client, headers, nid, pid)
    duty, officer = headers(Role.DUTY_OFFICER), headers(Role.CASE_OFFICER)
    r = client.post(
        f"/api/v1/hits/{hit['id']}/confirm", json={"methods": ["fingerprints"]}, headers=duty
    )
    assert r.status_code == 200 and r.json()["notification"]["to_bureau"] == "DE"
    # The owner's notification is an outgoing request in the registry, with its deadline.
    request_id = r.json()["notification"]["request_id"]
    req = client.get(f"/api/v1/requests/{request_id}", headers=duty).json()
    assert (req["direction"], req["counterpart_country"], req["priority"]) == (
        "outgoing",
        "DE",
        "urgent",
    )
    assert req["due_at"] == r.json()["notification"]["due_at"] and not req["overdue"]
    mine = client.get("/api/v1/requests", params={"direction": "outgoing"}, headers=duty).json()
    assert [x["id"] for x in mine["items"]] == [request_id]

    # The duty officer arrested on the Red Notice; the case officer opens the case.
    assert client.post(CASES, json={}, headers=duty).status_code == 403
    arrested = datetime.now(UTC).replace(microsecond=0)
    r = client.post(
        CASES,
        json={
            "direction": "inbound",
            "legal_basis": "ece",
            "hit_id": hit["id"],
            "stages": [
                {
                    "stage": "provisional_arrest",
                    "at": arrested.isoformat(),
                    "documents": ["Arrest report 17/2024"],
                }
            ],
        },
        headers=officer,
    )
    assert r.status_code == 201, r.text
    case = r.json()
    cid = case["id"]
    assert r.headers["Location"] == f"{CASES}/{cid}"
    assert (case["requesting_state"], case["requested_state"]) == ("DE", "RU")
    assert (case["notice_id"], case["person_id"], case["hit_id"]) == (nid, pid, hit["id"])
    assert case["person_name"] == "Руслан Алиев"
    assert case["warrant_reference"] == "AG Berlin 351 Gs 12/24"
    assert case["legal_basis_title"].startswith("European Convention on Extradition")
    assert [s["stage"] for s in case["stages"]] == ["hit", "provisional_arrest"]
    assert case["current_stage"] == "provisional_arrest"
    d = deadlines(case)
    assert {k: (v["due"], v["status"]) for k, v in d.items()} == {
        "tap.6.1.consent": (str(today + timedelta(days=10)), "pending"),
        "ece.16.4.may_release": (str(today + timedelta(days=18)), "pending"),
        "ece.16.4.release": (str(today + timedelta(days=40)), "pending"),
    }
    assert all(set(v) >= {"name", "due", "rule"} for v in d.values())
    assert "art. 16(4)" in d["ece.16.4.release"]["rule"]
    assert case["next_deadline"]["key"] == "tap.6.1.consent"
    assert case["next_deadline"]["days_left"] == 10
    again = client.post(
        CASES,
        json={"direction": "inbound", "legal_basis": "ece", "hit_id": hit["id"]},
        headers=officer,
    )
    assert again.status_code == 409 and "already opened" in again.json()["error"]["message"]

    # The person opposes simplified extradition at the court appearance.
    stage(client, officer, cid, "court_appearance", today)
    case = stage(client, officer, cid, "opposition", today, note="refuses consent")
    assert deadlines(case)["tap.6.1.consent"]["status"] == "met"
    # The board: cases at this stage.
    listed = client.get(CASES, params={"stage": "opposition", "direction": "inbound"}, headers=duty)
    assert [c["id"] for c in listed.json()["items"]] == [cid]
    # Seen from day 19 with no formal request, the 18 days have passed.
    later = client.get(f"{CASES}/{cid}", params={"today": str(today + timedelta(19))}, headers=duty)
    assert deadlines(later.json())["ece.16.4.may_release"]["status"] == "passed"
    assert later.json()["next_deadline"]["days_left"] == -1

    case = stage(client, officer, cid, "formal_request", today, documents=["DE MoJ 9410-E"])
    assert deadlines(case)["ece.16.4.release"]["status"] == "met"
    assert case["next_deadline"] is None
    stage(client, officer, cid, "hearing", today)
    stage(client, officer, cid, "executive_decision", today, note="extradition granted")
    case = stage(client, officer, cid, "surrender_date", today + timedelta(days=5))
    d = deadlines(case)
    assert d["ece.18.4.release"]["due"] == str(today + timedelta(days=35))
    assert case["next_deadline"]["key"] == "ece.18.4.may_release"

    # A legal reviewer reads but does not write.
    reviewer = headers(Role.LEGAL_REVIEWER)
    assert client.get(f"{CASES}/{cid}", headers=reviewer).status_code == 200
    r = client.post(
        f"{CASES}/{cid}/outcome",
        json={"outcome": "surrendered", "on": str(today)},
        headers=reviewer,
    )
    assert r.status_code == 403
    r = client.post(
        f"{CASES}/{cid}/outcome",
        json={"outcome": "surrendered", "on": str(today + timedelta(days=1))},
        headers=officer,
    )
    assert r.status_code == 422  # not in the future
    r = client.post(
        f"{CASES}/{cid}/outcome",
        json={"outcome": "surrendered", "on": str(today), "documents": ["Surrender act 3/24"]},
        headers=officer,
    )
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["outcome"] == "surrendered" and done["current_stage"] == "surrender"
    assert done["next_deadline"] is None
    assert {v["status"] for v in done["deadlines"]} == {"met"}
    r = client.post(
        f"{CASES}/{cid}/stages", json={"stage": "appeal", "on": str(today)}, headers=officer
    )
    assert r.status_code == 409

    stats = client.get(f"{CASES}/statistics", headers=headers(Role.ANALYST)).json()
    inbound = next(y for y in stats["years"] if y["direction"] == "inbound")
    assert inbound == {
        "year": today.year,
        "direction": "inbound",
        "opened": 1,
        "closed": 1,
        "outcomes": {"surrendered": 1},
        "median_days": 0.0,
        "median_days_surrendered": 0.0,
    }
    assert client.get(f"{CASES}/due-soon", headers=duty).json() == []


def test_no_formal_request_the_release_deadline_passes(
    client: TestClient, headers: Headers
) -> None:
    today = datetime.now(UTC).date()
    nid, _ = published_notice(client, headers)
    officer = headers(Role.CASE_OFFICER)
    arrest = today - timedelta(days=45)
    r = client.post(
        CASES,
        json={
            "direction": "inbound",
            "legal_basis": "ece",
            "notice_id": nid,
            "requesting_state": "DE",
            "stages": [{"stage": "provisional_arrest", "on": str(arrest)}],
        },
        headers=officer,
    )
    assert r.status_code == 201, r.text
    case = r.json()
    release = deadlines(case)["ece.16.4.release"]
    assert release["status"] == "passed" and release["days_left"] == -5
    assert release["due"] == str(arrest + timedelta(days=40))
    assert case["next_deadline"]["status"] == "passed"

    alerts = client.get(f"{CASES}/due-soon", params={"days": 7}, headers=officer).json()
    assert [(a["case_id"], a["deadline"]["key"]) for a in alerts] == [
        (case["id"], "tap.6.1.consent"),
        (case["id"], "ece.16.4.may_release"),
        (case["id"], "ece.16.4.release"),
    ]
    assert all(a["deadline"]["days_left"] < 0 for a in alerts)

    r = client.post(
        f"{CASES}/{case['id']}/outcome",
        json={"outcome": "released", "on": str(today), "reason": "no formal request in 40 days"},
        headers=officer,
    )
    assert r.status_code == 200
    closed = r.json()
    # Closed after the limit: the record keeps that it passed.
    assert deadlines(closed)["ece.16.4.release"]["status"] == "passed"
    assert closed["next_deadline"] is None
    assert client.get(f"{CASES}/due-soon", headers=officer).json() == []


def test_an_outbound_case_refused_with_its_reason(client: TestClient, headers: Headers) -> None:
    today = datetime.now(UTC).date()
    officer = headers(Role.CASE_OFFICER)
    body = {
        "direction": "outbound",
        "legal_basis": "reciprocity",
        "person_name": "Ivan PETROV",
        "requested_state": "AE",
        "warrant_reference": "Basmanny District Court 3/10-44/2024",
        "offence": "Fraud on a large scale",
        "stages": [{"stage": "formal_request", "on": str(today)}],
    }
    r = client.post(CASES, json=body, headers=officer)
    assert r.status_code == 201, r.text
    case = r.json()
    assert case["requesting_state"] == "RU" and case["deadlines"] == []
    r = client.post(
        f"{CASES}/{case['id']}/outcome",
        json={"outcome": "refused", "on": str(today)},
        headers=officer,
    )
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "reason"
    r = client.post(
        f"{CASES}/{case['id']}/outcome",
        json={"outcome": "refused", "on": str(today), "reason": "national of the requested state"},
        headers=officer,
    )
    assert r.status_code == 200 and r.json()["outcome_reason"] == "national of the requested state"
    out = client.get(CASES, params={"direction": "outbound", "open": "false"}, headers=officer)
    assert [c["id"] for c in out.json()["items"]] == [case["id"]]
    assert client.get(CASES, params={"open": "true"}, headers=officer).json()["total"] == 0


def test_bad_cases_are_refused_with_every_field_named(client: TestClient, headers: Headers) -> None:
    officer = headers(Role.CASE_OFFICER)
    r = client.post(
        CASES,
        json={"direction": "inbound", "legal_basis": "hague-1899", "requesting_state": "RU"},
        headers=officer,
    )
    assert r.status_code == 422
    fields = {d["field"] for d in r.json()["error"]["details"]}
    assert fields == {"person_name", "legal_basis", "warrant_reference", "requested_state"}
    future = str(datetime.now(UTC).date() + timedelta(days=3))
    r = client.post(
        CASES,
        json={
            "direction": "outbound",
            "legal_basis": "ece",
            "person_name": "A",
            "requested_state": "DE",
            "warrant_reference": "W-1",
            "stages": [{"stage": "provisional_arrest", "on": future}],
        },
        headers=officer,
    )
    assert r.status_code == 422
    r = client.post(
        CASES,
        json={
            "direction": "outbound",
            "legal_basis": "ece",
            "person_name": "A",
            "requested_state": "DE",
            "warrant_reference": "W-1",
            "stages": [{"stage": "provisional_arrest", "at": "2024-02-28T22:30:00"}],
        },
        headers=officer,
    )
    assert r.status_code == 422
    assert r.json()["error"]["details"][0]["field"] == "stages[0].at"
    assert client.get(CASES, headers=officer).json()["total"] == 0
    assert client.get(f"{CASES}/nope", headers=officer).status_code == 404


def test_the_rules_held_are_listed_with_their_sources(client: TestClient, headers: Headers) -> None:
    r = client.get("/api/v1/extradition-treaties", headers=headers(Role.LEGAL_REVIEWER))
    assert r.status_code == 200
    treaties = {t["id"]: t for t in r.json()}
    assert {"ece", "cis-minsk-1993", "cis-minsk-1993-protocol-1997", "reciprocity"} <= set(treaties)
    minsk = treaties["cis-minsk-1993"]["rules"][0]
    assert (minsk["months"], minsk["days"], minsk["starts"]) == (1, 0, "provisional_arrest")
    assert "art. 62(1)" in minsk["rule"]
