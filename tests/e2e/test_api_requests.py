"""The request registry through the API: intake, lifecycle, attachments, search, statistics."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from ncbdesk.domain.security import Role

Headers = Callable[..., dict[str, str]]

REQUEST: dict[str, Any] = {
    "direction": "incoming",
    "channel": "i247",
    "type": "identity_check",
    "subject": "Установление личности: Беридзе Гиви",
    "body": "Просим проверить по учётам.",
    "counterpart_country": "GE",
    "priority": "urgent",
    "received_at": "2026-03-01T21:30:00Z",
}


def me(client: TestClient, h: dict[str, str]) -> str:
    name: str = client.get("/api/v1/me", headers=h).json()["username"]
    return name


def fields(r: Any) -> set[str]:
    return {d["field"] for d in r.json()["error"]["details"]}


def test_register_read_and_the_deadline_in_the_bureaus_zone(
    client: TestClient, headers: Headers
) -> None:
    duty = headers(Role.DUTY_OFFICER)
    r = client.post("/api/v1/requests", json=REQUEST, headers=duty)
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["location"] == f"/api/v1/requests/{body['id']}"
    assert body["status"] == "registered" and body["owner_bureau"] == "RU"
    # Urgent: 12 hours, stored in UTC across midnight; shown in the bureau's zone (UTC here).
    assert datetime.fromisoformat(body["due_at"]) == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    assert body["due_local"] == "2026-03-02 09:30 UTC"
    got = client.get(f"/api/v1/requests/{body['id']}", headers=duty).json()
    assert got["subject"] == REQUEST["subject"] and got["history"][0]["status"] == "registered"
    assert got["possible_hits"] == [] and got["messages"] == []


def test_validation_and_permissions(client: TestClient, headers: Headers) -> None:
    duty, analyst = headers(Role.DUTY_OFFICER), headers(Role.ANALYST)
    bad = client.post(
        "/api/v1/requests",
        json=REQUEST | {"counterpart_country": "XX", "subject": " "},
        headers=duty,
    )
    assert bad.status_code == 422 and {"subject", "counterpart_country"} <= fields(bad)
    naive = client.post(
        "/api/v1/requests", json=REQUEST | {"received_at": "2026-03-01T21:30:00"}, headers=duty
    )
    assert naive.status_code == 422
    assert client.post("/api/v1/requests", json=REQUEST, headers=analyst).status_code == 403
    assert client.get("/api/v1/requests", headers=analyst).status_code == 200
    assert client.get("/api/v1/requests").status_code == 401
    assert client.get("/api/v1/requests/" + "0" * 32, headers=duty).status_code == 404


def test_lifecycle_through_the_api(client: TestClient, headers: Headers) -> None:
    duty, boss = headers(Role.DUTY_OFFICER), headers(Role.SUPERVISOR)
    officer = me(client, duty)
    rid = client.post("/api/v1/requests", json=REQUEST, headers=duty).json()["id"]
    assert client.post(
        f"/api/v1/requests/{rid}/assign", json={"assignee": me(client, boss)}, headers=duty
    ).status_code == 403  # fmt: skip
    r = client.post(
        f"/api/v1/requests/{rid}/assign", json={"assignee": officer, "version": 1}, headers=boss
    )
    assert r.status_code == 200 and r.json()["assignee"] == officer
    queue = client.get("/api/v1/requests/queue", headers=duty).json()
    assert [x["id"] for x in queue["items"]] == [rid]
    for status in ("in_progress", "awaiting_reply"):
        r = client.post(f"/api/v1/requests/{rid}/status", json={"status": status}, headers=duty)
        assert r.status_code == 200 and r.json()["status"] == status
    m = client.post(
        f"/api/v1/requests/{rid}/messages",
        json={"direction": "incoming", "author": "NCB Tbilisi", "body": "Ответ: данных нет."},
        headers=duty,
    )
    assert m.status_code == 201
    r = client.get(f"/api/v1/requests/{rid}", headers=duty).json()
    assert r["status"] == "in_progress" and r["messages"][0]["author"] == "NCB Tbilisi"
    wrong = client.post(f"/api/v1/requests/{rid}/status", json={"status": "reopened"}, headers=duty)
    assert wrong.status_code == 409 and wrong.json()["error"]["code"] == "invalid_transition"
    stale = client.post(
        f"/api/v1/requests/{rid}/status", json={"status": "answered", "version": 1}, headers=duty
    )
    assert stale.status_code == 409
    for status in ("answered", "closed"):
        r = client.post(f"/api/v1/requests/{rid}/status", json={"status": status}, headers=duty)
        assert r.status_code == 200
    assert client.get("/api/v1/requests/queue", headers=duty).json()["items"] == []
    overdue = client.get("/api/v1/requests/overdue", headers=boss)
    assert overdue.status_code == 200
    assert client.get("/api/v1/requests/overdue", headers=duty).status_code == 403
    own = client.get("/api/v1/requests/overdue", params={"assignee": officer}, headers=duty)
    assert own.status_code == 200


def test_overdue_listed_and_escalated(client: TestClient, headers: Headers) -> None:
    duty, boss = headers(Role.DUTY_OFFICER), headers(Role.SUPERVISOR)
    rid = client.post("/api/v1/requests", json=REQUEST, headers=duty).json()["id"]
    listed = client.get("/api/v1/requests", params={"overdue": "true"}, headers=duty).json()
    assert [x["id"] for x in listed["items"]] == [rid] and listed["items"][0]["overdue"]
    assert client.post("/api/v1/requests/escalate", headers=duty).status_code == 403
    done = client.post("/api/v1/requests/escalate", headers=boss).json()
    assert done == {"escalated": 1, "ids": [rid]}
    got = client.get(f"/api/v1/requests/{rid}", headers=duty).json()
    assert got["escalated_at"] is not None


def test_attachment_upload_and_download(client: TestClient, headers: Headers) -> None:
    duty = headers(Role.DUTY_OFFICER)
    rid = client.post("/api/v1/requests", json=REQUEST, headers=duty).json()["id"]
    up = client.post(
        f"/api/v1/requests/{rid}/attachments",
        files={"file": ("../../etc/passwd", b"%PDF-1.4 a scanned letter", "text/plain")},
        headers=duty,
    )
    assert up.status_code == 201, up.text
    att = up.json()
    assert att["file_name"] == "passwd" and att["content_type"] == "application/pdf"
    down = client.get(f"/api/v1/requests/{rid}/attachments/{att['id']}", headers=duty)
    assert down.status_code == 200 and down.content == b"%PDF-1.4 a scanned letter"
    assert down.headers["content-disposition"] == "attachment; filename*=UTF-8''passwd"
    assert down.headers["content-type"] == "application/pdf"
    exe = client.post(
        f"/api/v1/requests/{rid}/attachments",
        files={"file": ("letter.pdf", b"MZ\x90\x00\x03", "application/pdf")},
        headers=duty,
    )
    assert exe.status_code == 422
    assert client.get(f"/api/v1/requests/{rid}/attachments/nope", headers=duty).status_code == 404
    listed = client.get(f"/api/v1/requests/{rid}", headers=duty).json()["attachments"]
    assert [a["id"] for a in listed] == [att["id"]]


def test_search_and_filters(client: TestClient, headers: Headers) -> None:
    duty = headers(Role.DUTY_OFFICER)
    a = client.post("/api/v1/requests", json=REQUEST, headers=duty).json()["id"]
    b = client.post(
        "/api/v1/requests",
        json=REQUEST
        | {
            "direction": "outgoing",
            "type": "wanted_search",
            "subject": "Wanted person search: Beridze Givi",
            "counterpart_country": "TR",
            "received_at": "2026-04-10T10:00:00Z",
        },
        headers=duty,
    ).json()["id"]

    def ids(**params: Any) -> list[str]:
        r = client.get("/api/v1/requests", params=params, headers=duty)
        assert r.status_code == 200, r.text
        return [x["id"] for x in r.json()["items"]]

    # Either script finds both spellings, newest first.
    assert ids(q="беридзе") == [b, a]
    assert ids(q="beridze") == [b, a]
    assert ids(q="beridze", direction="incoming") == [a]
    assert ids(direction="outgoing") == [b]
    assert ids(country="GE") == [a]
    assert ids(type="wanted_search") == [b]
    assert ids(received_from="2026-04-01T00:00:00Z") == [b]
    assert ids(received_to="2026-04-01T00:00:00Z") == [a]
    assert ids(status="registered") == [b, a]  # newest first


def test_routing_rules_crud(client: TestClient, headers: Headers) -> None:
    boss, duty = headers(Role.SUPERVISOR), headers(Role.DUTY_OFFICER)
    rule = {"name": "Georgia", "priority": 5, "country": "GE", "queue": "caucasus"}
    assert client.post("/api/v1/routing-rules", json=rule, headers=duty).status_code == 403
    made = client.post("/api/v1/routing-rules", json=rule, headers=boss)
    assert made.status_code == 201
    rid = made.json()["id"]
    routed = client.post("/api/v1/requests", json=REQUEST, headers=duty).json()
    assert routed["queue"] == "caucasus"
    changed = client.put(
        f"/api/v1/routing-rules/{rid}", json=rule | {"queue": "ge", "version": 1}, headers=boss
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert [r["queue"] for r in client.get("/api/v1/routing-rules", headers=duty).json()] == ["ge"]
    bad = client.post("/api/v1/routing-rules", json={"name": "x"}, headers=boss)
    assert bad.status_code == 422 and "queue" in fields(bad)
    assert client.delete(f"/api/v1/routing-rules/{rid}", headers=boss).status_code == 204
    assert client.get(f"/api/v1/routing-rules/{rid}", headers=boss).status_code == 404


def test_statistics_json_and_csv(client: TestClient, headers: Headers) -> None:
    duty, analyst = headers(Role.DUTY_OFFICER), headers(Role.ANALYST)
    rid = client.post("/api/v1/requests", json=REQUEST, headers=duty).json()["id"]
    client.post("/api/v1/requests", json=REQUEST | {"direction": "outgoing"}, headers=duty)
    me_ = me(client, duty)
    client.post(f"/api/v1/requests/{rid}/assign", json={"assignee": me_}, headers=duty)
    for status in ("in_progress", "answered"):
        client.post(f"/api/v1/requests/{rid}/status", json={"status": status}, headers=duty)
    s = client.get("/api/v1/statistics", params={"year": 2026}, headers=analyst)
    assert s.status_code == 200
    stats = s.json()
    assert stats["by_month_direction"] == [
        {"month": 3, "key": "incoming", "count": 1},
        {"month": 3, "key": "outgoing", "count": 1},
    ]
    assert stats["by_country"] == [{"key": "GE", "count": 2}]
    assert stats["annual"]["requests_received"] == 2 and stats["annual"]["answered"] == 1
    # Answered now, long after the 12-hour deadline of 2 March.
    assert stats["share_answered_in_time"] == 0.0
    assert stats["median_handling_hours"] is not None
    c = client.get("/api/v1/statistics.csv", params={"year": 2026}, headers=analyst)
    assert c.status_code == 200 and c.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(c.text)))
    assert rows[0] == ["section", "month", "key", "value"]
    assert ["requests_by_country", "2026-03", "GE", "2"] in rows
    assert ["annual", "", "requests_received", "2"] in rows
    empty = client.get("/api/v1/statistics", params={"year": 2019}, headers=analyst).json()
    assert empty["annual"]["requests_received"] == 0 and empty["median_handling_hours"] is None
