"""The screening pages in a real headless Chromium against a live server, signed in."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ncbdesk.adapters.batch_files import MAX_BYTES
from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.security import SESSION_COOKIE
from ncbdesk.services import auth
from ncbdesk.services import persons as person_svc
from ncbdesk.services.context import Actor

pytestmark = pytest.mark.browser

NAME = "Нурбагандов Магомед Алиевич"
HASHER = Argon2Hasher(time_cost=1, memory_cost_kib=1024)
PASSWORD = "correct horse battery"
SCREENSHOT = os.environ.get("NCBDESK_SCREENSHOT_DIR", "")


@pytest.fixture
def wanted(live_server) -> Person:
    """Recorded before the first screening, so the index is built with it."""
    uow = live_server.app.state.ctx.uow()
    person_svc.create_person(
        uow,
        Actor.system("RU"),
        Person(owner_bureau="DE", names=[PersonName("Müller Hans")], nationalities=["DE"]),
    )
    return person_svc.create_person(
        live_server.app.state.ctx.uow(),
        Actor.system("RU"),
        Person(
            owner_bureau="RU",
            names=[PersonName(NAME), PersonName("محمد نورباغاندوف")],
            birth_dates=[PartialDate(1985, 1, 2)],
            nationalities=["RU"],
        ),
    )


def test_a_latin_spelling_finds_the_cyrillic_record_in_place(page, wanted):
    page.goto("/screening")
    page.get_by_label("Name", exact=True).fill("NURBAGANDOV Magomed")
    page.get_by_label("Date of birth").fill("1985-01-02")
    page.get_by_label("Nationality").fill("RU")
    page.get_by_label("Purpose (required)").select_option("border")
    page.get_by_label("Purpose details").fill("flight SU 2450")
    page.evaluate("window.__samePage = true")
    page.get_by_role("button", name="Screen").click()

    best = page.locator("#screen-results li.hit").first
    expect(best).to_be_visible()
    assert page.evaluate("window.__samePage") is True  # swapped by htmx, no page load
    assert best.locator(".hit-name bdi").inner_text() == NAME
    assert best.locator(".alert-marker").inner_text() == "ALERT"
    assert best.locator("ul.reasons li").count() > 0
    assert best.locator(".names bdi[dir=rtl]").inner_text() == "محمد نورباغاندوف"
    # Focus moves to the results, so a screen reader reads them next.
    assert page.evaluate("document.activeElement.id") == "screen-results"
    if SCREENSHOT:
        page.screenshot(path=str(Path(SCREENSHOT) / "screening-results.png"), full_page=True)

    best.locator(".hit-name a").click()
    assert page.locator("h1 bdi").inner_text() == NAME


def signed_in_context(browser, live_server, username: str, javascript: bool = True):
    """A browser context carrying the session cookie of a new duty officer."""
    ctx = live_server.app.state.ctx
    roles = {Role.DUTY_OFFICER}
    auth.create_user(ctx.uow(), Actor.system("RU"), HASHER, username, PASSWORD, roles, "RU")
    cookie, _, _ = auth.sign_in(ctx.uow(), HASHER, username, PASSWORD, "test", ctx.session_policy)
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=javascript
    )
    context.add_cookies([{"name": SESSION_COOKIE, "value": cookie, "url": live_server.url}])
    return context


def console_error(message) -> bool:
    """An error in the console, other than Chromium's note on every 4xx response."""
    return message.type == "error" and not message.text.startswith("Failed to load resource")


def test_an_impossible_date_is_shown_beside_its_field_in_place(browser, live_server, wanted):
    # Not the shared `page` fixture: that one counts every 4xx request as a fault,
    # and the refused form is a 422 answer to htmx here, by design.
    context = signed_in_context(browser, live_server, "errors")
    problems: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if console_error(m) else None)
    try:
        page.goto("/screening")
        page.evaluate("window.__samePage = true")
        page.get_by_label("Name", exact=True).fill("Nurbagandov")
        page.get_by_label("Date of birth").fill("1985-02-30")
        page.get_by_label("Purpose (required)").select_option("analysis")
        page.get_by_role("button", name="Screen").click()

        error = page.locator("#f-birth-date-error")
        expect(error).to_be_visible()
        assert page.evaluate("window.__samePage") is True
        assert "does not exist" in error.inner_text()
        date_box = page.get_by_label("Date of birth").bounding_box()
        error_box = error.bounding_box()
        assert date_box and error_box
        assert 0 <= error_box["y"] - (date_box["y"] + date_box["height"]) < 20
        assert page.get_by_label("Date of birth").input_value() == "1985-02-30"
        assert page.locator("#screen-results").count() == 0
        assert page.evaluate("document.activeElement.id") == "error-summary"
    finally:
        context.close()
    assert problems == []


def test_without_javascript_the_form_posts_and_the_results_page_comes_back(
    browser, live_server, wanted
):
    context = signed_in_context(browser, live_server, "nojs", javascript=False)
    try:
        pg = context.new_page()
        pg.goto("/screening/search")
        pg.get_by_label("Name (required)").fill("nurbagandov magomed")
        pg.get_by_label("Purpose (required)").select_option("request")
        pg.get_by_role("button", name="Search").click()
        assert pg.url.endswith("/screening/search")
        assert pg.locator("#screen-results li.hit .hit-name bdi").first.inner_text() == NAME
    finally:
        context.close()


def test_upload_a_csv_watch_it_finish_and_download_the_results(page, wanted):
    page.goto("/screening/batch")
    content = "id;name;birth_date\nq1;Nurbagandov Magomed;1985-01-02\nq2;Smith John;1970\n"
    page.get_by_label("File").set_input_files(
        {"name": "queries.csv", "mimeType": "text/csv", "buffer": content.encode("utf-8")}
    )
    page.get_by_label("Purpose (required)").select_option("request")
    page.get_by_label("Purpose details").fill("RU-2026-77")
    page.get_by_role("button", name="Upload and screen").click()

    expect(page.locator("#batch-downloads")).to_be_visible(timeout=15_000)
    assert page.locator("#batch-state").inner_text() == "Done: 2 of 2 queries screened."
    assert page.locator("progress#batch-progress-bar").get_attribute("value") == "2"
    assert page.locator("#batch-summary .alerts").inner_text() == "1"

    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename.startswith("screening-")
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text("utf-8"))))
    assert rows[0]["query"] == "q1"
    assert rows[0]["match_id"] == wanted.id
    assert rows[0]["alert"] == "yes"


def test_a_file_over_the_upload_limit_is_stopped_before_it_is_sent(page, live_server):
    limit = MAX_BYTES
    page.goto("/screening/batch")
    big = b"id,name\n" + b"q,Ivanov Ivan\n" * (limit // 14 + 10)
    page.get_by_label("File").set_input_files(
        {"name": "big.csv", "mimeType": "text/csv", "buffer": big}
    )
    page.get_by_label("Purpose (required)").select_option("request")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.method))
    page.get_by_role("button", name="Upload and screen").click()

    error = page.locator("#f-file-error")
    expect(error).to_be_visible()
    assert error.inner_text().startswith("The file is larger than")
    assert page.get_by_label("File").get_attribute("aria-invalid") == "true"
    assert "POST" not in requests
