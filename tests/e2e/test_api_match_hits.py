"""A machine client's match alert on a wanted person becomes a pending hit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from ncbdesk.domain.notices import Notice, NoticeStatus, NoticeType
from ncbdesk.domain.security import Role

Headers = Callable[..., dict[str, str]]

WANTED: dict[str, Any] = {
    "names": [{"full": "Магомед Нурбагандов", "given": "Магомед", "family": "Нурбагандов"}],
    "birth_dates": ["1985-02-01"],
    "nationalities": ["RU"],
    "sex": "male",
}
QUERY = {
    "schema": "Person",
    "properties": {"name": ["NURBAGANDOV MAGOMED"], "birthDate": ["1985-02-01"]},
}


def published(app: Any, type_: NoticeType, subject_id: str) -> Notice:
    notice = Notice(
        type_, "DE", f"{type_.label} on the subject", subject_ids=[subject_id],
        status=NoticeStatus.PUBLISHED,
    )  # fmt: skip
    uow = app.state.ctx.uow()
    with uow:
        uow.notices.add(notice)
        uow.commit()
    return notice


def test_an_alert_on_a_published_red_notice_is_a_pending_hit(
    client: TestClient, headers: Headers, app: Any
) -> None:
    border = headers(Role.DUTY_OFFICER)
    pid = client.post("/api/v1/persons", json=WANTED, headers=border).json()["id"]
    red = published(app, NoticeType.RED, pid)
    published(app, NoticeType.PURPLE, pid)  # not a wanted or missing notice: no hit

    body = {"queries": {"gate-7": QUERY | {"id": "pax-1"}, "nobody": {
        "schema": "Person", "properties": {"name": ["Someone Else Entirely"]}}}}  # fmt: skip
    r = client.post("/api/v1/match", json=body, headers=border)
    assert r.status_code == 200, r.text
    first = r.json()["responses"]["gate-7"]
    assert first["results"][0]["match"] is True
    (hit_id,) = first["hits"]
    assert r.json()["responses"]["nobody"]["hits"] == []

    hit = client.get(f"/api/v1/hits/{hit_id}", headers=border).json()
    assert hit["status"] == "pending" and hit["source"] == "api"
    assert hit["notice_id"] == red.id

    # The same traveller sent again: the pending hit is not raised twice.
    again = client.post("/api/v1/match", json=body, headers=border).json()
    assert again["responses"]["gate-7"]["hits"] == []
    listed = client.get("/api/v1/hits", params={"status": "pending"}, headers=border).json()
    assert [h["id"] for h in listed["items"]] == [hit_id]


def test_a_low_caller_threshold_raises_no_hit_below_the_engines(
    client: TestClient, headers: Headers, app: Any
) -> None:
    border = headers(Role.DUTY_OFFICER)
    pid = client.post("/api/v1/persons", json=WANTED, headers=border).json()["id"]
    published(app, NoticeType.RED, pid)
    weak = {"schema": "Person", "properties": {"name": ["Magomed Petrov"]}}
    r = client.post(
        "/api/v1/match", json={"queries": {"q": weak}}, params={"threshold": 0.1}, headers=border
    )
    assert r.status_code == 200
    results = r.json()["responses"]["q"]["results"]
    assert results and all(x["score"] < 0.75 for x in results)
    assert r.json()["responses"]["q"]["hits"] == []
