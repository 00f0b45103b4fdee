"""The hit queue and the hit page: side by side, confirm (with the outgoing request), discard."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from test_api_hits import TRAVELLER, border_hit, published_notice

from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.security import CSRF_HEADER

Headers = Callable[..., dict[str, str]]


@pytest.fixture
def web(app: FastAPI) -> Iterator[TestClient]:
    """A second client for the pages, so its session never mixes with the API tokens."""
    with TestClient(app) as c:
        yield c


def _rows(doc: Any) -> dict[str, tuple[str, str]]:
    """The side-by-side table: property → (query side, subject side)."""
    out = {}
    for tr in doc.select("#compare-table tbody tr"):
        label = tr.one("th").text.replace("(same on both sides)", "").strip()
        out[label] = (tr.one("td.query").text, tr.one("td.subject").text)
    return out


def test_the_queue_puts_pending_first_and_filters(
    client: TestClient, web: TestClient, headers: Headers, sign_in_web: Any, dom: Any
) -> None:
    red, pid = published_notice(client, headers)
    first = border_hit(client, headers, red, pid)
    yellow, ypid = published_notice(
        client,
        headers,
        type="yellow",
        person={
            "names": [{"full": "Анна Петрова", "given": "Анна", "family": "Петрова"}],
            "birth_dates": ["2009-05-01"],
            "nationalities": ["RU"],
            "sex": "female",
        },
    )
    duty = headers(Role.DUTY_OFFICER)
    r = client.post(
        "/api/v1/hits",
        json={"query": TRAVELLER, "person_id": ypid, "notice_id": yellow, "source": "api"},
        headers=duty,
    )
    assert r.status_code == 201
    second = r.json()
    # The first (older) hit is discarded: the pending one leads even though it is newer.
    r = client.post(f"/api/v1/hits/{first['id']}/discard", json={"reason": "no"}, headers=duty)
    assert r.status_code == 200
    third = border_hit(client, headers, red, pid)

    sign_in_web(web, Role.DUTY_OFFICER)
    doc = dom(web.get("/hits"))
    assert doc.one("nav[aria-label=Main] a[aria-current=page]").text == "Hits"
    links = [a.get("href") for a in doc.select("#hits-table tbody th a")]
    assert links == [f"/hits/{third['id']}", f"/hits/{second['id']}", f"/hits/{first['id']}"]
    statuses = [b.text for b in doc.select("#hits-table tbody td .badge[class*=hit-status-]")]
    assert statuses == ["pending", "pending", "discarded"]

    def listed(**params: str) -> list[str]:
        page = dom(web.get("/hits", params=params))
        return [str(a.get("href")).rsplit("/", 1)[1] for a in page.select("#hits-table th a")]

    assert listed(status="discarded") == [first["id"]]
    assert listed(notice_type="yellow") == [second["id"]]
    assert listed(source="api") == [second["id"]]
    assert listed(source="border", status="pending") == [third["id"]]
    # The htmx fragment is the table alone, and the address bar follows the filters.
    r = web.get("/hits/table", params={"status": "pending"}, headers={"HX-Request": "true"})
    assert r.headers["HX-Push-Url"] == "/hits?status=pending"
    assert dom(r).first("form.filters") is None
    assert len(dom(r).select("#hits-table tbody th a")) == 2
    # A bad filter is named, not ignored.
    r = web.get("/hits", params={"notice_type": "mauve"})
    assert r.status_code == 422


def test_the_hit_page_and_confirming_registers_the_outgoing_request(
    client: TestClient, web: TestClient, headers: Headers, sign_in_web: Any, dom: Any
) -> None:
    nid, pid = published_notice(client, headers)
    hit = border_hit(client, headers, nid, pid)
    sign_in_web(web, Role.DUTY_OFFICER)
    doc = dom(web.get(f"/hits/{hit['id']}"))
    assert doc.one("#hit-status").text == "pending"
    assert doc.one("#hit-location").text == "Moscow Sheremetyevo, border crossing point 2"
    assert doc.one("#hit-notice a").get("href") == f"/notices/{nid}"
    rows = _rows(doc)
    assert rows["Name"] == ("ALIEV RUSLAN", "Руслан Алиев")
    assert rows["Date of birth"] == ("1979-04-03", "1979-03-04")
    assert doc.one("#col-subject a").get("href") == f"/persons/{pid}"
    assert doc.one("#col-query").text == "Query as received"
    assert [li.text for li in doc.select("#hit-reasons li")] == hit["reasons"]
    assert doc.one("#proposed-action").text.startswith("Provisional arrest")
    assert doc.one("#confirm-form input[name=csrf_token]").get("value")
    assert doc.first("#notification") is None

    # No method checked: refused beside the fieldset, nothing changed.
    r = web.post(f"/hits/{hit['id']}/confirm", data={"note": "looked at him"})
    assert r.status_code == 422
    page = dom(r)
    assert "at least one of" in page.one("#confirm-methods-error").text
    assert page.one("#confirm-note").text == "looked at him"
    duty = headers(Role.DUTY_OFFICER)
    assert client.get(f"/api/v1/hits/{hit['id']}", headers=duty).json()["status"] == "pending"

    r = web.post(
        f"/hits/{hit['id']}/confirm",
        data={"method-document": "on", "method-fingerprints": "on", "note": "Passport checked."},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/hits/{hit['id']}?done=confirmed"
    doc = dom(web.get(r.headers["location"]))
    assert doc.one(".flash").text.startswith("Confirmed.")
    assert doc.one("#hit-status").text == "confirmed"
    assert "document, fingerprints" in doc.one("#hit-decision").text
    assert doc.first("#decide") is None  # decided once
    link = doc.one("#request-link").get("href") or ""
    assert link.startswith("/requests/")
    request_id = link.rsplit("/", 1)[1]
    req = client.get(f"/api/v1/requests/{request_id}", headers=duty)
    assert req.status_code == 200
    assert (req.json()["direction"], req.json()["counterpart_country"]) == ("outgoing", "DE")
    assert doc.one("#notification-action").text == doc.one("#proposed-action").text
    assert doc.one("#notification-body").text.startswith("Your Red Notice")
    assert doc.first("#internal-note") is None
    # The duty officer does not run extradition cases: no button to open one.
    assert doc.first("#open-case") is None

    # A second decision from a stale page is refused with the reason, nothing changes.
    r = web.post(f"/hits/{hit['id']}/discard", data={"reason": "second thoughts"})
    assert r.status_code == 409
    assert "already confirmed" in dom(r).one("#discard-refused").text


def test_discarding_needs_a_reason(
    client: TestClient, web: TestClient, headers: Headers, sign_in_web: Any, dom: Any
) -> None:
    nid, pid = published_notice(client, headers)
    hit = border_hit(client, headers, nid, pid)
    sign_in_web(web, Role.SUPERVISOR)
    r = web.post(f"/hits/{hit['id']}/discard", data={"reason": "   ", "note": "kept"})
    assert r.status_code == 422
    page = dom(r)
    assert page.one("#discard-reason").get("aria-invalid") == "true"
    assert page.one("#discard-reason-error").text == "say why the hit is discarded"
    assert page.one("#discard-note").text == "kept"
    r = web.post(
        f"/hits/{hit['id']}/discard",
        data={"reason": "Born 1981; fingerprints differ."},
        follow_redirects=False,
    )
    assert r.status_code == 303
    doc = dom(web.get(f"/hits/{hit['id']}"))
    assert doc.one("#hit-status").text == "discarded"
    assert doc.one("#hit-decision").text.endswith("Born 1981; fingerprints differ.")
    assert doc.first("#notification") is None and doc.first("#decide") is None
    duty = headers(Role.DUTY_OFFICER)
    assert client.get("/api/v1/requests", headers=duty).json()["total"] == 0


def test_a_hit_on_our_own_notice_is_an_internal_note(
    client: TestClient, web: TestClient, headers: Headers, sign_in_web: Any, dom: Any
) -> None:
    nid, pid = published_notice(client, headers, bureau="RU")
    hit = border_hit(client, headers, nid, pid)
    sign_in_web(web, Role.SUPERVISOR)
    doc = dom(web.get(f"/hits/{hit['id']}"))
    assert "nobody abroad is told" in doc.one("#confirm-form p.hint").text
    r = web.post(f"/hits/{hit['id']}/confirm", data={"method-photo": "on"})
    assert r.status_code == 200  # after the redirect
    doc = dom(r)
    assert doc.one("#h-notification").text == "Internal note"
    assert doc.one("#internal-note").text.startswith("This bureau owns the notice")
    assert doc.first("#request-link") is None
    # The supervisor runs extradition cases: a Red Notice hit offers to open one.
    assert doc.one("#open-case").get("href") == f"/extradition/new?hit_id={hit['id']}"
    duty = headers(Role.DUTY_OFFICER)
    assert client.get("/api/v1/requests", headers=duty).json()["total"] == 0


def test_wrong_roles_and_forged_forms_are_refused(
    client: TestClient, web: TestClient, headers: Headers, sign_in_web: Any, dom: Any, app: FastAPI
) -> None:
    nid, pid = published_notice(client, headers)
    hit = border_hit(client, headers, nid, pid)
    sign_in_web(web, Role.ANALYST)
    doc = dom(web.get(f"/hits/{hit['id']}"))  # analysts read the queue
    assert doc.first("#confirm-form") is None and doc.first("#discard-form") is None
    r = web.post(f"/hits/{hit['id']}/confirm", data={"method-photo": "on"})
    assert r.status_code == 403
    r = web.post(f"/hits/{hit['id']}/discard", data={"reason": "x"})
    assert r.status_code == 403

    with TestClient(app) as admin:
        sign_in_web(admin, Role.ADMINISTRATOR)
        assert admin.get("/hits").status_code == 403
        assert admin.get(f"/hits/{hit['id']}").status_code == 403
        doc = dom(admin.get("/"))
        assert "/hits" not in [a.get("href") for a in doc.select("nav[aria-label=Main] a")]

    with TestClient(app) as duty:
        sign_in_web(duty, Role.DUTY_OFFICER)
        del duty.headers[CSRF_HEADER]  # a form posted from elsewhere carries no token
        r = duty.post(f"/hits/{hit['id']}/confirm", data={"method-photo": "on"})
        assert r.status_code == 403
    api = headers(Role.DUTY_OFFICER)
    assert client.get(f"/api/v1/hits/{hit['id']}", headers=api).json()["status"] == "pending"
    assert web.get("/hits/nope").status_code == 404
