"""The persons pages in a real headless Chromium against a live server."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAME = "Нурбагандов Магомед Алиевич"


def _create(page, full_name: str, nationality: str = "RU") -> None:
    page.goto("/persons")
    page.get_by_role("link", name="New person").click()
    page.get_by_label("Full name").first.fill(full_name)
    page.get_by_label("Nationality 1").fill(nationality)
    page.get_by_label("Date of birth 1").fill("1985-01-02")
    page.get_by_role("button", name="Create person").click()


def test_create_a_person_see_it_listed_and_find_it_by_a_latin_spelling(page):
    _create(page, "Smith John", "GB")
    _create(page, NAME)

    # The person's page, after POST-redirect-GET.
    assert re.search(r"/persons/[0-9a-f]{32}\?done=created$", page.url)
    assert page.locator("h1 bdi").inner_text() == NAME
    assert page.get_by_role("status").first.inner_text() == "Saved."

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Persons").click()
    table = page.locator("#persons-table")
    assert sorted(table.locator("tbody th a").all_inner_texts()) == sorted([NAME, "Smith John"])

    # Typing a Latin spelling refreshes the table through htmx, without a page load.
    page.evaluate("window.__samePage = true")
    page.get_by_label("Name", exact=True).press_sequentially("nurbagandov", delay=20)
    rows = table.locator("tbody th a")
    expect(rows).to_have_count(1)
    assert rows.all_inner_texts() == [NAME]
    assert page.evaluate("window.__samePage") is True
    assert parse_qs(urlsplit(page.url).query) == {"name": ["nurbagandov"]}
    assert page.locator("#persons-status").inner_text() == "1 found"

    rows.first.click()
    assert page.locator("#identity .bd").inner_text() == "1985-01-02"
    assert page.locator("#nationalities li").all_inner_texts() == ["Russian Federation (RU)"]


def test_invalid_form_shows_the_error_beside_the_field(page):
    page.goto("/persons/new")
    page.get_by_label("Full name").first.fill("Петров Пётр")
    page.get_by_label("Nationality 1").fill("XX")
    page.get_by_label("Date of birth 1").fill("1970-13-01")
    page.get_by_role("button", name="Create person").click()

    nationality = page.get_by_label("Nationality 1")
    assert nationality.get_attribute("aria-invalid") == "true"
    error = page.locator("#f-nationalities-0-error")
    assert error.is_visible()
    assert "not an ISO 3166 country code" in error.inner_text()
    # Beside the field: directly under its input, within the same field box.
    field_box = nationality.bounding_box()
    error_box = error.bounding_box()
    assert field_box and error_box
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 20
    assert abs(error_box["x"] - field_box["x"]) < 20
    assert page.locator("#f-birth-dates-0-error").is_visible()
    # The value typed is kept, and the error summary has the focus.
    assert nationality.input_value() == "XX"
    assert page.evaluate("document.activeElement.id") == "error-summary"

    page.goto("/persons")
    assert page.locator("#persons-table tbody td.empty").is_visible()
