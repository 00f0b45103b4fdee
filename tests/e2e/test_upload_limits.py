"""Body size limits: ordinary bodies stay small, file uploads may carry their file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.limits import upload_body_limit

Headers = Callable[..., dict[str, str]]

REQUEST: dict[str, Any] = {
    "direction": "incoming",
    "channel": "i247",
    "type": "information",
    "subject": "Scanned judgment attached",
    "body": "See the attachment.",
    "counterpart_country": "GE",
    "priority": "normal",
}


def _pdf(size: int) -> bytes:
    return b"%PDF-1.4\n" + b"x" * (size - 9)


def test_an_attachment_larger_than_an_ordinary_body_is_accepted(
    client: TestClient, headers: Headers, app: Any
) -> None:
    settings = app.state.ctx.settings
    duty = headers(Role.DUTY_OFFICER)
    rid = client.post("/api/v1/requests", json=REQUEST, headers=duty).json()["id"]
    size = settings.max_body_bytes + 100_000
    assert size <= settings.attachment_max_bytes
    up = client.post(
        f"/api/v1/requests/{rid}/attachments",
        files={"file": ("judgment.pdf", _pdf(size), "application/pdf")},
        headers=duty,
    )
    assert up.status_code == 201, up.text[:300]
    down = client.get(f"/api/v1/requests/{rid}/attachments/{up.json()['id']}", headers=duty)
    assert len(down.content) == size


def test_an_attachment_over_its_own_limit_names_that_limit(
    client: TestClient, headers: Headers, app: Any
) -> None:
    limit = app.state.ctx.settings.attachment_max_bytes
    duty = headers(Role.DUTY_OFFICER)
    rid = client.post("/api/v1/requests", json=REQUEST, headers=duty).json()["id"]
    up = client.post(
        f"/api/v1/requests/{rid}/attachments",
        files={"file": ("judgment.pdf", _pdf(limit + 1), "application/pdf")},
        headers=duty,
    )
    assert up.status_code == 413
    assert f"at most {limit} bytes" in up.text
    assert client.get(f"/api/v1/requests/{rid}", headers=duty).json()["attachments"] == []


def test_a_multipart_body_over_the_upload_limit_is_refused_before_any_route(
    client: TestClient, headers: Headers, app: Any
) -> None:
    limit = upload_body_limit(app.state.ctx.settings)
    duty = headers(Role.DUTY_OFFICER)
    rid = client.post("/api/v1/requests", json=REQUEST, headers=duty).json()["id"]
    up = client.post(
        f"/api/v1/requests/{rid}/attachments",
        files={"file": ("judgment.pdf", _pdf(limit + 1), "application/pdf")},
        headers=duty,
    )
    assert up.status_code == 413
    assert up.json()["error"]["details"] == [{"field": "body", "message": f"at most {limit} bytes"}]


def test_a_json_body_keeps_the_ordinary_limit(
    client: TestClient, headers: Headers, app: Any
) -> None:
    limit = app.state.ctx.settings.max_body_bytes
    duty = headers(Role.DUTY_OFFICER)
    big = REQUEST | {"body": "x" * (limit + 1)}
    r = client.post("/api/v1/requests", json=big, headers=duty)
    assert r.status_code == 413
    assert r.json()["error"]["details"] == [{"field": "body", "message": f"at most {limit} bytes"}]
