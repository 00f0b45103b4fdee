"""The step-by-step notice form in a real headless Chromium against a live server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_walk_the_wizard_for_a_red_notice_with_checks_as_you_go(page):
    page.goto("/notices/new")
    steps = page.get_by_role("list", name="Steps")
    expect(steps.locator("[aria-current=step]")).to_have_text("1. Type")
    page.get_by_label("Type").select_option("red")
    page.get_by_role("button", name="Next: Person").click()

    # Step 2: a new person, stored only when the notice is saved.
    expect(steps.locator("[aria-current=step]")).to_have_text("2. Person")
    page.get_by_label("Family name").fill("Алиев")
    page.get_by_label("Given names").fill("Руслан")
    page.get_by_label("Date of birth").fill("1979-03-14")
    page.get_by_label("Nationality").fill("RU")
    page.get_by_label("Sex").select_option("male")
    page.get_by_role("button", name="Next: Details").click()

    # Step 3: the Red Notice's own fields; the checks follow each change (htmx).
    expect(steps.locator("[aria-current=step]")).to_have_text("3. Details")
    page.evaluate("window.__samePage = true")
    page.get_by_label("Title").fill("Red Notice — ALIEV, Ruslan")
    page.get_by_label("Offence").fill("Murder committed by a group")
    page.get_by_label("Summary of facts").fill("Shot two men during a robbery in Makhachkala.")
    page.get_by_label("Legal provisions").fill("Criminal Code, art. 105 part 2")
    page.get_by_label("Warrant or judgment reference").fill("3/12-88/2023")
    page.get_by_label("Issuing authority").fill("Leninsky District Court")
    page.get_by_label("Extradition will be sought from").fill("TR")
    page.get_by_label("Maximum penalty (months)").fill("12")
    page.get_by_label("Maximum penalty (months)").press("Tab")
    check = page.locator("#f-judicial-max-penalty-months-check")
    expect(check).to_contain_text("below the threshold")
    expect(page.locator("#check-list")).to_contain_text("below the threshold")
    assert page.evaluate("window.__samePage") is True  # swapped in place, no page load

    page.get_by_label("Maximum penalty (months)").fill("240")
    page.get_by_label("Maximum penalty (months)").press("Tab")
    expect(page.locator("#checks-ok")).to_be_visible()
    expect(check).to_have_text("")
    # what was typed survives the swap
    assert page.get_by_label("Title").input_value() == "Red Notice — ALIEV, Ruslan"

    page.get_by_role("button", name="Next: Review").click()
    expect(steps.locator("[aria-current=step]")).to_have_text("4. Review")
    expect(page.locator("#review-person")).to_have_text("Руслан Алиев (new record)")
    expect(page.locator("#risk")).to_have_text("low")
    page.get_by_role("button", name="Save and submit for review").click()

    page.wait_for_url(re.compile(r"/notices/[0-9a-f]{32}\?done=submitted$"))
    assert page.get_by_role("status").first.inner_text() == "Submitted for compliance review."
    assert page.locator("h1").inner_text() == "Red Notice — ALIEV, Ruslan"


def test_back_keeps_what_was_typed_and_a_political_charge_shows_its_reasons(page):
    page.goto("/notices/new")
    page.get_by_label("Type").select_option("blue")
    page.get_by_role("button", name="Next: Person").click()
    page.get_by_label("Family name").fill("Petrov")
    page.get_by_label("Given names").fill("Pavel")
    page.get_by_role("button", name="Next: Details").click()
    page.get_by_label("Title").fill("Locate a blogger")
    page.get_by_label("Summary", exact=True).fill(
        "Sought to establish where he lives and works now."
    )
    page.get_by_label("Offence").fill("Discrediting the armed forces")
    page.get_by_label("The person's profession or standing").fill("blogger")
    page.get_by_role("button", name="Next: Review").click()

    reasons = page.locator("#assessment-reasons li")
    expect(page.locator("#risk")).to_have_text("high")
    assert any("Discrediting" in text for text in reasons.all_inner_texts())

    page.get_by_role("button", name="Back").click()
    assert page.get_by_label("Offence").input_value() == "Discrediting the armed forces"
    page.get_by_role("button", name="Back").click()
    assert page.get_by_label("Family name").input_value() == "Petrov"

    # Nothing was stored on the way.
    page.goto("/notices")
    expect(page.locator("main table tbody td.empty")).to_be_visible()
