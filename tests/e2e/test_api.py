"""The HTTP API through the real app, on SQLite."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ncbdesk.domain.security import Role

MAGOMED: dict[str, Any] = {
    "names": [
        {"full": "Магомед Нурбагандов", "given": "Магомед", "family": "Нурбагандов"},
        {"full": "Magomed Nurbagandov", "kind": "transliteration", "scheme": "ICAO Doc 9303"},
    ],
    "birth_dates": ["1985-02"],
    "nationalities": ["ru"],
    "sex": "male",
    "documents": [{"number": "8201 123456", "type": "national_id", "issuing_country": "RU"}],
}


@pytest.fixture
def client(client: TestClient, headers: Callable[..., dict[str, str]]) -> TestClient:
    """Every call in this module is a case officer of bureau RU, by API token."""
    client.headers.update(headers(Role.CASE_OFFICER))
    return client


def details(response: Any) -> dict[str, str]:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    return {d["field"]: d["message"] for d in body["error"]["details"]}


def count(client: TestClient) -> int:
    return int(client.get("/api/v1/persons").json()["total"])


def test_person_crud(client: TestClient) -> None:
    r = client.post("/api/v1/persons", json=MAGOMED)
    assert r.status_code == 201
    person = r.json()
    assert r.headers["location"] == f"/api/v1/persons/{person['id']}"
    assert person["owner_bureau"] == "RU"
    assert person["names"][0]["script"] == "cyrillic"
    assert person["nationalities"] == ["RU"]
    assert person["birth_dates"] == ["1985-02"]

    got = client.get(f"/api/v1/persons/{person['id']}").json()
    assert got == person

    changed = {**MAGOMED, "notes": "seen in Makhachkala", "version": 1}
    r = client.put(f"/api/v1/persons/{person['id']}", json=changed)
    assert r.status_code == 200 and r.json()["version"] == 2
    stale = client.put(f"/api/v1/persons/{person['id']}", json=changed)
    assert stale.status_code == 409
    assert client.get(f"/api/v1/persons/{person['id']}").json()["notes"] == "seen in Makhachkala"

    assert client.delete(f"/api/v1/persons/{person['id']}").status_code == 204
    assert client.get(f"/api/v1/persons/{person['id']}").status_code == 404


def test_list_filters_and_paging(client: TestClient) -> None:
    client.post("/api/v1/persons", json=MAGOMED)
    for i in range(4):
        client.post(
            "/api/v1/persons", json={"names": [{"full": f"Asel {i}"}], "nationalities": ["KZ"]}
        )
    assert client.get("/api/v1/persons", params={"name": "nurbagandov"}).json()["total"] == 1
    assert client.get("/api/v1/persons", params={"name": "НУРБАГ"}).json()["total"] == 1
    page = client.get("/api/v1/persons", params={"nationality": "KZ", "limit": 3, "offset": 3})
    assert page.json()["total"] == 4 and len(page.json()["items"]) == 1
    assert client.get("/api/v1/persons", params={"limit": 0}).status_code == 422


def test_bad_input_names_field_and_writes_nothing(client: TestClient) -> None:
    bad = {
        "names": [{"full": ""}],
        "birth_dates": ["1985-02-30"],
        "nationalities": ["RU", "XX"],
        "documents": [{"number": "1", "issuing_country": "QQ"}],
    }
    r = client.post("/api/v1/persons", json=bad)
    assert r.status_code == 422
    assert details(r) == {
        "birth_dates[0]": "day 30 does not exist in 1985-02",
        "names[0].full": "the name is empty",
        "nationalities[1]": "'XX' is not an ISO 3166 country code",
        "documents[0].issuing_country": "'QQ' is not an ISO 3166 country code",
    }
    assert count(client) == 0


def test_wrong_types_and_unknown_fields(client: TestClient) -> None:
    r = client.post("/api/v1/persons", json={"names": "Ivan", "sex": "robot", "shoe": 42})
    assert r.status_code == 422
    fields = details(r)
    assert {"names", "sex", "shoe"} <= set(fields)
    assert count(client) == 0


def test_malformed_json(client: TestClient) -> None:
    r = client.post(
        "/api/v1/persons", content=b'{"names": [', headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    assert list(details(r)) == ["body"]
    assert "malformed JSON" in details(r)["body"]


def test_oversized_body_is_refused(client: TestClient, app: Any) -> None:
    limit = app.state.ctx.settings.max_body_bytes
    big = {"names": [{"full": "A"}], "notes": "x" * (limit + 10)}
    r = client.post("/api/v1/persons", json=big)
    assert r.status_code == 413
    assert details(r) == {"body": f"at most {limit} bytes"}
    assert count(client) == 0


def test_records_belong_to_the_bureau_that_enters_them(client: TestClient) -> None:
    r = client.post("/api/v1/persons", json={**MAGOMED, "owner_bureau": "DE"})
    assert r.status_code == 403 and "belongs to your bureau (RU)" in r.text
    assert count(client) == 0


def test_another_bureaus_record_cannot_be_changed(
    client: TestClient, headers: Callable[..., dict[str, str]]
) -> None:
    german = headers(Role.CASE_OFFICER, bureau="DE")
    r = client.post("/api/v1/persons", json=MAGOMED, headers=german)
    assert r.status_code == 201 and r.json()["owner_bureau"] == "DE"
    pid = r.json()["id"]
    assert client.put(f"/api/v1/persons/{pid}", json=MAGOMED).status_code == 403
    assert client.delete(f"/api/v1/persons/{pid}").status_code == 403
    assert client.get(f"/api/v1/persons/{pid}").json()["names"][0]["full"] == "Магомед Нурбагандов"


def test_notice_crud_and_filters(client: TestClient) -> None:
    pid = client.post("/api/v1/persons", json=MAGOMED).json()["id"]
    red = {
        "type": "red",
        "title": "Red Notice — NURBAGANDOV, Magomed",
        "reference": "2024/1001",
        "subject_ids": [pid],
        "judicial": {
            "offence": "Fraud on a large scale",
            "legal_provisions": "Criminal Code of the Russian Federation, art. 159 part 4",
            "max_penalty_months": 120,
            "warrant_reference": "3/1-45/2024",
            "issuing_authority": "Sovetsky District Court of Makhachkala",
            "extradition_countries": ["de", "tr"],
        },
    }
    r = client.post("/api/v1/notices", json=red)
    assert r.status_code == 201
    notice = r.json()
    assert notice["status"] == "draft" and notice["type_label"] == "Red Notice"
    assert notice["judicial"]["extradition_countries"] == ["DE", "TR"]
    client.post("/api/v1/notices", json={"type": "yellow", "title": "Yellow Notice — child"})

    assert client.get("/api/v1/notices", params={"type": "red"}).json()["total"] == 1
    assert client.get("/api/v1/notices", params={"status": "draft"}).json()["total"] == 2
    assert client.get("/api/v1/notices", params={"subject_id": pid}).json()["total"] == 1
    assert client.get("/api/v1/notices", params={"type": "mauve"}).status_code == 422

    dup = client.post("/api/v1/notices", json=red)
    assert dup.status_code == 409

    r = client.put(f"/api/v1/notices/{notice['id']}", json={**red, "summary": "x", "version": 1})
    assert r.status_code == 200 and r.json()["version"] == 2
    assert client.delete(f"/api/v1/notices/{notice['id']}").status_code == 204


def test_notice_bad_input(client: TestClient) -> None:
    r = client.post(
        "/api/v1/notices",
        json={
            "type": "red",
            "kind": "diffusion",
            "title": "",
            "subject_ids": ["nobody"],
            "judicial": {"max_penalty_months": -1, "extradition_countries": ["XX"]},
        },
    )
    assert r.status_code == 422
    assert set(details(r)) == {
        "title",
        "recipient_countries",
        "judicial.max_penalty_months",
        "judicial.extradition_countries[0]",
    }
    r = client.post(
        "/api/v1/notices", json={"type": "red", "title": "t", "subject_ids": ["nobody"]}
    )
    assert r.status_code == 422 and set(details(r)) == {"subject_ids[0]"}
    assert client.get("/api/v1/notices").json()["total"] == 0


def test_health_openapi_and_docs(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    spec = client.get("/openapi.json").json()
    assert "/api/v1/persons" in spec["paths"] and "/api/v1/notices/{notice_id}" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_unknown_api_route_answers_json(client: TestClient) -> None:
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and details(r) == {}
