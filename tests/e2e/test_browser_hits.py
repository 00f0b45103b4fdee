"""A duty officer confirms a border hit in a real headless Chromium."""

from __future__ import annotations

import re

import pytest
from conftest import sign_in_browser
from playwright.sync_api import expect
from signing import add_user
from wanted import aliev_red_notice

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.security import Role
from ncbdesk.services import hits as hit_svc
from ncbdesk.services.context import Actor

pytestmark = pytest.mark.browser


@pytest.fixture
def border_hit(live_server) -> str:
    """DE's published Red Notice on Руслан Алиев, and a border check that matched it."""
    uow = SqlUnitOfWork(live_server.app.state.ctx.engine)
    subject = Person(
        "DE",
        [PersonName("Руслан Алиев", given="Руслан", family="Алиев")],
        birth_dates=[PartialDate(1979, 3, 4)],
        nationalities=["RU"],
    )
    notice = aliev_red_notice(subject.id)
    with uow:
        uow.persons.add(subject)
        uow.notices.add(notice)
        uow.commit()
    traveller = Person("RU", [PersonName("ALIEV RUSLAN")], birth_dates=[PartialDate(1979, 4, 3)])
    entity = {"id": "b-1", "schema": "Person", "properties": {"name": ["ALIEV RUSLAN"]}}
    border = Actor("border.system", "RU", frozenset({Role.DUTY_OFFICER}))
    view = hit_svc.raise_hit(uow, border, notice.id, subject.id, traveller, entity, "Pulkovo")
    return view.hit.id


def test_a_duty_officer_confirms_a_hit_and_reaches_the_outgoing_request(
    browser, live_server, border_hit
):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    problems: list[str] = []
    pg = context.new_page()
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    sign_in_browser(pg, add_user(live_server.app, Role.DUTY_OFFICER))

    pg.get_by_role("navigation", name="Main").get_by_role("link", name="Hits").click()
    rows = pg.locator("#hits-table tbody th a")
    expect(rows).to_have_count(1)
    rows.first.click()
    pg.wait_for_url(f"**/hits/{border_hit}")
    compare = pg.locator("#compare-table")
    expect(compare.locator("tbody tr").first.locator("td.query")).to_have_text("ALIEV RUSLAN")
    expect(compare.locator("tbody tr").first.locator("td.subject")).to_have_text("Руслан Алиев")

    # Without a method the page comes back with the error beside the methods.
    pg.get_by_role("button", name="Confirm the hit").click()
    expect(pg.locator("#confirm-methods-error")).to_be_visible()
    expect(pg.locator("#hit-status")).to_have_text("pending")

    pg.get_by_label("fingerprints").check()
    pg.get_by_label("Confirmation note").fill("AFIS match, 12 points.")
    pg.get_by_role("button", name="Confirm the hit").click()
    pg.wait_for_url(re.compile(r"/hits/[0-9a-f]{32}\?done=confirmed$"))
    expect(pg.locator("#hit-status")).to_have_text("confirmed")
    expect(pg.locator("#notification-action")).to_contain_text("Provisional arrest")
    link = pg.locator("#request-link")
    expect(link).to_be_visible()
    href = link.get_attribute("href") or ""
    subject = link.inner_text()
    assert subject == "HIT — Red Notice 2024/7001: ALIEV RUSLAN"
    link.click()
    pg.wait_for_url(f"**{href}")
    # The request registry's own page for the outgoing request.
    expect(pg.locator("h1")).to_have_text(subject)
    context.close()
    assert not problems, f"browser errors: {problems}"
