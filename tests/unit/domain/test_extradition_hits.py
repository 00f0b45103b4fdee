"""Hits, the first step of an extradition: confirm or discard, and tell the owner."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ncbdesk.domain.errors import InvalidTransition, ValidationFailed
from ncbdesk.domain.hits import (
    NOTIFY_OWNER_HOURS,
    PROPOSED_ACTIONS,
    ConfirmMethod,
    HitStatus,
    NotificationStatus,
    OwnerNotification,
    PossibleHit,
)
from ncbdesk.domain.notices import NoticeType


def border_hit() -> PossibleHit:
    return PossibleHit(
        notice_id="n1",
        subject_id="p1",
        person_id="",
        score=0.93,
        reasons=["name: same after transliteration"],
        source="border",
        query={"id": "b-1", "schema": "Person", "properties": {"name": ["ALIEV RUSLAN"]}},
        location="Sheremetyevo",
    )


def test_confirming_needs_a_method_and_keeps_each_once() -> None:
    hit = border_hit()
    with pytest.raises(ValidationFailed) as exc:
        hit.confirm("duty", [])
    assert [e.field for e in exc.value.errors] == ["methods"]
    assert hit.status == HitStatus.PENDING
    hit.confirm("duty", [ConfirmMethod.PHOTO, ConfirmMethod.PHOTO, ConfirmMethod.INTERVIEW], " ok ")
    assert hit.status == HitStatus.CONFIRMED
    assert hit.methods == [ConfirmMethod.PHOTO, ConfirmMethod.INTERVIEW]
    assert (hit.decided_by, hit.note) == ("duty", "ok") and hit.decided_at is not None


def test_discarding_needs_a_reason_and_a_decision_is_final() -> None:
    hit = border_hit()
    with pytest.raises(ValidationFailed) as exc:
        hit.discard("duty", "   ")
    assert [e.field for e in exc.value.errors] == ["reason"]
    hit.discard("duty", "  born  1981,\nnot 1979 ")
    assert hit.discard_reason == "born 1981, not 1979"
    with pytest.raises(InvalidTransition):
        hit.confirm("duty", [ConfirmMethod.DOCUMENT])
    with pytest.raises(InvalidTransition):
        hit.discard("duty", "again")


def test_the_owner_is_told_within_24_hours_what_was_found_and_what_to_do() -> None:
    hit = border_hit()
    hit.confirm("duty", [ConfirmMethod.FINGERPRINTS], "AFIS 4471")
    n = OwnerNotification.for_hit(
        hit, NoticeType.RED, "Red Notice 2024/7001", "DE", "ALIEV RUSLAN", "duty"
    )
    assert (n.to_bureau, n.notice_id, n.hit_id) == ("DE", "n1", hit.id)
    assert n.status == NotificationStatus.DRAFT and n.request_id is None
    assert n.due_at - n.created_at == timedelta(hours=NOTIFY_OWNER_HOURS)
    assert n.subject == "HIT — Red Notice 2024/7001: ALIEV RUSLAN"
    assert "at Sheremetyevo" in n.body and "fingerprints" in n.body and "AFIS 4471" in n.body
    assert n.proposed_action == PROPOSED_ACTIONS[NoticeType.RED]
    assert n.person_ids == ["p1"]  # the traveller is not held here


def test_every_notice_type_proposes_an_action() -> None:
    assert set(PROPOSED_ACTIONS) == set(NoticeType)
    assert "extradition" in PROPOSED_ACTIONS[NoticeType.RED]
    assert "protect" in PROPOSED_ACTIONS[NoticeType.YELLOW]
    assert "location" in PROPOSED_ACTIONS[NoticeType.BLUE]
    assert "sanctions" in PROPOSED_ACTIONS[NoticeType.UN]
    assert "Compare" in PROPOSED_ACTIONS[NoticeType.BLACK]
