"""A data-subject request's rules: deadline, overdue, steps, closing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ncbdesk.domain.errors import InvalidTransition, ValidationFailed
from ncbdesk.domain.rights import RightsKind, RightsOutcome, StepKind, SubjectRequest

TODAY = date(2026, 11, 30)


def make(**kw: object) -> SubjectRequest:
    args: dict[str, object] = dict(
        kind=RightsKind.ACCESS, bureau="RU", requester="  Anna   Ivanova ",
        subject_name="Анна Иванова", identity_checks="passport seen",
        received_on=TODAY - timedelta(days=31), deadline_days=30, by="sup", today=TODAY,
    )  # fmt: skip
    args.update(kw)
    return SubjectRequest.register(**args)  # type: ignore[arg-type]


def test_deadline_and_overdue() -> None:
    r = make()
    assert r.requester == "Anna Ivanova"
    assert r.due_on == TODAY - timedelta(days=1)
    assert r.is_overdue(TODAY) and not r.is_overdue(TODAY - timedelta(days=1))
    r.close("sup", RightsOutcome.NOTHING_HELD, "", TODAY)
    assert not r.is_overdue(TODAY)  # a closed request is never overdue


def test_bad_birth_date_is_named() -> None:
    with pytest.raises(ValidationFailed) as exc:
        make(subject_birth_date="1985-02-30")
    assert [e.field for e in exc.value.errors] == ["subject_birth_date"]


def test_steps_and_closing_rules() -> None:
    r = make()
    assert r.link("sup", "p1") and not r.link("sup", "p1")
    r.note_deletion("sup", "p1")
    assert r.person_ids == []
    with pytest.raises(ValidationFailed):
        r.close("sup", RightsOutcome.REFUSED, " ", TODAY)
    r.close("sup", RightsOutcome.REFUSED, "investigation would be harmed", TODAY)
    assert [s.kind for s in r.steps] == [
        StepKind.REGISTERED, StepKind.LINKED, StepKind.DELETED, StepKind.CLOSED
    ]  # fmt: skip
    with pytest.raises(InvalidTransition):
        r.link("sup", "p2")
    with pytest.raises(InvalidTransition):
        r.close("sup", RightsOutcome.GRANTED, "", TODAY)
