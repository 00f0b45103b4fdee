"""A notice's whole life through the API, with the refusals each step must give."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi.testclient import TestClient

from ncbdesk.domain.notices import add_months, add_years
from ncbdesk.domain.security import Role

Headers = Callable[..., dict[str, str]]

PERSON: dict[str, Any] = {
    "names": [{"full": "Руслан Алиев", "given": "Руслан", "family": "Алиев"}],
    "birth_dates": ["1979-03-14"],
    "nationalities": ["RU"],
    "sex": "male",
}
JUDICIAL: dict[str, Any] = {
    "offence": "Murder committed by a group",
    "facts": "On 3 May 2023 in Makhachkala the person shot two men during a robbery.",
    "legal_provisions": "Criminal Code of the Russian Federation, art. 105 part 2",
    "max_penalty_months": 240,
    "warrant_reference": "3/12-88/2023",
    "issuing_authority": "Leninsky District Court of Makhachkala",
    "extradition_countries": ["TR", "AE"],
}


def fields(r: Any) -> set[str]:
    return {d["field"] for d in r.json()["error"]["details"]}


def draft(client: TestClient, h: dict[str, str], **changes: Any) -> dict[str, Any]:
    pid = client.post("/api/v1/persons", json=PERSON, headers=h).json()["id"]
    body = {"type": "red", "title": "Red Notice — ALIEV, Ruslan", "subject_ids": [pid]}
    body["judicial"] = JUDICIAL
    body.update(changes)
    r = client.post("/api/v1/notices", json=body, headers=h)
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_red_notice_from_draft_to_published_to_cancelled(
    client: TestClient, headers: Headers
) -> None:
    officer, reviewer = headers(Role.CASE_OFFICER), headers(Role.LEGAL_REVIEWER)
    notice = draft(client, officer)
    nid = notice["id"]

    r = client.post(f"/api/v1/notices/{nid}/submit", headers=officer)
    assert r.status_code == 200, r.text
    submitted = r.json()
    assert submitted["status"] == "in_review"
    assert submitted["assessment"]["risk"] == "low" and submitted["needs_legal_review"] is True

    # A Red Notice never goes out without a recorded review.
    r = client.post(f"/api/v1/notices/{nid}/publish", headers=officer)
    assert r.status_code == 409 and "recorded legal review" in r.json()["error"]["message"]
    # The officer cannot review; the reviewer must give reasons.
    r = client.post(
        f"/api/v1/notices/{nid}/decision",
        json={"decision": "publish", "reasons": "ok"},
        headers=officer,
    )
    assert r.status_code == 403
    r = client.post(
        f"/api/v1/notices/{nid}/decision",
        json={"decision": "publish", "reasons": "  "},
        headers=reviewer,
    )
    assert r.status_code == 422 and fields(r) == {"reasons"}

    r = client.post(
        f"/api/v1/notices/{nid}/decision",
        json={"decision": "publish", "reasons": "Ordinary crime; data complete."},
        headers=reviewer,
    )
    assert r.status_code == 200
    published = r.json()
    assert published["status"] == "published"
    assert published["published_on"] == date.today().isoformat()
    assert published["valid_until"] == add_years(date.today(), 5).isoformat()
    assert published["review_due_on"] == add_months(add_years(date.today(), 5), -6).isoformat()
    assert published["reviews"][0]["reasons"] == "Ordinary crime; data complete."
    assert [h["status"] for h in published["history"]] == ["submitted", "in_review", "published"]

    # Published notices are not edited, and renewal waits for the review window.
    assert (
        client.put(
            f"/api/v1/notices/{nid}", json={"type": "red", "title": "x"}, headers=officer
        ).status_code
        == 409
    )
    r = client.post(
        f"/api/v1/notices/{nid}/renew", json={"reasons": "still wanted"}, headers=officer
    )
    assert r.status_code == 409 and "six months before expiry" in r.json()["error"]["message"]

    r = client.post(
        f"/api/v1/notices/{nid}/cancel",
        json={"reason": "arrested", "details": "arrested in Istanbul"},
        headers=officer,
    )
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert r.json()["history"][-1]["reason"] == "arrested: arrested in Istanbul"


def test_missing_minimum_data_is_named_and_nothing_changes(
    client: TestClient, headers: Headers
) -> None:
    officer = headers(Role.CASE_OFFICER)
    thin = {
        **JUDICIAL,
        "max_penalty_months": 12,
        "warrant_reference": "",
        "extradition_countries": [],
    }
    nid = draft(client, officer, judicial=thin)["id"]
    r = client.post(f"/api/v1/notices/{nid}/submit", headers=officer)
    assert r.status_code == 422
    assert fields(r) == {
        "judicial.max_penalty_months",
        "judicial.warrant_reference",
        "judicial.extradition_countries",
    }
    assert client.get(f"/api/v1/notices/{nid}", headers=officer).json()["status"] == "draft"


def test_political_request_is_flagged_and_refused_by_the_reviewer(
    client: TestClient, headers: Headers
) -> None:
    officer, reviewer = headers(Role.CASE_OFFICER), headers(Role.LEGAL_REVIEWER)
    political = {
        **JUDICIAL,
        "offence": "Public insult of a representative of authority",
        "legal_provisions": "Criminal Code of the Russian Federation, art. 319",
        "facts": "Called the governor a thief in a blog post.",
    }
    nid = draft(client, officer, judicial=political, context={"person_status": "journalist"})["id"]
    submitted = client.post(f"/api/v1/notices/{nid}/submit", headers=officer).json()
    assert submitted["assessment"]["risk"] == "high"
    assert submitted["assessment"]["reasons"]
    r = client.post(
        f"/api/v1/notices/{nid}/decision",
        json={"decision": "refuse", "reasons": "Pure political offence (Art. 3)."},
        headers=reviewer,
    )
    assert r.json()["status"] == "refused"


def test_low_risk_blue_notice_needs_no_legal_review(client: TestClient, headers: Headers) -> None:
    officer = headers(Role.CASE_OFFICER)
    nid = draft(
        client,
        officer,
        type="blue",
        judicial={"offence": "Armed robbery of a jewellery shop", "facts": "robbed a shop"},
        summary="Identity and location sought: suspected of armed robbery of a jewellery shop.",
    )["id"]
    submitted = client.post(f"/api/v1/notices/{nid}/submit", headers=officer).json()
    if submitted["needs_legal_review"]:
        # The assessment flagged it: then the officer may not publish alone.
        assert client.post(f"/api/v1/notices/{nid}/publish", headers=officer).status_code == 409
        return
    r = client.post(f"/api/v1/notices/{nid}/publish", headers=officer)
    assert r.status_code == 200 and r.json()["status"] == "published"


def test_another_bureau_cannot_touch_the_notice(client: TestClient, headers: Headers) -> None:
    ours, theirs = headers(Role.CASE_OFFICER), headers(Role.CASE_OFFICER, bureau="DE")
    nid = draft(client, ours)["id"]
    for path, body in [
        (f"/api/v1/notices/{nid}/submit", None),
        (f"/api/v1/notices/{nid}/cancel", {"reason": "other"}),
    ]:
        assert client.post(path, json=body, headers=theirs).status_code == 403
    assert (
        client.put(
            f"/api/v1/notices/{nid}", json={"type": "red", "title": "x"}, headers=theirs
        ).status_code
        == 403
    )
    assert client.delete(f"/api/v1/notices/{nid}", headers=theirs).status_code == 403
    assert client.get(f"/api/v1/notices/{nid}", headers=ours).json()["status"] == "draft"


def test_publication_screens_the_subject_against_persons_held(
    client: TestClient, headers: Headers
) -> None:
    officer, reviewer = headers(Role.CASE_OFFICER), headers(Role.LEGAL_REVIEWER)
    # The same man, recorded earlier by a border post in Latin script.
    seen = {
        "names": [{"full": "ALIEV Ruslan"}],
        "birth_dates": ["1979-03-14"],
        "nationalities": ["RU"],
    }
    seen_id = client.post("/api/v1/persons", json=seen, headers=officer).json()["id"]
    stranger = {"names": [{"full": "Hans Müller"}], "birth_dates": ["1960"]}
    client.post("/api/v1/persons", json=stranger, headers=officer)
    notice = draft(client, officer)
    nid = notice["id"]
    assert client.post(f"/api/v1/notices/{nid}/submit", headers=officer).status_code == 200
    r = client.post(
        f"/api/v1/notices/{nid}/decision",
        json={"decision": "publish", "reasons": "complete"},
        headers=reviewer,
    )
    assert r.status_code == 200
    hits = client.get(f"/api/v1/notices/{nid}/possible-hits", headers=officer).json()
    assert [h["person_id"] for h in hits] == [seen_id]
    assert hits[0]["status"] == "pending" and hits[0]["reasons"]
    assert notice["subject_ids"][0] not in [h["person_id"] for h in hits]


def test_refused_notice_is_reworked_and_resubmitted(client: TestClient, headers: Headers) -> None:
    officer, reviewer = headers(Role.CASE_OFFICER), headers(Role.LEGAL_REVIEWER)
    foreign_reviewer = headers(Role.LEGAL_REVIEWER, bureau="DE")
    nid = draft(client, officer)["id"]
    client.post(f"/api/v1/notices/{nid}/submit", headers=officer)
    r = client.post(
        f"/api/v1/notices/{nid}/decision",
        json={"decision": "publish", "reasons": "not ours to decide"},
        headers=foreign_reviewer,
    )
    assert r.status_code == 403
    r = client.post(
        f"/api/v1/notices/{nid}/decision",
        json={"decision": "refuse", "reasons": "Facts too thin."},
        headers=reviewer,
    )
    assert r.json()["status"] == "refused"
    body = {
        "type": "red",
        "title": "Red Notice — ALIEV, Ruslan",
        "subject_ids": r.json()["subject_ids"],
        "judicial": {**JUDICIAL, "facts": JUDICIAL["facts"] + " Two witnesses named him."},
        "version": r.json()["version"],
    }
    assert client.put(f"/api/v1/notices/{nid}", json=body, headers=officer).status_code == 200
    again = client.post(f"/api/v1/notices/{nid}/submit", headers=officer).json()
    assert again["status"] == "in_review"
    assert [h["status"] for h in again["history"]][-3:] == ["draft", "submitted", "in_review"]
    assert again["reviews"][0]["decision"] == "refuse"  # the refusal stays on record
