"""A stage sent as a moment falls on the bureau's calendar day, in the bureau's time zone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ncbdesk.domain.security import Role
from ncbdesk.settings import Settings

Headers = Callable[..., dict[str, str]]
CASES = "/api/v1/extradition-cases"


@pytest.fixture(params=["Asia/Vladivostok", "America/New_York"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """A bureau RU whose day is Vladivostok's (UTC+10) or New York's (UTC-5/-4)."""
    return Settings.from_env({}, data_dir=tmp_path / "var", bureau="RU", timezone=request.param)


def open_case(client: TestClient, h: dict[str, str], at: str) -> dict[str, Any]:
    r = client.post(
        CASES,
        json={
            "direction": "outbound",
            "legal_basis": "cis-minsk-1993",
            "person_name": "Azamat NURLANOV",
            "requested_state": "KZ",
            "warrant_reference": "Sovetsky District Court 3/1-7/2024",
            "stages": [{"stage": "provisional_arrest", "at": at}],
        },
        headers=h,
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_arrest_on_the_last_evening_of_january(
    client: TestClient, headers: Headers, settings: Settings
) -> None:
    # 31 January 2024 18:30 UTC is already 1 February in Vladivostok, still
    # 31 January in New York: one month later is 1 March or 29 February.
    case = open_case(client, headers(Role.CASE_OFFICER), "2024-01-31T18:30:00Z")
    arrest = case["stages"][0]["on"]
    release = case["deadlines"][0]
    if settings.timezone == "Asia/Vladivostok":
        assert (arrest, release["due"]) == ("2024-02-01", "2024-03-01")
    else:
        assert (arrest, release["due"]) == ("2024-01-31", "2024-02-29")
    assert release["key"] == "minsk.62.1.release" and release["status"] == "passed"


def test_an_offset_is_honoured_across_a_year_end(
    client: TestClient, headers: Headers, settings: Settings
) -> None:
    # 23:30 on 31 December 2023 in Moscow (UTC+3) is 20:30 UTC.
    case = open_case(client, headers(Role.CASE_OFFICER), "2023-12-31T23:30:00+03:00")
    arrest = case["stages"][0]["on"]
    if settings.timezone == "Asia/Vladivostok":
        assert (arrest, case["deadlines"][0]["due"]) == ("2024-01-01", "2024-02-01")
    else:
        assert (arrest, case["deadlines"][0]["due"]) == ("2023-12-31", "2024-01-31")
