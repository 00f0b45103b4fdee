"""The request registry in a real headless Chromium against a live server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SUBJECT = "Проверка документа: паспорт Алиева Руслана"


def test_register_a_request_through_the_form_and_see_it_in_my_queue(page):
    page.goto("/requests")
    page.get_by_role("link", name="Register a request").click()
    page.get_by_label("Direction").select_option("incoming")
    page.get_by_label("Channel").select_option("i247")
    page.get_by_label("Type").select_option("document_check")
    page.get_by_label("Priority").select_option("urgent")
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_label("Text of the request").fill("Просим проверить паспорт 12 3456789.")
    page.get_by_label("Foreign bureau (country code)").fill("DE")
    page.get_by_label("H1", exact=False).check()
    me = page.locator(".who .username").inner_text()
    page.get_by_label("Officer").select_option(me)
    page.get_by_role("button", name="Register").click()

    # The request's page, after POST-redirect-GET, says where it went and when it is due.
    assert re.search(r"/requests/[0-9a-f]{32}\?done=registered$", page.url)
    assert page.locator("h1").inner_text() == SUBJECT
    routing = page.locator("#routing")
    expect(routing).to_contain_text(f"Assigned to {me}")
    expect(routing).to_contain_text("UTC")
    expect(page.locator("#handling")).to_contain_text("H1")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My queue").click()
    rows = page.locator("#queue-table tbody th a")
    expect(rows).to_have_count(1)
    assert rows.first.inner_text() == SUBJECT

    # The list searches as one types, through htmx, without a page load.
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Requests", exact=True
    ).click()
    page.evaluate("window.__samePage = true")
    page.get_by_label("Words").press_sequentially("алиева", delay=20)
    expect(page.locator("#requests-status")).to_have_text("1 found")
    assert page.locator("#requests-table tbody th a").all_inner_texts() == [SUBJECT]
    assert page.evaluate("window.__samePage") is True
