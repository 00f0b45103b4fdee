"""The statistics dashboard: who sees it, charts with their tables, CSV per chart, the zone."""

from __future__ import annotations

import csv
import io
from typing import Any

from ncbdesk.domain.security import Role

REQUEST: dict[str, Any] = {
    "direction": "incoming",
    "channel": "i247",
    "type": "identity_check",
    "subject": "Установление личности: Беридзе Гиви",
    "counterpart_country": "GE",
    "received_at": "2026-03-01T21:30:00Z",
}


def test_only_supervisors_and_analysts_see_the_dashboard(client, dom, sign_in_web):
    for role in (Role.DUTY_OFFICER, Role.CASE_OFFICER, Role.ADMINISTRATOR):
        sign_in_web(client, role)
        assert client.get("/statistics").status_code == 403
        assert client.get("/statistics/annual.csv").status_code == 403
        assert not dom(client.get("/")).select("nav a[href='/statistics']")
    for role in (Role.ANALYST, Role.SUPERVISOR):
        sign_in_web(client, role)
        assert client.get("/statistics").status_code == 200
        assert dom(client.get("/")).one("nav a[href='/statistics']").text == "Statistics"


def test_charts_tables_and_csv_count_in_the_zone_asked(client, dom, sign_in_web, headers):
    duty = headers(Role.DUTY_OFFICER)
    for when, country in (
        ("2026-03-01T21:30:00Z", "GE"),
        ("2026-03-31T22:30:00Z", "GE"),  # 1 April in Moscow (UTC+3)
        ("2026-05-10T10:00:00Z", "TR"),
    ):
        r = client.post(
            "/api/v1/requests",
            json=REQUEST | {"received_at": when, "counterpart_country": country},
            headers=duty,
        )
        assert r.status_code == 201, r.text
    sign_in_web(client, Role.ANALYST)

    def month_totals(zone: str) -> dict[str, str]:
        doc = dom(client.get("/statistics", params={"year": 2026, "zone": zone}))
        rows = doc.select("#table-requests-by-direction tbody tr")
        return {tr.one("th").text: tr.select("td")[-1].text for tr in rows}

    utc = month_totals("UTC")
    assert (utc["Mar"], utc["Apr"], utc["May"]) == ("2", "0", "1")
    moscow = month_totals("Europe/Moscow")
    assert (moscow["Mar"], moscow["Apr"], moscow["May"]) == ("1", "1", "1")

    doc = dom(client.get("/statistics", params={"year": 2026, "zone": "UTC"}))
    assert doc.one("#h-received").text == "3"
    for slug in ("requests-by-type", "requests-by-direction", "requests-by-country", "hits"):
        section = doc.one(f"#stat-{slug}")
        assert section.one("svg.chart").get("role") == "img"
        assert section.one(f"table#table-{slug}")
        link = section.one("a.csv").get("href")
        assert link == f"/statistics/{slug}.csv?year=2026&zone=UTC"
    # No inline style anywhere (CSP): colours come from classes.
    assert not doc.select("[style]")
    # Readers see words, the CSV keeps the codes.
    by_type = [th.text for th in doc.select("#table-requests-by-type thead th")]
    assert "Identity check" in by_type and "identity_check" not in by_type
    typed = client.get("/statistics/requests-by-type.csv", params={"year": 2026, "zone": "UTC"})
    assert "identity_check" in typed.text.splitlines()[0]
    in_zone = client.get("/statistics", params={"year": 2026, "zone": "Etc/GMT+3"})
    link = dom(in_zone).one("#stat-hits a.csv").get("href")
    assert link == "/statistics/hits.csv?year=2026&zone=Etc%2FGMT%2B3"

    c = client.get("/statistics/requests-by-country.csv", params={"year": 2026, "zone": "UTC"})
    assert c.status_code == 200 and c.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(c.text)))
    assert rows[0][0] == "Country" and rows[0][-1] == "Year"
    assert [r[0] for r in rows[1:]] == ["GE", "TR"] and rows[1][-1] == "2"
    assert client.get("/statistics/nothing.csv", params={"year": 2026}).status_code == 404
    bad = client.get("/statistics", params={"year": 2026, "zone": "Mars/Olympus"})
    assert bad.status_code == 422 and "time zone" in bad.text
