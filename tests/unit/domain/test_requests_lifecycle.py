"""The request lifecycle: every allowed step, every refused one, and the checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ncbdesk.domain.errors import InvalidTransition, ValidationFailed
from ncbdesk.domain.requests import (
    TRANSITIONS,
    Channel,
    Direction,
    Message,
    Request,
    RequestStatus,
    RequestType,
    fold_words,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def make(**kw: object) -> Request:
    base: dict[str, object] = dict(
        direction=Direction.INCOMING,
        channel=Channel.I247,
        type=RequestType.IDENTITY_CHECK,
        subject="Identity check: Ivanov Ivan",
        counterpart_country="de",
        received_at=T0,
    )
    base.update(kw)
    return Request(**base)  # type: ignore[arg-type]


ALL_PAIRS = [(a, b) for a in RequestStatus for b in RequestStatus]


@pytest.mark.parametrize(("start", "target"), ALL_PAIRS, ids=[f"{a}->{b}" for a, b in ALL_PAIRS])
def test_every_transition_follows_the_table(start: RequestStatus, target: RequestStatus) -> None:
    r = make(status=start)
    if target in TRANSITIONS[start]:
        r.move_to(target, "officer", T0 + timedelta(hours=1))
        assert r.status == target
        assert r.history[-1].status == target and r.history[-1].by == "officer"
    else:
        with pytest.raises(InvalidTransition) as err:
            r.move_to(target, "officer", T0)
        assert r.status == start and r.history == []
        assert start.value in err.value.message


def test_every_status_is_reachable_from_registered() -> None:
    seen = {RequestStatus.REGISTERED}
    todo = [RequestStatus.REGISTERED]
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(RequestStatus)


def test_answer_and_close_record_their_times_and_reopen_clears_close() -> None:
    r = make()
    r.assign("ivanov", "boss", T0 + timedelta(hours=1))
    assert r.assignee == "ivanov" and r.status == RequestStatus.ASSIGNED
    r.move_to(RequestStatus.IN_PROGRESS, "ivanov", T0 + timedelta(hours=2))
    r.due_at = T0 + timedelta(hours=24)
    r.move_to(RequestStatus.ANSWERED, "ivanov", T0 + timedelta(hours=5))
    assert r.handled_seconds == 5 * 3600 and r.answered_in_time is True
    r.move_to(RequestStatus.CLOSED, "ivanov", T0 + timedelta(hours=6))
    assert r.closed_at == T0 + timedelta(hours=6)
    r.move_to(RequestStatus.REOPENED, "boss", T0 + timedelta(days=3), "new facts")
    assert r.closed_at is None and r.history[-1].reason == "new facts"


def test_answered_late_is_not_in_time() -> None:
    r = make(status=RequestStatus.IN_PROGRESS, due_at=T0 + timedelta(hours=12))
    r.move_to(RequestStatus.ANSWERED, "x", T0 + timedelta(hours=13))
    assert r.answered_in_time is False


def test_overdue_only_while_open() -> None:
    r = make(due_at=T0 + timedelta(hours=24))
    assert not r.is_overdue(T0 + timedelta(hours=23))
    assert r.is_overdue(T0 + timedelta(hours=25))
    r.status = RequestStatus.AWAITING_REPLY
    assert not r.is_overdue(T0 + timedelta(hours=25))


def test_validation_reports_every_field() -> None:
    r = make(
        subject="  ",
        counterpart_country="XX",
        received_at=datetime(2026, 1, 1),
        messages=[Message(Direction.INCOMING, "", "")],
    )
    with pytest.raises(ValidationFailed) as err:
        r.validate()
    fields = {e.field for e in err.value.errors}
    assert {"subject", "counterpart_country", "received_at"} <= fields
    assert {"messages[0].author", "messages[0].body"} <= fields


def test_counterpart_is_a_bureau_or_an_agency() -> None:
    with pytest.raises(ValidationFailed) as err:
        make(counterpart_country=None).validate()
    assert [e.field for e in err.value.errors] == ["counterpart"]
    agency = make(counterpart_country=None, counterpart_agency="  MVD   Moscow ")
    agency.validate()
    assert agency.counterpart == "MVD Moscow"


def test_text_is_cleaned_of_controls() -> None:
    r = make(subject="Check\x00 of\x1b[31m   Petrov", body="line 1\nline\x07 2")
    r.validate()
    assert r.subject == "Check of[31m Petrov"
    assert r.body == "line 1\nline 2"


def test_fold_words_is_case_and_accent_blind_in_any_script() -> None:
    assert fold_words("Délit  d'ÉTAT") == "delit d etat"
    assert fold_words("НУРБАГАНДОВ, Магомед") == "нурбагандов магомед"
