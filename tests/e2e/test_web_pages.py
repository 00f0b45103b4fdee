"""The web pages over HTTP, checked by DOM selectors (tests/e2e/conftest.py)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.notices import JudicialData, Notice, NoticeKind, NoticeStatus, NoticeType
from ncbdesk.domain.persons import NameKind, Person, PersonName
from ncbdesk.domain.security import Handling, HandlingCode, Role
from ncbdesk.services import notices as notice_svc
from ncbdesk.services import persons as person_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter, PersonFilter

HERE = Actor.system("RU")


@pytest.fixture
def client(client, sign_in_web):
    """Every page here is seen by a supervisor of bureau RU, signed in through /login.

    A supervisor reads and writes persons and notices; what other roles are
    offered is in test_web_signed_in.py.
    """
    sign_in_web(client, Role.SUPERVISOR)
    return client


def add_person(app, *names: str, owner: str = "RU", **kw) -> Person:
    person = Person(
        owner_bureau=owner,
        names=[
            PersonName(n, kind=NameKind.PRIMARY if i == 0 else NameKind.ALIAS)
            for i, n in enumerate(names)
        ],
        **kw,
    )
    return person_svc.create_person(app.state.ctx.uow(), Actor.system(owner), person)


def add_notice(app, title: str, owner: str = "RU", **kw) -> Notice:
    notice = Notice(type=kw.pop("type", NoticeType.RED), owner_bureau=owner, title=title, **kw)
    return notice_svc.create_notice(app.state.ctx.uow(), Actor.system(owner), notice)


def person_count(app) -> int:
    return person_svc.list_persons(app.state.ctx.uow(), HERE, PersonFilter(), 0, 1).total


def row_names(doc) -> list[str]:
    return [th.text for th in doc.select("#persons-table tbody th[scope=row]")]


def post(client, url: str, data: dict[str, str] | None = None):
    """Submit a form as a browser would, without following the redirect."""
    return client.post(url, data=data or {}, follow_redirects=False)


def follow(client, response):
    assert response.status_code == 303, response.text[:500]
    return client.get(response.headers["location"])


# ---------------------------------------------------------------------------
# Layout, navigation, accessibility basics


def test_home_shows_counts_navigation_and_landmarks(app, client, dom):
    p = add_person(app, "Иванов Иван")
    add_notice(app, "Wanted for fraud", subject_ids=[p.id])
    add_notice(app, "Missing child", type=NoticeType.YELLOW)

    doc = dom(client.get("/"))

    nav = doc.one("header nav[aria-label=Main]")
    labels = [a.text for a in nav.select("a")]
    assert labels[:3] == ["Home", "Persons", "Notices"]
    assert len(labels) == len(set(labels))
    assert nav.one("a[aria-current=page]").text == "Home"
    assert doc.one("a.skip").get("href") == "#main"
    assert doc.one("main#main")
    assert doc.one("footer")
    assert doc.one(".card .big a[href='/persons']").text == "1"
    assert doc.one(".card .big a[href='/notices']").text == "2"
    by_type = {
        tr.one("th").text: tr.one("td").text for tr in doc.select("#notices-by-type tbody tr")
    }
    assert by_type["Red Notice"] == "1"
    assert by_type["Yellow Notice"] == "1"
    assert by_type["Blue Notice"] == "0"
    by_status = {
        tr.one("th").text: tr.one("td").text for tr in doc.select("#notices-by-status tbody tr")
    }
    assert by_status["draft"] == "2"
    form = doc.one("form[role=search][action='/persons']")
    assert form.one("input[name=name]").get("id") == "home-name"


def test_home_counts_write_no_audit_entries(app, client):
    """Counts reveal no personal data: loading the desk must not flood the trail."""
    add_notice(app, "Wanted for fraud")
    uow = app.state.ctx.uow()

    def entries() -> int:
        with uow:
            return uow.audit.list(AuditFilter(), 0, 1).total

    before = entries()
    assert client.get("/").status_code == 200
    assert entries() == before


def test_current_section_is_marked_in_the_navigation(client, dom):
    doc = dom(client.get("/persons"))
    assert doc.one("nav[aria-label=Main] a[aria-current=page]").text == "Persons"


PAGES = ["/", "/persons", "/persons/new", "/notices", "/notices/new"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_inline_script_style_or_handlers(client, dom, path):
    doc = dom(client.get(path))
    scripts = doc.select("script")
    assert [s.get("src") for s in scripts] == ["/static/htmx.min.js", "/static/app.js"]
    assert all(not s.children for s in scripts)
    assert not doc.select("style")
    for el in doc.elements():
        assert "style" not in el.attrs, el
        assert not [a for a in el.attrs if a.startswith("on")], el


@pytest.mark.parametrize("path", PAGES)
def test_every_control_has_a_label_and_every_table_a_caption(client, dom, path):
    doc = dom(client.get(path))
    labelled = {label.get("for") for label in doc.select("label")}
    for control in doc.select("input, select, textarea"):
        if control.get("type") == "hidden":
            continue
        assert control.get("id") in labelled or control.get("aria-label"), control
    for table in doc.select("table"):
        assert table.select("caption"), table
        assert all(th.get("scope") in ("col", "row") for th in table.select("th"))
    ids = [el.get("id") for el in doc.elements() if el.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_static_files_are_served(client):
    assert client.get("/static/htmx.min.js").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")


# ---------------------------------------------------------------------------
# Persons list and search


def test_persons_list_searches_any_script_from_a_latin_spelling(app, client, dom):
    add_person(app, "Нурбагандов Магомед")
    add_person(app, "Smith John")

    doc = dom(client.get("/persons", params={"name": "nurbagandov"}))

    assert row_names(doc) == ["Нурбагандов Магомед"]
    assert doc.one("#q-name").get("value") == "nurbagandov"
    assert doc.one("#persons-table caption").text.endswith(": 1")


def test_search_box_is_wired_for_htmx_and_works_as_a_plain_form(client, dom):
    doc = dom(client.get("/persons"))
    form = doc.one("form.filters")
    assert form.get("method") == "get" and form.get("action") == "/persons"
    assert form.get("hx-target") == "#person-results"
    assert form.get("hx-push-url") == "true"
    box = form.one("input[name=name]")
    assert box.get("hx-get") == "/persons/table"
    assert box.get("hx-trigger").startswith("input changed delay:300ms")
    assert form.one("button[type=submit]")
    assert doc.one("#person-results > table#persons-table")


def test_results_fragment_is_only_the_table_and_pushes_the_page_url(app, client, dom):
    add_person(app, "Нурбагандов Магомед")
    r = client.get("/persons/table", params={"name": "нурбаг"}, headers={"HX-Request": "true"})

    doc = dom(r)
    assert not doc.select("html, header, nav[aria-label=Main]")
    assert row_names(doc) == ["Нурбагандов Магомед"]
    assert doc.one("#persons-status[hx-swap-oob=innerHTML]").text == "1 found"
    pushed = urlsplit(r.headers["hx-push-url"])
    assert pushed.path == "/persons"
    assert parse_qs(pushed.query) == {"name": ["нурбаг"]}


def test_results_fragment_opened_directly_is_the_whole_page(app, client, dom):
    add_person(app, "Нурбагандов Магомед")
    doc = dom(client.get("/persons/table", params={"name": "nurb"}))
    assert doc.one("nav[aria-label=Main]")
    assert doc.one("#person-results > table#persons-table")
    assert doc.one("#q-name").get("value") == "nurb"


def test_persons_list_filters_by_nationality(app, client, dom):
    add_person(app, "Петров Пётр", nationalities=["RU"])
    add_person(app, "Müller Hans", nationalities=["DE"])

    doc = dom(client.get("/persons", params={"nationality": "DE"}))

    assert row_names(doc) == ["Müller Hans"]
    assert doc.one("#q-nationality option[selected]").get("value") == "DE"


def test_persons_list_pages_keep_the_filter(app, client, dom):
    for i in range(53):
        add_person(app, f"Testperson {i:02d}")
    add_person(app, "Someone Else")

    first = dom(client.get("/persons", params={"name": "testperson"}))
    assert len(row_names(first)) == 50
    assert first.one(".pager p").text == "1–50 of 53"
    assert not first.select(".pager a[rel=prev]")
    next_url = first.one(".pager a[rel=next]").get("href")
    assert parse_qs(urlsplit(next_url).query) == {"name": ["testperson"], "offset": ["50"]}

    second = dom(client.get(next_url))
    assert row_names(second) == ["Testperson 50", "Testperson 51", "Testperson 52"]
    assert second.one(".pager a[rel=prev]").get("href") == "/persons?name=testperson"
    assert not second.select(".pager a[rel=next]")


# ---------------------------------------------------------------------------
# Person page


def test_person_page_renders_each_name_in_its_own_script_and_direction(app, client, dom):
    p = add_person(
        app,
        "Нурбагандов Магомед",
        "محمد نور",
        nationalities=["RU", "DE"],
        birth_dates=[PartialDate(1980, 5)],
    )
    p.names.append(PersonName("Nurbagandov Magomed", NameKind.TRANSLITERATION, scheme="ICAO"))
    person_svc.update_person(app.state.ctx.uow(), HERE, p.id, p, p.version)

    doc = dom(client.get(f"/persons/{p.id}"))

    assert doc.one("h1 bdi.pname").text == "Нурбагандов Магомед"
    rows = doc.select("table#names tbody tr")
    names = [(r.one("th bdi").text, r.one("th bdi").get("dir")) for r in rows]
    assert names == [
        ("Нурбагандов Магомед", "ltr"),
        ("محمد نور", "rtl"),
        ("Nurbagandov Magomed", "ltr"),
    ]
    cells = [td.text for td in rows[2].select("td")]
    assert cells[:3] == ["transliteration", "latin", "ICAO"]
    assert [td.text for td in rows[1].select("td")][:2] == ["alias", "arabic"]
    assert [li.text for li in doc.select("#nationalities li")] == [
        "Russian Federation (RU)",
        "Germany (DE)",
    ]
    assert doc.one("#identity .bd").text == "1980-05"


def test_person_page_lists_the_notices_about_the_person(app, client, dom):
    p = add_person(app, "Иванов Иван")
    n = add_notice(app, "Wanted for robbery", subject_ids=[p.id])
    add_notice(app, "Someone else's notice")

    doc = dom(client.get(f"/persons/{p.id}"))

    links = doc.select("#person-notices tbody th a")
    assert [(a.text, a.get("href")) for a in links] == [("Wanted for robbery", f"/notices/{n.id}")]
    new = doc.one("a[href^='/notices/new?subject=']")
    assert new.get("href") == f"/notices/new?subject={p.id}"


def test_unknown_person_and_unknown_path_render_the_404_page(client, dom):
    for path in ("/persons/doesnotexist", "/no/such/page"):
        r = client.get(path)
        assert r.status_code == 404
        doc = dom(r)
        assert doc.one("main h1").text == "Not found"
        assert doc.one("nav[aria-label=Main]")


def test_a_name_with_markup_is_escaped(app, client, dom):
    r = post(client, "/persons/new", data={"names[0].full": "<script>alert(1)</script>"})
    doc = dom(follow(client, r))

    assert doc.one("h1 bdi").text == "<script>alert(1)</script>"
    assert not doc.select("main script, main img")
    assert len(doc.select("script")) == 2  # the two in <head>, nothing injected
    listed = dom(client.get("/persons"))
    assert row_names(listed) == ["<script>alert(1)</script>"]
    assert not listed.select("main script")


# ---------------------------------------------------------------------------
# Create, edit, delete


def test_create_person_through_the_form(app, client, dom):
    form = dom(client.get("/persons/new")).one("form#person-form")
    assert form.get("method") == "post" and form.get("action") == "/persons/new"
    assert form.one("select#f-names-0-kind option[selected]").get("value") == "primary"
    assert form.one("select#f-names-1-kind option[selected]").get("value") == "alias"

    r = post(
        client,
        "/persons/new",
        data={
            "names[0].full": "Нурбагандов Магомед Алиевич",
            "names[0].kind": "primary",
            "names[1].full": "",  # a blank row is skipped
            "names[2].full": "Nurbagandov Magomed",
            "names[2].kind": "transliteration",
            "names[2].scheme": "ICAO Doc 9303",
            "birth_dates[0]": "12.05.1980",
            "nationalities[0]": "ru",
            "sex": "male",
            "documents[0].number": "75 1234567",
            "documents[0].type": "passport",
            "documents[0].issuing_country": "RU",
            "documents[0].valid_until": "2030-01-31",
            "description.height_cm": "182",
            "notes": "Seen in Makhachkala.",
        },
    )
    assert r.status_code == 303
    location = r.headers["location"]
    doc = dom(client.get(location))

    assert doc.one("p.flash[role=status]").text == "Saved."
    assert [r.one("th").text for r in doc.select("table#names tbody tr")] == [
        "Нурбагандов Магомед Алиевич",
        "Nurbagandov Magomed",
    ]
    assert doc.one("#identity .bd").text == "1980-05-12"
    assert doc.one("#owner").text == "Russian Federation (RU)"
    assert [c.text for c in doc.select("#documents tbody th")] == ["75 1234567"]
    assert doc.one("#notes").text == "Seen in Makhachkala."
    person_id = urlsplit(location).path.rsplit("/", 1)[1]
    stored = person_svc.get_person(app.state.ctx.uow(), HERE, person_id)
    assert stored.nationalities == ["RU"]
    assert stored.description.height_cm == 182
    assert stored.names[1].kind == NameKind.TRANSLITERATION


def _error_beside(doc, input_id: str) -> str:
    """The error shown in the same field as the input, checked for ARIA wiring."""
    control = doc.one(f"#{input_id}")
    assert control.get("aria-invalid") == "true"
    error = doc.one(f"#{input_id}-error")
    assert error.get("id") in control.get("aria-describedby", "").split()
    assert error.parent is control.parent and "field" in control.parent.classes
    return error.text


def test_invalid_person_form_shows_each_error_beside_its_field(app, client, dom):
    r = post(
        client,
        "/persons/new",
        data={
            "names[0].full": "Петров Пётр",
            "names[2].full": "Petrov\u200bPyotr",  # invisible character; row 1 left blank
            "birth_dates[0]": "1970-13",
            "nationalities[0]": "RU",
            "nationalities[1]": "XX",
            "description.height_cm": "tall",
            "documents[0].number": "A1",
            "documents[0].issuing_country": "QQ",
        },
    )

    assert r.status_code == 422
    doc = dom(r)
    assert "contains control or invisible characters" in _error_beside(doc, "f-names-2-full")
    assert "month 13 does not exist" in _error_beside(doc, "f-birth-dates-0")
    assert "'XX' is not an ISO 3166 country code" in _error_beside(doc, "f-nationalities-1")
    assert _error_beside(doc, "f-description-height-cm") == "must be a whole number"
    assert "'QQ'" in _error_beside(doc, "f-documents-0-issuing-country")
    assert not doc.select("#f-names-0-full[aria-invalid]")
    assert not doc.select("#f-nationalities-0[aria-invalid]")
    # The values typed are kept.
    assert doc.one("#f-names-0-full").get("value") == "Петров Пётр"
    assert doc.one("#f-nationalities-1").get("value") == "XX"
    assert doc.one("#f-description-height-cm").get("value") == "tall"
    # The summary links to the fields.
    targets = [a.get("href") for a in doc.select("#error-summary li a")]
    assert "#f-names-2-full" in targets and "#f-nationalities-1" in targets
    assert person_count(app) == 0


def test_person_without_any_name_gets_the_error_at_the_names_group(app, client, dom):
    r = post(client, "/persons/new", data={"names[0].full": "  ", "sex": "male"})
    assert r.status_code == 422
    doc = dom(r)
    group = doc.one("fieldset#f-names")
    assert group.one("p.field-error").text == "a person needs at least one name"
    assert group.get("aria-describedby") == "f-names-error"
    assert person_count(app) == 0


def test_edit_person_keeps_version_in_the_hidden_field_and_saves(app, client, dom):
    p = add_person(app, "Сидоров Сидор", nationalities=["RU"])

    form = dom(client.get(f"/persons/{p.id}/edit")).one("form#person-form")
    assert form.one("input[type=hidden][name=version]").get("value") == "1"
    assert form.one("#f-names-0-full").get("value") == "Сидоров Сидор"
    assert form.one("#f-nationalities-0").get("value") == "RU"

    r = post(
        client,
        f"/persons/{p.id}/edit",
        data={
            "version": "1",
            "names[0].full": "Сидоров Сидор",
            "names[1].full": "Sidorov Sidor",
            "names[1].kind": "transliteration",
            "nationalities[0]": "RU",
            "nationalities[1]": "KZ",
        },
    )
    doc = dom(follow(client, r))
    assert doc.one("p.flash").text == "Changes saved."
    assert [li.text for li in doc.select("#nationalities li")] == [
        "Russian Federation (RU)",
        "Kazakhstan (KZ)",
    ]
    assert person_svc.get_person(app.state.ctx.uow(), HERE, p.id).version == 2


def test_edit_with_a_stale_version_is_refused_and_keeps_the_input(app, client, dom):
    p = add_person(app, "Сидоров Сидор")
    data = {"version": "1", "names[0].full": "Сидоров Сидор Сидорович"}
    follow(client, post(client, f"/persons/{p.id}/edit", data=data))

    r = post(client, f"/persons/{p.id}/edit", data={**data, "names[0].full": "Другое Имя"})

    assert r.status_code == 409
    doc = dom(r)
    assert "reload and try again" in doc.one("#error-summary h2").text
    assert doc.one("#f-names-0-full").get("value") == "Другое Имя"
    stored = person_svc.get_person(app.state.ctx.uow(), HERE, p.id)
    assert stored.display_name == "Сидоров Сидор Сидорович"


def test_delete_person_asks_for_confirmation_then_deletes(app, client, dom):
    p = add_person(app, "Удаляемый Человек")

    confirm = dom(client.get(f"/persons/{p.id}/delete"))
    form = confirm.one("main form.confirm")
    assert form.get("method") == "post"
    assert form.get("action") == f"/persons/{p.id}/delete"
    assert form.one("button[type=submit]").text == "Delete this person"
    assert person_count(app) == 1  # asking changed nothing

    doc = dom(follow(client, post(client, f"/persons/{p.id}/delete")))
    assert doc.one("p.flash").text == "Deleted."
    assert client.get(f"/persons/{p.id}").status_code == 404


def test_another_bureaus_person_cannot_be_edited_or_deleted(app, client, dom):
    p = add_person(app, "Schmidt Klaus", owner="DE")

    page = dom(client.get(f"/persons/{p.id}"))
    assert not page.select(f"a[href='/persons/{p.id}/edit'], a[href='/persons/{p.id}/delete']")
    assert "Germany (DE)" in page.one("#owner-note").text
    assert not dom(client.get(f"/persons/{p.id}/delete")).select("main form")

    r = post(client, f"/persons/{p.id}/delete")
    assert r.status_code == 403
    doc = dom(r)
    assert doc.one("main h1").text == "Not allowed"
    assert "Only the owning bureau (DE)" in doc.one("p.error-message").text
    r = post(client, f"/persons/{p.id}/edit", data={"version": "1", "names[0].full": "Hacked"})
    assert r.status_code == 403
    assert person_svc.get_person(app.state.ctx.uow(), HERE, p.id).display_name == "Schmidt Klaus"


# ---------------------------------------------------------------------------
# Notices


def test_notices_list_filters_by_type_status_and_text(app, client, dom):
    add_notice(app, "Wanted for fraud", reference="2024/111")
    add_notice(app, "Missing teenager", type=NoticeType.YELLOW)
    add_notice(
        app,
        "Diffused warning",
        type=NoticeType.BLUE,
        kind=NoticeKind.DIFFUSION,
        recipient_countries=["DE"],
    )

    def titles(**params) -> list[str]:
        doc = dom(client.get("/notices", params=params))
        return [a.text for a in doc.select("#notices-table tbody th a")]

    assert sorted(titles()) == ["Diffused warning", "Missing teenager", "Wanted for fraud"]
    assert titles(type="yellow") == ["Missing teenager"]
    assert titles(kind="diffusion") == ["Diffused warning"]
    assert titles(q="2024/111") == ["Wanted for fraud"]
    assert titles(status="published") == []
    assert len(titles(status="draft")) == 3
    doc = dom(client.get("/notices", params={"type": "yellow"}))
    assert doc.one("#q-type option[selected]").get("value") == "yellow"
    assert client.get("/notices", params={"type": "pink"}).status_code == 422


def test_notices_fragment_pushes_the_page_url(app, client, dom):
    add_notice(app, "Wanted for fraud")
    r = client.get(
        "/notices/table", params={"type": "red", "q": "fraud"}, headers={"HX-Request": "true"}
    )
    doc = dom(r)
    assert not doc.select("html")
    assert [a.text for a in doc.select("#notices-table tbody th a")] == ["Wanted for fraud"]
    assert parse_qs(urlsplit(r.headers["hx-push-url"]).query) == {"type": ["red"], "q": ["fraud"]}


def test_notice_page_shows_judicial_data_subjects_history_and_validity(app, client, dom):
    p = add_person(app, "Иванов Иван")
    n = add_notice(
        app,
        "Wanted for fraud",
        subject_ids=[p.id],
        reference="2024/555",
        judicial=JudicialData(
            offence="Fraud", max_penalty_months=120, extradition_countries=["DE"]
        ),
    )
    with app.state.ctx.uow() as uow:
        stored = uow.notices.get(n.id)
        for status in (NoticeStatus.SUBMITTED, NoticeStatus.IN_REVIEW, NoticeStatus.PUBLISHED):
            stored.move_to(status, by="gs")
        stored.version += 1
        uow.notices.update(stored)
        uow.commit()

    doc = dom(client.get(f"/notices/{n.id}"))

    assert doc.one("h1").text == "Wanted for fraud"
    assert doc.one("#status").text == "published"
    subject = doc.one("#subjects tbody th a")
    assert (subject.text, subject.get("href")) == ("Иванов Иван", f"/persons/{p.id}")
    facts = {
        dt.text: dd.text
        for dt, dd in zip(doc.select("#judicial dt"), doc.select("#judicial dd"), strict=True)
    }
    assert facts["Offence"] == "Fraud"
    assert facts["Maximum penalty"] == "120 months"
    assert facts["Extradition will be sought from"] == "Germany (DE)"
    history = [tr.select("td")[0].text for tr in doc.select("#history tbody tr")]
    assert history == ["submitted", "in review", "published"]
    assert doc.one("#valid-until").text == stored.valid_until.isoformat()
    assert doc.one("#review-due").text == stored.review_due_on.isoformat()
    assert not doc.select(f"a[href='/notices/{n.id}/edit']")  # published: not editable


def test_create_red_notice_through_the_form(app, client, dom):
    p = add_person(app, "Иванов Иван")
    # The wizard starts at the type and carries the chosen person to step 2.
    form = dom(client.get("/notices/new", params={"subject": p.id})).one("form#notice-form")
    assert form.one("input[type=hidden][name=subject_ids]").get("value") == p.id

    r = post(
        client,
        "/notices/new",
        data={
            "type": "red",
            "kind": "notice",
            "title": "Wanted for armed robbery",
            "subject_ids": p.id,
            "judicial.offence": "Armed robbery",
            "judicial.max_penalty_months": "180",
            "judicial.warrant_date": "2024-03-01",
            "judicial.extradition_countries": "de, fr",
        },
    )
    doc = dom(follow(client, r))

    assert doc.one("h1").text == "Wanted for armed robbery"
    assert doc.one("#status").text == "draft"
    assert doc.one("#subjects tbody th a").get("href") == f"/persons/{p.id}"
    edit = doc.one("a.button[href$='/edit']")
    notice_id = edit.get("href").split("/")[2]
    stored = notice_svc.get_notice(app.state.ctx.uow(), HERE, notice_id)
    assert stored.judicial is not None
    assert stored.judicial.extradition_countries == ["DE", "FR"]
    assert stored.judicial.max_penalty_months == 180


def test_invalid_notice_form_shows_errors_beside_fields(app, client, dom):
    r = post(
        client,
        "/notices/new",
        data={
            "type": "blue",
            "kind": "diffusion",
            "title": "",
            "subject_ids": "nosuchperson",
            "judicial.max_penalty_months": "5000",
        },
    )
    assert r.status_code == 422
    doc = dom(r)
    # The wizard opens the first step with an error; every error is listed at the top.
    assert doc.one("li[aria-current=step]").text == "1. Type"
    assert "at least one country" in _error_beside(doc, "f-recipient-countries")
    assert doc.one("#f-type option[selected]").get("value") == "blue"
    assert doc.one("#f-kind option[selected]").get("value") == "diffusion"
    summary = [li.text for li in doc.select("#error-summary li")]
    assert "Title: the title is empty" in summary
    assert any("between 0 and 1200" in item for item in summary)

    # Subjects are checked once the form itself is valid: the person step opens.
    r = post(client, "/notices/new", data={"type": "red", "title": "X", "subject_ids": "nobody"})
    assert r.status_code == 422
    assert "no person with id nobody" in _error_beside(dom(r), "f-subject-ids")


def test_edit_and_delete_a_draft_notice(app, client, dom):
    n = add_notice(app, "Draft notice", type=NoticeType.BLUE)

    form = dom(client.get(f"/notices/{n.id}/edit")).one("form#notice-form")
    assert form.one("input[type=hidden][name=version]").get("value") == "1"
    r = post(
        client,
        f"/notices/{n.id}/edit",
        data={"version": "1", "type": "blue", "kind": "notice", "title": "Renamed notice"},
    )
    assert dom(follow(client, r)).one("h1").text == "Renamed notice"

    confirm = dom(client.get(f"/notices/{n.id}/delete")).one("main form.confirm")
    assert confirm.get("method") == "post"
    doc = dom(follow(client, post(client, f"/notices/{n.id}/delete")))
    assert doc.one("p.flash").text == "Deleted."
    assert client.get(f"/notices/{n.id}").status_code == 404


# ---------------------------------------------------------------------------
# What the forms do not edit


def test_editing_a_person_keeps_the_handling_codes_shown_on_the_page(app, client, dom):
    handling = Handling(codes=[HandlingCode.NO_FORWARDING], restrictions="Ask the owner first.")
    p = add_person(app, "Закрытый Человек", handling=handling)

    page = dom(client.get(f"/persons/{p.id}"))
    lines = [li.text for li in page.select("#handling li")]
    assert lines[0].startswith("H1") and lines[1] == "Restrictions: Ask the owner first."

    r = post(client, f"/persons/{p.id}/edit", {"version": "1", "names[0].full": "Другое Имя"})
    follow(client, r)
    stored = person_svc.get_person(app.state.ctx.uow(), HERE, p.id)
    assert stored.display_name == "Другое Имя"
    assert stored.handling == handling


def test_notice_article_3_context_round_trips_through_the_form(app, client, dom):
    r = post(
        client,
        "/notices/new",
        {
            "type": "blue",
            "title": "Locate a witness",
            "context.person_status": "journalist",
            "context.election_period": "on",
        },
    )
    doc = dom(follow(client, r))
    facts = {
        dt.text: dd.text
        for dt, dd in zip(doc.select("#context dt"), doc.select("#context dd"), strict=True)
    }
    assert facts["Subject's standing"] == "journalist"
    assert facts["Election period"] == "yes"
    assert facts["Refugee status against the requester"] == "no"

    edit_url = doc.one("a.button[href$='/edit']").get("href")
    form = dom(client.get(edit_url)).one("form#notice-form")
    assert form.one("#f-context-election-period").get("checked") is not None
    assert form.one("#f-context-refugee-status-against-requester").get("checked") is None
    assert form.one("#f-context-person-status").get("value") == "journalist"
