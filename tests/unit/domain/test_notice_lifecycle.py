"""The notice lifecycle and minimum-data checks, in the domain alone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import InvalidTransition, ValidationFailed
from ncbdesk.domain.notice_checks import minimum_data_problems
from ncbdesk.domain.notices import (
    AssessmentRecord,
    CancelReason,
    Decision,
    JudicialData,
    Notice,
    NoticeKind,
    NoticeStatus,
    NoticeType,
    add_months,
)
from ncbdesk.domain.persons import Person, PersonName, Sex, utcnow

LOW = AssessmentRecord("low", False, ["ordinary crime"], utcnow())
HIGH = AssessmentRecord("high", True, ["pure political offence"], utcnow())


def person(**kw: object) -> Person:
    base: dict[str, object] = {
        "owner_bureau": "RU",
        "names": [PersonName("Руслан Алиев", given="Руслан", family="Алиев")],
        "birth_dates": [PartialDate(1979, 3, 14)],
        "nationalities": ["RU"],
        "sex": Sex.MALE,
    }
    base.update(kw)
    return Person(**base)  # type: ignore[arg-type]


def full_red() -> Notice:
    return Notice(
        NoticeType.RED,
        "RU",
        "Red Notice — ALIEV",
        judicial=JudicialData(
            offence="Murder",
            facts="Shot two men during a robbery in 2023.",
            legal_provisions="Criminal Code of the Russian Federation, art. 105",
            max_penalty_months=240,
            warrant_reference="3/12-88/2023",
            issuing_authority="Leninsky District Court",
            extradition_countries=["TR"],
        ),
    )


def fields(notice: Notice, subjects: list[Person]) -> set[str]:
    return {e.field for e in minimum_data_problems(notice, subjects)}


def test_complete_red_notice_passes() -> None:
    assert fields(full_red(), [person()]) == set()


def test_red_notice_thresholds() -> None:
    n = full_red()
    assert n.judicial is not None
    n.judicial.max_penalty_months = 18
    assert fields(n, [person()]) == {"judicial.max_penalty_months"}
    n.judicial.sentence_remaining_months = 6  # a sentence of six months remaining suffices
    assert fields(n, [person()]) == set()
    n.judicial.sentence_remaining_months = 5
    assert fields(n, [person()]) == {"judicial.max_penalty_months"}


def test_red_notice_lists_every_missing_item() -> None:
    n = Notice(NoticeType.RED, "RU", "x", judicial=JudicialData())
    bare = person(birth_dates=[], nationalities=[])
    assert fields(n, [bare]) == {
        "subjects[0].birth_dates",
        "subjects[0].nationalities",
        "judicial.offence",
        "judicial.facts",
        "judicial.legal_provisions",
        "judicial.max_penalty_months",
        "judicial.warrant_reference",
        "judicial.issuing_authority",
        "judicial.extradition_countries",
    }
    assert fields(Notice(NoticeType.RED, "RU", "x"), []) == {"subject_ids", "judicial"}


@pytest.mark.parametrize(
    ("kind", "needs"),
    [
        (NoticeType.YELLOW, {"summary", "subjects[0].sex"}),
        (NoticeType.BLACK, {"summary"}),
        (NoticeType.BLUE, {"summary"}),
        (NoticeType.ORANGE, {"summary"}),
        (NoticeType.PURPLE, {"summary"}),
        (NoticeType.GREEN, {"summary"}),
        (NoticeType.UN, {"summary"}),
        (NoticeType.SILVER, {"summary"}),
    ],
)
def test_each_type_has_its_own_checks(kind: NoticeType, needs: set[str]) -> None:
    n = Notice(kind, "RU", "x")
    assert fields(n, [person(sex=Sex.UNKNOWN)]) == needs
    n.summary = "A description long enough to say what the notice is about."
    assert fields(n, [person(sex=Sex.FEMALE)]) == set()


def test_diffusion_needs_recipients() -> None:
    n = full_red()
    n.kind = NoticeKind.DIFFUSION
    assert fields(n, [person()]) == {"recipient_countries"}


def test_red_notice_never_published_without_review() -> None:
    n = full_red()
    n.submit("officer", LOW)
    assert n.status == NoticeStatus.IN_REVIEW and n.needs_legal_review
    with pytest.raises(InvalidTransition, match="recorded legal review"):
        n.publish_without_review("officer")
    n.decide("reviewer", Decision.PUBLISH, "complete; ordinary crime")
    assert n.status == NoticeStatus.PUBLISHED
    assert n.reviews[0].by == "reviewer" and n.reviews[0].risk == "low"


def test_low_risk_other_notice_may_pass_compliance_alone() -> None:
    n = Notice(NoticeType.BLUE, "RU", "x")
    n.submit("officer", LOW)
    n.publish_without_review("officer")
    assert n.status == NoticeStatus.PUBLISHED


def test_flagged_notice_waits_for_the_reviewer_who_may_refuse() -> None:
    n = Notice(NoticeType.BLUE, "RU", "x")
    n.submit("officer", HIGH)
    with pytest.raises(InvalidTransition, match="flagged notice"):
        n.publish_without_review("officer")
    with pytest.raises(ValidationFailed):
        n.decide("reviewer", Decision.REFUSE, "")
    n.decide("reviewer", Decision.REFUSE, "pure political offence")
    assert n.status == NoticeStatus.REFUSED
    n.move_to(NoticeStatus.DRAFT, "officer", "rework")  # refused drafts may be reworked


def test_renewal_only_in_the_window_and_with_reasons() -> None:
    n = full_red()
    n.submit("officer", LOW)
    n.decide("reviewer", Decision.PUBLISH, "ok")
    assert n.valid_until is not None and n.review_due_on is not None
    with pytest.raises(InvalidTransition, match="six months before expiry"):
        n.renew("officer", "still wanted", n.review_due_on - timedelta(days=1))
    with pytest.raises(ValidationFailed):
        n.renew("officer", " ", n.review_due_on)
    old = n.valid_until
    n.renew("officer", "warrant still in force", n.review_due_on)
    assert n.valid_until == date(old.year + 5, old.month, old.day)
    assert n.history[-1].reason == "renewed: warrant still in force"


def test_expiry_and_cancellation() -> None:
    n = full_red()
    n.submit("officer", LOW)
    n.decide("reviewer", Decision.PUBLISH, "ok")
    assert n.valid_until is not None
    assert not n.expire("system", n.valid_until)
    assert n.expire("system", add_months(n.valid_until, 1))
    assert n.status == NoticeStatus.EXPIRED
    with pytest.raises(InvalidTransition):
        n.cancel("officer", CancelReason.ARRESTED)
    m = full_red()
    m.cancel("officer", CancelReason.WARRANT_WITHDRAWN, "court order 12/2026")
    assert m.history[-1].reason == "warrant withdrawn: court order 12/2026"
