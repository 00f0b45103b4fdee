"""The audit pages: filters, paging, refusals marked, the CSV link, the chain check."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from ncbdesk.adapters.db.tables import audit_log
from ncbdesk.domain.security import Role


def seqs(doc) -> list[int]:
    return [int(tr.get("data-seq") or 0) for tr in doc.select("#audit-table tbody tr[data-seq]")]


def test_only_auditors_see_the_audit_trail(client, dom, sign_in_web):
    sign_in_web(client, Role.CASE_OFFICER)
    assert client.get("/audit").status_code == 403
    assert not dom(client.get("/")).select("nav a[href='/audit']")
    sign_in_web(client, Role.ADMINISTRATOR)
    assert client.get("/audit").status_code == 200
    assert dom(client.get("/")).one("nav a[href='/audit']").text == "Audit"


def test_entries_are_filtered_and_refusals_stand_out(app, client, dom, sign_in_web):
    sign_in_web(client, Role.ANALYST)
    client.get("/persons/new")  # refused: analysts do not write
    client.get("/persons")
    sign_in_web(client, Role.SUPERVISOR)

    doc = dom(client.get("/audit"))
    rows = doc.select("#audit-table tbody tr[data-seq]")
    assert seqs(doc) == sorted(seqs(doc), reverse=True)  # newest first
    refused = [tr for tr in rows if "refused" in tr.classes]
    assert refused
    for tr in refused:
        assert tr.one("td.outcome.outcome-refused").text == "⚠ refused"
    assert doc.one("a#audit-export").get("href") == "/api/v1/audit/export.csv"

    only = dom(client.get("/audit", params={"outcome": "refused", "action": "http"}))
    cells = [tr.select("td") for tr in only.select("#audit-table tbody tr[data-seq]")]
    assert cells and all(c[3].text.startswith("http.") for c in cells)
    assert all(c[5].text == "⚠ refused" for c in cells)
    assert any("do not allow person:write" in c[6].text for c in cells)
    assert only.one("#a-outcome option[selected]").get("value") == "refused"

    analyst = cells[0][1].text
    mine = dom(client.get("/audit", params={"who": analyst, "action": "person.list"}))
    actors = {tr.select("td")[1].text for tr in mine.select("#audit-table tbody tr[data-seq]")}
    assert actors == {analyst}
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    empty = dom(client.get("/audit", params={"since": tomorrow}))
    assert empty.one("#audit-table td.empty")
    today = date.today().isoformat()
    assert seqs(dom(client.get("/audit", params={"since": today, "until": today})))


def test_bad_filters_are_refused_with_the_field(client, dom, sign_in_web):
    sign_in_web(client, Role.SUPERVISOR)
    r = client.get("/audit", params={"action": "%", "outcome": "maybe", "since": "yesterday"})
    assert r.status_code == 422
    fields = [code.text for code in dom(r).select(".error-details code")]
    assert fields == ["action", "outcome", "since"]


def test_paging_keeps_the_filters(app, client, dom, sign_in_web):
    sign_in_web(client, Role.SUPERVISOR)
    for _ in range(60):
        client.get("/persons")
    doc = dom(client.get("/audit", params={"action": "person.list"}))
    assert len(seqs(doc)) == 50
    next_url = doc.one("a[rel=next]").get("href") or ""
    assert next_url.startswith("/audit?action=person.list&offset=50")
    assert len(seqs(dom(client.get(next_url)))) >= 10


def test_the_chain_check_reports_an_edited_entry(app, client, dom, sign_in_web):
    sign_in_web(client, Role.ADMINISTRATOR)
    client.get("/audit")
    form = dom(client.get("/audit")).one("form#verify-form")
    assert form.get("action") == "/audit/verify" and form.get("method") == "get"
    ok = dom(client.get("/audit/verify")).one("#verify-result")
    assert ok.one(".outcome-ok").text.startswith("✓ Intact")

    with app.state.ctx.engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 2).values(actor="mallory"))
    broken = dom(client.get("/audit/verify")).one("#verify-result")
    assert broken.one(".outcome-refused").text.startswith("⚠ The chain is broken")
    assert [li.text for li in broken.select("#chain-problems li")] == [
        "entry 2: content does not match its hash (edited)"
    ]


def test_the_csv_export_works_with_the_session_cookie(client, sign_in_web):
    sign_in_web(client, Role.SUPERVISOR)
    r = client.get("/api/v1/audit/export.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.text.splitlines()[0].startswith("seq,at,actor")
