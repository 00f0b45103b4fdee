"""POST /api/v1/match (yente-compatible) and GET /api/v1/search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ncbdesk.domain.security import Role


@pytest.fixture
def client(client: TestClient, headers: Callable[..., dict[str, str]]) -> TestClient:
    """Every call in this module is a case officer of bureau RU, by API token."""
    client.headers.update(headers(Role.CASE_OFFICER))
    return client


PERSONS: list[dict[str, Any]] = [
    {
        "names": [
            {"full": "Магомед Нурбагандов", "given": "Магомед", "family": "Нурбагандов"},
        ],
        "birth_dates": ["1985-02-01"],
        "nationalities": ["RU"],
        "sex": "male",
    },
    {"names": [{"full": "Асель Нурланова"}], "birth_dates": ["1990-07"], "nationalities": ["KZ"]},
    {"names": [{"full": "王小明"}, {"full": "Wang Xiaoming", "kind": "transliteration"}]},
]


def seed(client: TestClient) -> dict[str, str]:
    ids = {}
    for p in PERSONS:
        r = client.post("/api/v1/persons", json=p)
        assert r.status_code == 201
        ids[p["names"][0]["full"]] = r.json()["id"]
    return ids


def test_match_answers_in_yentes_shape(client: TestClient) -> None:
    ids = seed(client)
    red = {
        "type": "red",
        "title": "Red Notice — NURBAGANDOV",
        "subject_ids": [ids["Магомед Нурбагандов"]],
    }
    assert client.post("/api/v1/notices", json=red).status_code == 201
    body = {
        "queries": {
            "border-1": {
                "schema": "Person",
                "properties": {"name": ["NURBAGANDOV MAGOMED"], "birthDate": ["1985-01-02"]},
            },
            "border-2": {"schema": "Person", "properties": {"name": ["Wang Xiao Ming"]}},
        }
    }
    r = client.post("/api/v1/match", json=body, params={"limit": 3})
    assert r.status_code == 200, r.text
    data = r.json()
    assert set(data) == {"responses", "matcher", "limit"}
    first = data["responses"]["border-1"]
    assert first["status"] == 200 and first["total"]["relation"] == "eq"
    top = first["results"][0]
    assert top["id"] == ids["Магомед Нурбагандов"]
    assert top["schema"] == "Person" and top["caption"] == "Магомед Нурбагандов"
    assert top["match"] is True and 0 < top["score"] <= 1
    assert any("swapped" in r for r in top["reasons"])
    assert top["notices"][0]["type"] == "red"
    assert set(top["explanations"]) == set(top["features"])
    second = data["responses"]["border-2"]["results"][0]
    assert second["id"] == ids["王小明"]


def test_match_validates_every_query_first(client: TestClient) -> None:
    seed(client)
    body = {
        "queries": {
            "ok": {"schema": "Person", "properties": {"name": ["Ivan"]}},
            "bad": {"schema": "Person", "properties": {"birthDate": ["1985-13-01"]}},
            "org": {"schema": "Company", "properties": {"name": ["ACME"]}},
        }
    }
    r = client.post("/api/v1/match", json=body)
    assert r.status_code == 422
    fields = {d["field"] for d in r.json()["error"]["details"]}
    assert fields == {
        "queries.bad.properties.name",
        "queries.bad.properties.birthDate[0]",
        "queries.org.schema",
    }


def test_search_finds_across_scripts(client: TestClient) -> None:
    ids = seed(client)
    r = client.get("/api/v1/search", params={"q": "nurlanova asel"})
    assert r.status_code == 200
    assert r.json()["results"][0]["id"] == ids["Асель Нурланова"]
    assert client.get("/api/v1/search", params={"q": ""}).status_code == 422


def test_new_person_is_screenable_at_once_and_gone_after_delete(client: TestClient) -> None:
    seed(client)
    client.get("/api/v1/search", params={"q": "x"})  # loads the index
    new = client.post("/api/v1/persons", json={"names": [{"full": "Гиви Беридзе"}]}).json()
    r = client.get("/api/v1/search", params={"q": "Givi Beridze"})
    assert r.json()["results"][0]["id"] == new["id"]
    assert client.delete(f"/api/v1/persons/{new['id']}").status_code == 204
    r = client.get("/api/v1/search", params={"q": "Givi Beridze"})
    assert new["id"] not in [x["id"] for x in r.json()["results"]]
