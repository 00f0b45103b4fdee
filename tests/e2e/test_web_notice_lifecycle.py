"""A notice's lifecycle through the pages: the buttons each caller is offered, the
review queue, the renewals due, and refusals that change nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.notices import JudicialData, Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person, PersonName, Sex
from ncbdesk.domain.security import Role
from ncbdesk.services import notices as notice_svc
from ncbdesk.services import persons as person_svc
from ncbdesk.services.context import Actor

SYSTEM = Actor.system("RU")
JUDICIAL = JudicialData(
    offence="Murder committed by a group",
    facts="On 3 May 2023 in Makhachkala the person shot two men during a robbery.",
    legal_provisions="Criminal Code of the Russian Federation, art. 105 part 2",
    max_penalty_months=240,
    warrant_reference="3/12-88/2023",
    issuing_authority="Leninsky District Court of Makhachkala",
    extradition_countries=["TR"],
)


def add_subject(app) -> Person:
    person = Person(
        owner_bureau="RU",
        names=[PersonName("Руслан Алиев", given="Руслан", family="Алиев")],
        birth_dates=[PartialDate.parse("1979-03-14")],
        nationalities=["RU"],
        sex=Sex.MALE,
    )
    return person_svc.create_person(app.state.ctx.uow(), SYSTEM, person)


def add_notice(app, owner: str = "RU", **kw) -> Notice:
    subject = add_subject(app)
    notice = Notice(
        type=kw.pop("type", NoticeType.RED),
        owner_bureau=owner,
        title=kw.pop("title", "Red Notice — ALIEV, Ruslan"),
        subject_ids=[subject.id],
        **kw,
    )
    return notice_svc.create_notice(app.state.ctx.uow(), Actor.system(owner), notice)


def status_of(app, notice_id: str) -> NoticeStatus:
    return notice_svc.get_notice(app.state.ctx.uow(), SYSTEM, notice_id).status


def forms(doc) -> list[str]:
    """The ids of the lifecycle forms offered on a notice page."""
    return [f.get("id") or "" for f in doc.select("#lifecycle form")]


@pytest.fixture
def reviewer(app, sign_in_web) -> TestClient:
    """A second browser: a legal reviewer of bureau RU."""
    other = TestClient(app)
    sign_in_web(other, Role.LEGAL_REVIEWER)
    return other


def test_missing_minimum_data_is_listed_by_field_and_nothing_changes(app, client, dom, sign_in_web):
    sign_in_web(client, Role.CASE_OFFICER)
    notice = add_notice(app, judicial=JudicialData(offence="Fraud"))
    page = dom(client.get(f"/notices/{notice.id}"))
    assert forms(page) == ["submit-form", "cancel-form"]

    r = client.post(f"/notices/{notice.id}/submit", follow_redirects=False)
    assert r.status_code == 422
    doc = dom(r)
    rows = {tr.one("th").text: tr.one("td").text for tr in doc.select("#submit-problems tbody tr")}
    assert rows["Judicial data, facts"] == "a summary of the facts is needed"
    assert rows["Judicial data, warrant reference"].startswith("the arrest warrant")
    assert "Judicial data, max penalty months" in rows
    link = doc.one("#submit-problems a[href$='#f-judicial-facts']")
    assert link.get("href") == f"/notices/{notice.id}/edit#f-judicial-facts"
    assert doc.one("#status").text == "draft"
    assert status_of(app, notice.id) == NoticeStatus.DRAFT
    assert notice_svc.get_notice(app.state.ctx.uow(), SYSTEM, notice.id).history == []


def test_red_notice_goes_through_the_review_queue(app, client, dom, sign_in_web, reviewer):
    sign_in_web(client, Role.CASE_OFFICER)
    notice = add_notice(app, judicial=JUDICIAL)

    r = client.post(f"/notices/{notice.id}/submit", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/notices/{notice.id}?done=submitted"
    page = dom(client.get(r.headers["location"]))
    assert page.one("#status").text == "in review"
    assert page.one(".flash").text == "Submitted for compliance review."
    # A Red Notice is never published without a legal review: no Publish button.
    assert forms(page) == ["cancel-form"]
    assert client.post(f"/notices/{notice.id}/publish").status_code == 409
    assert client.get("/notices/review").status_code == 403  # officers do not review

    queue = dom(reviewer.get("/notices/review"))
    assert queue.one("nav[aria-label=Main] a[aria-current=page]").text == "Review queue"
    item = queue.one(f"#review-{notice.id}")
    assert item.one("h2 a").text == notice.title
    assert item.one(".risk").text == "low"
    assert item.one(f"form[action='/notices/{notice.id}/decision'] textarea[name=reasons]")

    # Reasons are required: the refusal is shown beside the field, nothing changes.
    r = reviewer.post(
        f"/notices/{notice.id}/decision", data={"decision": "publish", "back": "queue"}
    )
    assert r.status_code == 422
    error = dom(r).one(f"#review-{notice.id} #decide-{notice.id}-reasons-error")
    assert error.text == "state the reasons for the decision"
    assert status_of(app, notice.id) == NoticeStatus.IN_REVIEW

    r = reviewer.post(
        f"/notices/{notice.id}/decision",
        data={"decision": "publish", "reasons": "Ordinary crime; no Article 3 concern.",
              "back": "queue"},
        follow_redirects=False,
    )  # fmt: skip
    assert r.headers["location"] == "/notices/review?done=published"
    assert dom(reviewer.get(r.headers["location"])).one("#queue-empty")
    page = dom(client.get(f"/notices/{notice.id}"))
    assert page.one("#status").text == "published"
    review = page.one("#reviews tbody tr")
    cells = [td.text for td in review.select("td")]
    assert cells[0] == "publish" and cells[1].startswith("officer") and cells[2] == "low"
    assert cells[3] == "Ordinary crime; no Article 3 concern."
    history = [tr.select("td")[0].text for tr in page.select("#history tbody tr")]
    assert history == ["submitted", "in review", "published"]


def test_a_reviewer_decides_on_the_notice_page_too(app, client, dom, sign_in_web, reviewer):
    sign_in_web(client, Role.CASE_OFFICER)
    notice = add_notice(app, judicial=JUDICIAL)
    client.post(f"/notices/{notice.id}/submit")
    page = dom(reviewer.get(f"/notices/{notice.id}"))
    assert forms(page) == ["decide-form"]
    r = reviewer.post(
        f"/notices/{notice.id}/decision",
        data={"decision": "refuse", "reasons": "Predominantly political.", "back": "notice"},
        follow_redirects=False,
    )
    assert r.headers["location"] == f"/notices/{notice.id}?done=refused"
    assert status_of(app, notice.id) == NoticeStatus.REFUSED


def test_a_low_risk_blue_notice_is_published_by_its_owner(app, client, dom, sign_in_web):
    sign_in_web(client, Role.CASE_OFFICER)
    notice = add_notice(
        app,
        type=NoticeType.BLUE,
        title="Blue Notice — ALIEV",
        summary="Identity and location sought: suspected of armed robbery of a jewellery shop.",
    )
    client.post(f"/notices/{notice.id}/submit")
    page = dom(client.get(f"/notices/{notice.id}"))
    assert page.one("#assessment .risk").text == "low"
    assert forms(page) == ["publish-form", "cancel-form"]
    r = client.post(f"/notices/{notice.id}/publish", follow_redirects=False)
    assert r.headers["location"] == f"/notices/{notice.id}?done=published"
    assert status_of(app, notice.id) == NoticeStatus.PUBLISHED


def test_cancel_needs_a_reason_from_the_list(app, client, dom, sign_in_web):
    sign_in_web(client, Role.CASE_OFFICER)
    notice = add_notice(app, judicial=JUDICIAL)
    page = dom(client.get(f"/notices/{notice.id}"))
    options = [o.get("value") for o in page.select("#cancel-reason option")]
    assert options == ["", "located", "arrested", "warrant_withdrawn", "extradited",
                       "deceased", "other"]  # fmt: skip

    r = client.post(f"/notices/{notice.id}/cancel", data={"reason": "bored", "details": "x"})
    assert r.status_code == 422
    doc = dom(r)
    assert doc.one("#cancel-reason-error").text == "choose one of the reasons"
    assert doc.one("#cancel-details").text == "x"
    assert status_of(app, notice.id) == NoticeStatus.DRAFT

    r = client.post(
        f"/notices/{notice.id}/cancel",
        data={"reason": "arrested", "details": "Arrested in Istanbul"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = dom(client.get(f"/notices/{notice.id}"))
    assert page.one("#status").text == "cancelled"
    assert page.select("#history tbody tr")[-1].select("td")[-1].text == (
        "arrested: Arrested in Istanbul"
    )
    assert not page.select("#lifecycle")


def _publish_expiring(app, days_left: int) -> Notice:
    notice = add_notice(
        app,
        type=NoticeType.BLUE,
        title="Blue Notice — due",
        summary="Identity and location sought: suspected of armed robbery of a jewellery shop.",
    )
    uow = app.state.ctx.uow()
    notice_svc.submit_notice(uow, SYSTEM, notice.id)
    notice_svc.publish_notice(uow, SYSTEM, notice.id)
    with uow:
        stored = uow.notices.get(notice.id)
        assert stored is not None
        stored.valid_until = date.today() + timedelta(days=days_left)
        stored.version += 1
        uow.notices.update(stored)
        uow.commit()
    return stored


def test_renewal_is_offered_only_in_the_review_window(app, client, dom, sign_in_web):
    sign_in_web(client, Role.CASE_OFFICER)
    due = _publish_expiring(app, 30)
    later = _publish_expiring(app, 400)

    listing = dom(client.get("/notices/due"))
    assert [a.text for a in listing.select("#due-table tbody th a")] == ["Blue Notice — due"]
    assert listing.one("#due-table tbody td.num").text == "30"
    assert "renew-form" not in forms(dom(client.get(f"/notices/{later.id}")))
    assert client.post(f"/notices/{later.id}/renew", data={"reasons": "x"}).status_code == 409

    assert "renew-form" in forms(dom(client.get(f"/notices/{due.id}")))
    r = client.post(f"/notices/{due.id}/renew", data={"reasons": "  "})
    assert r.status_code == 422
    assert dom(r).one("#renew-reasons-error").text == "say why the notice is still needed"
    r = client.post(
        f"/notices/{due.id}/renew",
        data={"reasons": "Still sought; new sighting in 2026."},
        follow_redirects=False,
    )
    assert r.headers["location"] == f"/notices/{due.id}?done=renewed"
    page = dom(client.get(f"/notices/{due.id}"))
    assert page.one("#valid-until").text > (date.today() + timedelta(days=4 * 365)).isoformat()
    assert dom(client.get("/notices/due")).one("#due-table td.empty")


def test_no_step_is_offered_to_a_reader_or_another_bureau(app, client, dom, sign_in_web):
    ours = add_notice(app, judicial=JUDICIAL)
    theirs = add_notice(app, owner="DE", judicial=JUDICIAL)
    sign_in_web(client, Role.ANALYST)
    assert not dom(client.get(f"/notices/{ours.id}")).select("#lifecycle")
    assert client.post(f"/notices/{ours.id}/submit").status_code == 403

    sign_in_web(client, Role.CASE_OFFICER)
    page = dom(client.get(f"/notices/{theirs.id}"))
    assert not page.select("#lifecycle")
    assert client.post(f"/notices/{theirs.id}/submit").status_code == 403
    assert client.post(f"/notices/{theirs.id}/cancel", data={"reason": "other"}).status_code == 403
    assert status_of(app, theirs.id) == NoticeStatus.DRAFT
