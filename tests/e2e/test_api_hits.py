"""A Red Notice from publication to a hit at the border, confirmed or discarded, via the API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from ncbdesk.domain.security import Role

Headers = Callable[..., dict[str, str]]

SUBJECT: dict[str, Any] = {
    "names": [{"full": "Руслан Алиев", "given": "Руслан", "family": "Алиев"}],
    "birth_dates": ["1979-03-04"],
    "nationalities": ["RU"],
    "sex": "male",
}
JUDICIAL: dict[str, Any] = {
    "offence": "Aggravated robbery",
    "facts": "On 3 May 2023 in Berlin the person robbed a jeweller's shop at gunpoint.",
    "legal_provisions": "Strafgesetzbuch § 250",
    "max_penalty_months": 180,
    "warrant_reference": "AG Berlin 351 Gs 12/24",
    "issuing_authority": "Amtsgericht Tiergarten, Berlin",
    "extradition_countries": ["RU", "TR"],
}
# The traveller as the border system reads the passport: Latin script, the
# day and month of birth swapped.
TRAVELLER: dict[str, Any] = {
    "id": "border-7781",
    "schema": "Person",
    "properties": {
        "name": ["ALIEV RUSLAN"],
        "birthDate": ["1979-04-03"],
        "nationality": ["ru"],
    },
}


def published_notice(
    client: TestClient,
    headers: Headers,
    type: str = "red",
    person: dict[str, Any] | None = None,
    bureau: str = "DE",
) -> tuple[str, str]:
    """A notice of `bureau` about a person it entered, published after review: (notice, person)."""
    de = headers(Role.CASE_OFFICER, bureau=bureau)
    r = client.post("/api/v1/persons", json=person or SUBJECT, headers=de)
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    body: dict[str, Any] = {
        "type": type,
        "title": f"{type.title()} Notice — ALIEV, Ruslan",
        "reference": f"2024/{type}-{pid[:6]}",
        "subject_ids": [pid],
    }
    if type == "red":
        body["judicial"] = JUDICIAL
    else:
        body["summary"] = "Missing since 2 May 2024, last seen at Berlin Hauptbahnhof."
    r = client.post("/api/v1/notices", json=body, headers=de)
    assert r.status_code == 201, r.text
    nid = r.json()["id"]
    assert client.post(f"/api/v1/notices/{nid}/submit", headers=de).status_code == 200
    r = client.post(
        f"/api/v1/notices/{nid}/decision",
        json={"decision": "publish", "reasons": "Ordinary crime; data complete."},
        headers=headers(Role.LEGAL_REVIEWER, bureau=bureau),  # the owner's reviewer
    )
    assert r.status_code == 200 and r.json()["status"] == "published", r.text
    return nid, pid


def border_hit(client: TestClient, headers: Headers, nid: str, pid: str) -> dict[str, Any]:
    """The border system matches the traveller, then reports the hit it found."""
    border = headers(Role.DUTY_OFFICER)
    r = client.post("/api/v1/match", json={"queries": {"q": TRAVELLER}}, headers=border)
    assert r.status_code == 200, r.text
    top = r.json()["responses"]["q"]["results"][0]
    assert top["id"] == pid and top["match"] is True
    assert [n["id"] for n in top["notices"]] == [nid]
    r = client.post(
        "/api/v1/hits",
        json={
            "query": TRAVELLER,
            "person_id": top["id"],
            "notice_id": top["notices"][0]["id"],
            "location": "Moscow Sheremetyevo, border crossing point 2",
        },
        headers=border,
    )
    assert r.status_code == 201, r.text
    assert r.headers["Location"] == f"/api/v1/hits/{r.json()['id']}"
    return dict(r.json())


def test_a_border_hit_shows_both_sides_and_confirming_notifies_the_owner(
    client: TestClient, headers: Headers
) -> None:
    nid, pid = published_notice(client, headers)
    hit = border_hit(client, headers, nid, pid)
    assert hit["status"] == "pending" and hit["source"] == "border"
    assert hit["person_id"] is None  # the traveller is not a person held here
    # Side by side: the query as the border sent it, the notice and its subject.
    assert hit["query"] == {
        "id": "border-7781",
        "held_here": False,
        "caption": "ALIEV RUSLAN",
        "properties": TRAVELLER["properties"],
    }
    assert hit["notice"]["id"] == nid and hit["notice"]["type"] == "red"
    assert hit["notice"]["owner_bureau"] == "DE"
    assert hit["notice"]["subject"]["id"] == pid
    assert hit["notice"]["subject"]["properties"]["name"] == ["Руслан Алиев"]
    # The engine's own score and reasons, not the client's.
    assert 0.5 < hit["score"] <= 1
    assert any("swapped" in r for r in hit["reasons"])
    assert hit["proposed_action"].startswith("Provisional arrest with a view to extradition")
    assert hit["notification"] is None

    duty = headers(Role.DUTY_OFFICER)
    queue = client.get("/api/v1/hits", params={"status": "pending"}, headers=duty).json()
    assert [h["id"] for h in queue["items"]] == [hit["id"]] and queue["total"] == 1

    # An analyst may read the queue but not decide.
    r = client.post(
        f"/api/v1/hits/{hit['id']}/confirm",
        json={"methods": ["fingerprints"]},
        headers=headers(Role.ANALYST),
    )
    assert r.status_code == 403
    # Confirming needs to say how.
    r = client.post(f"/api/v1/hits/{hit['id']}/confirm", json={"methods": []}, headers=duty)
    assert r.status_code == 422

    before = datetime.now(UTC)
    r = client.post(
        f"/api/v1/hits/{hit['id']}/confirm",
        json={"methods": ["document", "fingerprints"], "note": "Passport 72 1234567 checked."},
        headers=duty,
    )
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["status"] == "confirmed" and done["methods"] == ["document", "fingerprints"]
    assert done["decided_by"].startswith("u") and done["decided_at"]
    note = done["notification"]
    assert note["to_bureau"] == "DE" and note["status"] == "draft"
    assert note["proposed_action"] == done["proposed_action"]
    assert "Moscow Sheremetyevo" in note["body"] and "document, fingerprints" in note["body"]
    # The owner is told through the request registry: an urgent outgoing
    # wanted-person request to DE, due by the registry's rule for urgent ones
    # (12 hours by default), in the confirming officer's hands with a draft.
    request = client.get(f"/api/v1/requests/{note['request_id']}", headers=duty)
    assert request.status_code == 200, request.text
    req = request.json()
    assert (req["direction"], req["type"], req["priority"]) == (
        "outgoing",
        "wanted_search",
        "urgent",
    )
    assert req["counterpart_country"] == "DE" and req["channel"] == "i247"
    assert req["assignee"] == done["decided_by"] and req["status"] == "assigned"
    assert set(req["person_ids"]) == {pid} and req["notice_ids"] == [nid]
    assert req["reference"] == hit["notice"]["reference"]
    due = datetime.fromisoformat(req["due_at"])
    assert before + timedelta(hours=12) <= due <= datetime.now(UTC) + timedelta(hours=12)
    assert datetime.fromisoformat(note["due_at"]) == due
    body_lines = req["body"].splitlines()
    assert body_lines[1].startswith("Who: ALIEV RUSLAN; born 1979-04-03; nationality ru")
    assert body_lines[2] == "Where: Moscow Sheremetyevo, border crossing point 2."
    assert body_lines[4] == "How confirmed: document, fingerprints. Passport 72 1234567 checked."
    assert body_lines[5] == "Proposed action: " + done["proposed_action"]
    assert "[To complete before sending" in req["body"]

    # Decided once: a second decision is refused and changes nothing.
    r = client.post(
        f"/api/v1/hits/{hit['id']}/discard", json={"reason": "changed my mind"}, headers=duty
    )
    assert r.status_code == 409
    again = client.get(f"/api/v1/hits/{hit['id']}", headers=duty).json()
    assert again["status"] == "confirmed" and again["notification"]["id"] == note["id"]
    assert (
        client.get("/api/v1/hits", params={"status": "pending"}, headers=duty).json()["total"] == 0
    )

    # The audit trail has the raise, the confirmation and the notification's addressee.
    audit = client.get(
        "/api/v1/audit", params={"object_id": hit["id"]}, headers=headers(Role.SUPERVISOR)
    )
    assert audit.status_code == 200, audit.text
    entries = {e["action"]: e for e in audit.json()["items"]}
    # The border's match raised the hit from its alert; its report then completed it.
    assert {"hit.raise", "hit.report", "hit.confirm", "hit.read"} <= set(entries)
    assert entries["hit.raise"]["details"]["source"] == "api"
    assert entries["hit.confirm"]["details"]["notify"] == "DE"
    assert entries["hit.confirm"]["details"]["request"] == note["request_id"]
    assert entries["hit.report"]["details"]["location"].startswith("Moscow Sheremetyevo")


def test_a_discarded_hit_keeps_its_reason_and_tells_no_one(
    client: TestClient, headers: Headers
) -> None:
    nid, pid = published_notice(client, headers)
    hit = border_hit(client, headers, nid, pid)
    duty = headers(Role.DUTY_OFFICER)
    r = client.post(f"/api/v1/hits/{hit['id']}/discard", json={"reason": "  "}, headers=duty)
    assert r.status_code == 422
    assert {d["field"] for d in r.json()["error"]["details"]} == {"reason"}
    r = client.post(
        f"/api/v1/hits/{hit['id']}/discard",
        json={"reason": "Different person: born 1981, fingerprints do not match."},
        headers=duty,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "discarded" and body["notification"] is None
    assert body["discard_reason"].startswith("Different person")
    listed = client.get("/api/v1/hits", params={"status": "discarded"}, headers=duty).json()
    assert [h["id"] for h in listed["items"]] == [hit["id"]]
    # A discarded hit opens no extradition case.
    r = client.post(
        "/api/v1/extradition-cases",
        json={"direction": "inbound", "legal_basis": "ece", "hit_id": hit["id"]},
        headers=headers(Role.CASE_OFFICER),
    )
    assert r.status_code == 409 and "confirmed hit" in r.json()["error"]["message"]


def test_hits_from_publication_share_the_queue(client: TestClient, headers: Headers) -> None:
    # A person already held here (entered by RU) who is the subject of DE's new notice.
    ru = headers(Role.CASE_OFFICER)
    held = client.post("/api/v1/persons", json=SUBJECT, headers=ru)
    assert held.status_code == 201
    nid, pid = published_notice(client, headers)
    duty = headers(Role.DUTY_OFFICER)
    queue = client.get("/api/v1/hits", params={"notice_id": nid}, headers=duty).json()
    assert queue["total"] == 1
    item = queue["items"][0]
    assert item["source"] == "publish" and item["person_id"] == held.json()["id"]
    detail = client.get(f"/api/v1/hits/{item['id']}", headers=duty).json()
    assert detail["query"]["held_here"] is True and detail["query"]["id"] == held.json()["id"]
    assert detail["notice"]["subject"]["id"] == pid
    # The notice page's list of possible hits is the same data.
    old = client.get(f"/api/v1/notices/{nid}/possible-hits", headers=duty).json()
    assert [h["id"] for h in old] == [item["id"]]
    r = client.post(f"/api/v1/hits/{item['id']}/confirm", json={"methods": ["photo"]}, headers=duty)
    assert r.status_code == 200 and r.json()["notification"]["to_bureau"] == "DE"


def test_hits_are_refused_on_notices_that_ask_for_nothing(
    client: TestClient, headers: Headers
) -> None:
    nid, pid = published_notice(client, headers)
    duty = headers(Role.DUTY_OFFICER)
    base = {"query": TRAVELLER, "person_id": pid, "notice_id": nid}
    r = client.post("/api/v1/hits", json={**base, "notice_id": "nope"}, headers=duty)
    assert r.status_code == 404
    r = client.post("/api/v1/hits", json={**base, "person_id": "someone"}, headers=duty)
    assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "person_id"
    bad = {**TRAVELLER, "properties": {"birthDate": ["yesterday"]}}
    r = client.post("/api/v1/hits", json={**base, "query": bad}, headers=duty)
    assert r.status_code == 422
    assert all(d["field"].startswith("query.") for d in r.json()["error"]["details"])
    r = client.post("/api/v1/hits", json={**base, "source": "publish"}, headers=duty)
    assert r.status_code == 422
    # The notice is cancelled (person arrested elsewhere): no new hits on it.
    r = client.post(
        f"/api/v1/notices/{nid}/cancel",
        json={"reason": "arrested"},
        headers=headers(Role.CASE_OFFICER, bureau="DE"),
    )
    assert r.status_code == 200
    r = client.post("/api/v1/hits", json=base, headers=duty)
    assert r.status_code == 409
    # An administrator runs the system, not the desk.
    assert client.get("/api/v1/hits", headers=headers(Role.ADMINISTRATOR)).status_code == 403


def test_each_notice_type_proposes_its_action(client: TestClient, headers: Headers) -> None:
    nid, pid = published_notice(client, headers, type="yellow")
    duty = headers(Role.DUTY_OFFICER)
    r = client.post(
        "/api/v1/hits",
        json={"query": TRAVELLER, "person_id": pid, "notice_id": nid},
        headers=duty,
    )
    assert r.status_code == 201, r.text
    assert r.json()["proposed_action"].startswith("Inform the owner where the person is")
