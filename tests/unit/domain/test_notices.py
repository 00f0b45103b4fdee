from datetime import date

import pytest

from ncbdesk.domain.errors import InvalidTransition, ValidationFailed
from ncbdesk.domain.notices import (
    JudicialData,
    Notice,
    NoticeKind,
    NoticeStatus,
    NoticeType,
    add_months,
    add_years,
)


def test_every_notice_type_of_design_exists() -> None:
    assert {t.value for t in NoticeType} == {
        "red",
        "blue",
        "green",
        "yellow",
        "black",
        "orange",
        "purple",
        "un",
        "silver",
    }


def test_publication_sets_five_year_validity_and_review_date() -> None:
    n = Notice(NoticeType.RED, "RU", "Red Notice — X")
    n.move_to(NoticeStatus.SUBMITTED, "officer")
    n.move_to(NoticeStatus.IN_REVIEW, "officer")
    n.move_to(NoticeStatus.PUBLISHED, "reviewer", "complete and neutral")
    assert n.published_on is not None and n.valid_until is not None
    assert n.valid_until == add_years(n.published_on, 5)
    assert n.review_due_on == add_months(n.valid_until, -6)
    assert [h.status for h in n.history] == [
        NoticeStatus.SUBMITTED,
        NoticeStatus.IN_REVIEW,
        NoticeStatus.PUBLISHED,
    ]
    assert n.is_review_due(n.review_due_on)
    assert not n.is_review_due(n.published_on)


def test_a_draft_cannot_be_published_directly() -> None:
    n = Notice(NoticeType.RED, "RU", "x")
    with pytest.raises(InvalidTransition, match="draft notice cannot become published"):
        n.move_to(NoticeStatus.PUBLISHED, "officer")
    assert n.status == NoticeStatus.DRAFT and n.history == []


def test_date_arithmetic_at_month_ends_and_leap_days() -> None:
    assert add_years(date(2024, 2, 29), 5) == date(2029, 2, 28)
    assert add_months(date(2030, 8, 31), -6) == date(2030, 2, 28)
    assert add_months(date(2031, 1, 31), 1) == date(2031, 2, 28)


def test_notice_validation_names_fields() -> None:
    n = Notice(
        NoticeType.RED,
        "R1",
        " ",
        kind=NoticeKind.DIFFUSION,
        judicial=JudicialData(max_penalty_months=-3, extradition_countries=["DE", "XX"]),
    )
    with pytest.raises(ValidationFailed) as exc:
        n.validate()
    fields = {e.field for e in exc.value.errors}
    assert fields == {
        "owner_bureau",
        "title",
        "recipient_countries",
        "judicial.max_penalty_months",
        "judicial.extradition_countries[1]",
    }
