"""Signing out in a real headless Chromium (the `page` fixture signed in through the form)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_header_names_the_officer_and_signs_out(page):
    who = page.locator("header #who")
    assert who.locator(".username").inner_text().startswith("officer")
    assert who.locator(".roles").inner_text() == "case officer"
    who.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    assert page.locator("header #who").count() == 0

    page.goto("/notices")
    assert "/login?next=/notices" in page.url
