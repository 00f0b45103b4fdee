"""The step-by-step notice form: each type's fields, checks beside the fields as
you go, the Article 3 reasons on review, nothing stored before saving, and the
state carried between steps checked again at the end."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.notice_checks import TYPE_FIELDS
from ncbdesk.domain.notices import NoticeKind, NoticeStatus, NoticeType
from ncbdesk.domain.persons import NameKind, Person, PersonName, Sex
from ncbdesk.domain.security import Role
from ncbdesk.entrypoints.web.forms import field_id
from ncbdesk.services import notices as notice_svc
from ncbdesk.services import persons as person_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter, PersonFilter

SYSTEM = Actor.system("RU")

RED = {
    "type": "red",
    "kind": "notice",
    "title": "Red Notice — ALIEV, Ruslan",
    "judicial.offence": "Murder committed by a group",
    "judicial.facts": "On 3 May 2023 in Makhachkala he shot two men during a robbery.",
    "judicial.legal_provisions": "Criminal Code of the Russian Federation, art. 105 part 2",
    "judicial.max_penalty_months": "240",
    "judicial.warrant_reference": "3/12-88/2023",
    "judicial.issuing_authority": "Leninsky District Court of Makhachkala",
    "judicial.extradition_countries": "TR",
}


@pytest.fixture
def client(client, sign_in_web):
    sign_in_web(client, Role.CASE_OFFICER)
    return client


def add_subject(app, name: str = "Руслан Алиев") -> Person:
    given, family = name.split()
    person = Person(
        owner_bureau="RU",
        names=[PersonName(name, kind=NameKind.PRIMARY, given=given, family=family)],
        birth_dates=[PartialDate.parse("1979-03-14")],
        nationalities=["RU"],
        sex=Sex.MALE,
    )
    return person_svc.create_person(app.state.ctx.uow(), SYSTEM, person)


def counts(app) -> tuple[int, int]:
    uow = app.state.ctx.uow()
    notices = notice_svc.list_notices(uow, SYSTEM, NoticeFilter(), 0, 1).total
    persons = person_svc.list_persons(uow, SYSTEM, PersonFilter(), 0, 1).total
    return notices, persons


def step(client, values: dict[str, str], current: int, go: str):
    return client.post("/notices/new/step", data={**values, "step": str(current), "go": go})


def form_data(doc) -> dict[str, str]:
    """What the browser would send from the wizard's form (no button)."""
    data: dict[str, str] = {}
    form = doc.one("form#notice-form")
    for el in form.select("input"):
        kind = el.get("type") or "text"
        if kind == "checkbox" and "checked" not in el.attrs:
            continue
        if kind in ("submit", "button") or not el.get("name"):
            continue
        data[el.get("name") or ""] = el.get("value") or ""
    for el in form.select("select"):
        chosen = [o for o in el.select("option") if "selected" in o.attrs] or el.select("option")
        data[el.get("name") or ""] = chosen[0].get("value") or ""
    for el in form.select("textarea"):
        data[el.get("name") or ""] = el.text
    return data


def press(client, doc, button_id: str, **typed: str):
    """Fill in `typed` on the page and press a button of the form, as a browser does."""
    button = doc.one(f"#{button_id}")
    data = {**form_data(doc), **typed, button.get("name") or "": button.get("value") or ""}
    action = button.get("formaction") or doc.one("form#notice-form").get("action")
    return client.post(action or "", data=data, follow_redirects=False)


def error_beside(doc, name: str) -> str:
    control = doc.one(f"#{field_id(name)}")
    assert control.get("aria-invalid") == "true"
    error = doc.one(f"#{field_id(name)}-error")
    assert error.get("id") in control.get("aria-describedby", "").split()
    return error.text


def check_beside(doc, name: str) -> str:
    """The minimum-data check shown in the slot after a field ("" when it passes)."""
    slot = doc.one(f"#{field_id(name)}-check")
    return slot.text


@pytest.mark.parametrize("type_", list(NoticeType))
def test_step_3_shows_the_fields_of_each_type(client, dom, type_):
    r = step(client, {"type": type_.value, "kind": "notice"}, 2, "3")
    assert r.status_code == 200
    doc = dom(r)
    assert doc.one("#type-fields").get("data-type") == type_.value
    shown = {
        el.get("name")
        for el in doc.select("#step-body input, #step-body textarea, #step-body select")
    }
    assert shown == {"title", "reference", *TYPE_FIELDS[type_]}
    # the other steps' values travel as hidden inputs, never shown twice
    hidden = {el.get("name") for el in doc.select("form#notice-form > input[type=hidden]")}
    assert {"type", "kind"} <= hidden
    assert not hidden & shown
    # each input names its check slot, and every slot it names is on the page
    for el in doc.select("#step-body input, #step-body textarea, #step-body select"):
        described = (el.get("aria-describedby") or "").split()
        slot = f"{field_id(el.get('name') or '')}-check"
        assert slot in described, el.get("name")
        assert all(doc.select(f"#{i}") for i in described), described


def test_red_fields_and_a_yellow_summary_label_say_what_is_needed(client, dom):
    red = dom(step(client, {"type": "red"}, 2, "3"))
    assert red.one("#f-judicial-max-penalty-months")
    assert red.one("#f-judicial-extradition-countries")
    yellow = dom(step(client, {"type": "yellow"}, 2, "3"))
    assert not yellow.select("#f-judicial-offence")
    assert "circumstances of the disappearance" in yellow.one("#f-summary-hint").text


def test_a_red_notice_missing_its_penalty_shows_the_check_beside_the_field(app, client, dom):
    person = add_subject(app)
    values = {**RED, "subject_ids": person.id, "step": "3"}
    del values["judicial.max_penalty_months"]
    r = client.post("/notices/new/check", data=values, headers={"HX-Request": "true"})
    assert r.status_code == 200
    doc = dom(r)
    # the answer swaps the panel and, out of band, the slot beside each field
    assert check_beside(doc, "judicial.max_penalty_months") == (
        "the maximum penalty (or the sentence) is needed"
    )
    assert check_beside(doc, "judicial.offence") == ""
    assert [li.text for li in doc.select("#check-list li")] == [
        "Judicial data, max penalty months: the maximum penalty (or the sentence) is needed"
    ]
    assert not doc.select("input, textarea, select")  # what is typed is never replaced
    # a penalty below the threshold is named as such
    r = client.post("/notices/new/check", data={**values, "judicial.max_penalty_months": "12"})
    assert "below the threshold" in check_beside(dom(r), "judicial.max_penalty_months")
    # and with the penalty every check passes
    r = client.post("/notices/new/check", data={**values, "judicial.max_penalty_months": "240"})
    doc = dom(r)
    assert doc.one("#checks-ok")
    assert check_beside(doc, "judicial.max_penalty_months") == ""
    # back from review, the page itself shows the check in the same slot
    del values["step"]
    doc = dom(step(client, values, 4, "3"))
    assert "maximum penalty" in check_beside(doc, "judicial.max_penalty_months")
    slot = doc.one(f"#{field_id('judicial.max_penalty_months')}-check")
    field_box = doc.one(f"#{field_id('judicial.max_penalty_months')}").parent
    assert slot.parent is field_box.parent  # right after the field
    assert counts(app) == (0, 1)


def test_a_political_offence_shows_the_assessment_reasons_on_review(app, client, dom):
    person = add_subject(app)
    values = {
        **RED,
        "subject_ids": person.id,
        "judicial.offence": "Insulting the President",
        "judicial.legal_provisions": "Criminal Code, art. 319",
        "judicial.facts": "Called the president a dictator in a blog post.",
    }
    doc = dom(step(client, values, 3, "4"))
    assert doc.one("#risk").text == "high"
    reasons = [li.text for li in doc.select("#assessment-reasons li")]
    assert any("Insulting" in r and "pure political offence" in r for r in reasons)
    assert doc.one("#save-draft") and doc.one("#save-submit")
    assert counts(app) == (0, 1)


def test_walking_the_steps_writes_nothing_until_saved(app, client, dom):
    before = counts(app)
    doc = dom(client.get("/notices/new"))
    assert doc.one("ol#wizard-steps li[aria-current=step]").text == "1. Type"
    doc = dom(press(client, doc, "next", type="red"))
    assert doc.one("li[aria-current=step]").text == "2. Person"
    doc = dom(
        press(
            client,
            doc,
            "next",
            **{"new.family": "Petrov", "new.given": "Pavel", "new.birth_date": "1980-02"},
            **{"new.nationality": "ru", "new.sex": "male"},
        )
    )
    assert doc.one("li[aria-current=step]").text == "3. Details"
    typed = {k: v for k, v in RED.items() if k not in ("type", "kind")}
    doc = dom(press(client, doc, "next", **typed))
    assert doc.one("li[aria-current=step]").text == "4. Review"
    assert doc.one("#review-person").text == "Pavel Petrov (new record)"
    assert doc.one("#checks-ok")
    assert counts(app) == before

    r = press(client, doc, "save-submit")
    assert r.status_code == 303
    notice_id = r.headers["location"].split("/")[2].split("?")[0]
    stored = notice_svc.get_notice(app.state.ctx.uow(), SYSTEM, notice_id)
    assert stored.status == NoticeStatus.IN_REVIEW
    assert stored.judicial is not None and stored.judicial.max_penalty_months == 240
    person = person_svc.get_person(app.state.ctx.uow(), SYSTEM, stored.subject_ids[0])
    assert person.primary_name.full == "Pavel Petrov"
    assert person.nationalities == ["RU"]
    assert counts(app) == (before[0] + 1, before[1] + 1)


def test_an_existing_person_is_found_and_chosen(app, client, dom):
    person = add_subject(app)
    black = dom(step(client, {"type": "black"}, 1, "2"))
    assert black.one("#subject-optional")  # an unidentified body has no known person
    doc = dom(step(client, {"type": "blue"}, 1, "2"))
    assert not doc.select("#subject-optional")
    doc = dom(press(client, doc, "find-person", person_q="Алиев"))
    choose = doc.one("#found tbody button[name=pick]")
    assert choose.get("value") == person.id
    data = {**form_data(doc), "pick": person.id}
    doc = dom(client.post("/notices/new/step", data=data))
    assert doc.one("#f-subject-ids").get("value") == person.id
    assert doc.one("#chosen a").get("href") == f"/persons/{person.id}"
    nothing = dom(press(client, doc, "find-person", person_q="Nobody-at-all"))
    assert nothing.one("#found-none")


def test_a_step_with_errors_is_not_left_and_shows_them_beside_the_fields(app, client, dom):
    r = step(client, {"type": ""}, 1, "2")
    assert r.status_code == 422
    assert error_beside(dom(r), "type") == "choose a notice type"

    r = step(client, {"type": "red", "subject_ids": "nosuchperson"}, 2, "3")
    assert r.status_code == 422
    doc = dom(r)
    assert doc.one("li[aria-current=step]").text == "2. Person"
    assert "no person with id nosuchperson" in error_beside(doc, "subject_ids")

    r = step(client, {"type": "red", "new.family": "Petrov", "new.birth_date": "1980-13"}, 2, "3")
    assert r.status_code == 422
    assert error_beside(dom(r), "new.birth_date")


def test_hidden_fields_are_checked_again_when_saving(app, client, dom):
    person = add_subject(app)
    # A crafted last post: a penalty no form would send, a type that does not exist.
    r = client.post(
        "/notices/new",
        data={**RED, "subject_ids": person.id, "judicial.max_penalty_months": "99999"},
    )
    assert r.status_code == 422
    doc = dom(r)
    assert doc.one("li[aria-current=step]").text == "3. Details"
    assert "between 0 and 1200" in error_beside(doc, "judicial.max_penalty_months")
    r = client.post("/notices/new", data={**RED, "type": "mauve", "subject_ids": person.id})
    assert r.status_code == 422
    assert "not one of the choices" in error_beside(dom(r), "type")
    assert counts(app) == (0, 1)


def test_submitting_with_failed_checks_stores_nothing_but_a_draft_may_be_saved(app, client, dom):
    values = {**RED}
    del values["judicial.warrant_reference"]
    r = client.post("/notices/new", data={**values, "action": "submit"})
    assert r.status_code == 422
    doc = dom(r)
    assert doc.one("li[aria-current=step]").text == "4. Review"
    items = [li.text for li in doc.select("#check-list li")]
    assert any("arrest warrant or judgment reference" in i for i in items)
    assert any("needs the person it is about" in i for i in items)
    assert counts(app) == (0, 0)

    r = client.post("/notices/new", data={**values, "action": "draft"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].endswith("?done=created")
    assert counts(app) == (1, 0)


def test_a_diffusion_goes_to_its_chosen_countries_under_the_same_checks(app, client, dom):
    person = add_subject(app)
    values = {**RED, "kind": "diffusion", "subject_ids": person.id}
    r = step(client, values, 1, "2")
    assert r.status_code == 422
    assert "at least one country" in error_beside(dom(r), "recipient_countries")
    values["recipient_countries"] = "de fr"
    doc = dom(step(client, values, 3, "4"))
    assert doc.one("#review-type").text == "Red Notice — diffusion to DE, FR"
    r = client.post("/notices/new", data={**values, "action": "submit"}, follow_redirects=False)
    assert r.status_code == 303
    notice_id = r.headers["location"].split("/")[2].split("?")[0]
    stored = notice_svc.get_notice(app.state.ctx.uow(), SYSTEM, notice_id)
    assert stored.kind == NoticeKind.DIFFUSION
    assert stored.recipient_countries == ["DE", "FR"]
    assert stored.status == NoticeStatus.IN_REVIEW


def test_a_post_without_the_csrf_token_is_refused(app, client):
    token = client.headers.pop("x-csrf-token")
    try:
        for path in ("/notices/new/step", "/notices/new/check", "/notices/new"):
            r = client.post(path, data={**RED, "step": "3", "go": "4"}, follow_redirects=False)
            assert r.status_code == 403, path
    finally:
        client.headers["x-csrf-token"] = token
    assert counts(app) == (0, 0)


def test_a_role_without_notice_write_is_refused(app, sign_in_web):
    other = TestClient(app)
    sign_in_web(other, Role.DUTY_OFFICER)
    assert other.get("/notices/new").status_code == 403
    for path in ("/notices/new/step", "/notices/new/check", "/notices/new"):
        r = other.post(path, data={**RED, "step": "3", "go": "4"}, follow_redirects=False)
        assert r.status_code == 403, path
    assert counts(app) == (0, 0)
