"""Forwarding, the owner's permission and the CSV export through the API."""

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
    "type": "information",
    "subject": "Information request: BERIDZE Givi",
    "body": "Please tell us where he lives.",
    "counterpart_country": "GE",
    "reference": "GE-44/2026",
    "received_at": "2026-03-01T21:30:00Z",
}


def register(client: TestClient, h: dict[str, str], **kw: Any) -> dict[str, Any]:
    r = client.post("/api/v1/requests", json=REQUEST | kw, headers=h)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def test_forward_is_refused_under_h1_until_the_permission_is_recorded(
    client: TestClient, headers: Headers
) -> None:
    duty = headers(Role.DUTY_OFFICER)
    original = register(client, duty, handling_codes=["H1"])
    state = client.get(f"/api/v1/requests/{original['id']}/forwarding", headers=duty).json()
    assert state["may_forward"] is False and "owned by GE" in state["refusal"]
    assert state["request"]["information_owner"] == "GE"
    assert state["request"]["owner_bureau"] == "RU" and state["forwards"] == []

    refused = client.post(
        f"/api/v1/requests/{original['id']}/forward", json={"to_country": "DE"}, headers=duty
    )
    assert refused.status_code == 403
    message = refused.json()["error"]["message"]
    assert "H1 — not to be forwarded without the owner's permission" in message
    listed = client.get("/api/v1/requests", headers=duty).json()
    assert listed["total"] == 1  # nothing was written

    bad = client.post(
        f"/api/v1/requests/{original['id']}/forward-permission",
        json={"received_on": "2999-01-01", "reference": ""},
        headers=duty,
    )
    assert bad.status_code == 422
    assert {d["field"] for d in bad.json()["error"]["details"]} == {"received_on", "reference"}
    today = datetime.now(UTC).date().isoformat()
    ok = client.post(
        f"/api/v1/requests/{original['id']}/forward-permission",
        json={"received_on": today, "reference": "GE-44/2026-P", "version": original["version"]},
        headers=duty,
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["forward_permission"]["reference"] == "GE-44/2026-P"

    done = client.post(
        f"/api/v1/requests/{original['id']}/forward",
        json={"to_country": "de", "note": "Known at your address?"},
        headers=duty,
    )
    assert done.status_code == 201, done.text
    copy = done.json()
    assert done.headers["location"] == f"/api/v1/requests/{copy['id']}"
    assert copy["counterpart_country"] == "DE" and copy["direction"] == "outgoing"
    assert copy["forwarded_from"] == original["id"] and copy["handling_codes"] == ["H1"]
    assert copy["information_owner"] == "GE" and copy["forward_permission"] is None
    full = client.get(f"/api/v1/requests/{copy['id']}", headers=duty).json()
    assert full["body"].startswith("Known at your address?\n\n--- Forwarded request GE-44/2026")
    # The request itself says whose codes bind and where it came from.
    assert (full["information_owner"], full["forwarded_from"]) == ("GE", original["id"])
    assert full["forward_permission_received"] is False
    got = client.get(f"/api/v1/requests/{original['id']}", headers=duty).json()
    assert got["information_owner"] == "GE" and got["forward_permission_received"] is True
    state = client.get(f"/api/v1/requests/{original['id']}/forwarding", headers=duty).json()
    assert state["may_forward"] is True and [f["id"] for f in state["forwards"]] == [copy["id"]]
    thread = client.get(f"/api/v1/requests/{original['id']}", headers=duty).json()["messages"]
    assert thread[-1]["subject"] == "Forwarded to bureau DE"


def test_forward_validation_roles_and_the_owning_bureau(
    client: TestClient, headers: Headers
) -> None:
    duty = headers(Role.DUTY_OFFICER)
    original = register(client, duty)
    path = f"/api/v1/requests/{original['id']}/forward"
    bad = client.post(path, json={"to_country": "XX"}, headers=duty)
    assert bad.status_code == 422
    assert [d["field"] for d in bad.json()["error"]["details"]] == ["to_country"]
    neither = client.post(path, json={}, headers=duty)
    assert neither.status_code == 422
    assert (
        client.post(path, json={"to_agency": "Police"}, headers=headers(Role.ANALYST)).status_code
        == 403
    )
    foreign = client.post(
        path, json={"to_agency": "Police"}, headers=headers(Role.DUTY_OFFICER, bureau="DE")
    )
    assert foreign.status_code == 403 and "owning bureau (RU)" in foreign.json()["error"]["message"]
    missing = client.post(
        "/api/v1/requests/" + "0" * 32 + "/forward", json={"to_agency": "P"}, headers=duty
    )
    assert missing.status_code == 404
    ok = client.post(path, json={"to_agency": "Police of Tbilisi region"}, headers=duty)
    assert ok.status_code == 201 and ok.json()["counterpart_agency"] == "Police of Tbilisi region"


def test_export_csv_withholds_and_follows_the_list_filters(
    client: TestClient, headers: Headers
) -> None:
    duty, analyst = headers(Role.DUTY_OFFICER), headers(Role.ANALYST)
    theirs = register(client, duty, handling_codes=["H1"], subject="Restricted by GE")
    free = register(client, duty, subject="Free to export", counterpart_country="AM")
    assert client.get("/api/v1/requests/export.csv", headers=duty).status_code == 403

    r = client.get("/api/v1/requests/export.csv", headers=analyst)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert (r.headers["x-exported"], r.headers["x-withheld"]) == ("1", "1")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(r.text))}
    assert rows[free["id"]]["subject"] == "Free to export"
    assert rows[theirs["id"]]["subject"] == "" and "owned by GE" in rows[theirs["id"]]["withheld"]

    only = client.get("/api/v1/requests/export.csv", params={"country": "AM"}, headers=analyst)
    assert [row["id"] for row in csv.DictReader(io.StringIO(only.text))] == [free["id"]]
    words = client.get("/api/v1/requests/export.csv", params={"q": "Free"}, headers=analyst)
    assert [row["id"] for row in csv.DictReader(io.StringIO(words.text))] == [free["id"]]
    # The single request is still found by its id: the export path is not taken for one.
    assert client.get(f"/api/v1/requests/{free['id']}", headers=duty).status_code == 200
