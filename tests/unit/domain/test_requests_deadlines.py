"""Deadlines: hours by type and priority, stored in UTC, shown in the bureau's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from ncbdesk.domain.errors import ValidationFailed
from ncbdesk.domain.requests import Channel, Direction, Priority, Request, RequestType
from ncbdesk.domain.requests_deadlines import DeadlinePolicy, local_time, show


def req(received: datetime, priority: Priority = Priority.NORMAL, **kw: object) -> Request:
    return Request(
        direction=Direction.INCOMING,
        channel=Channel.I247,
        type=kw.pop("type", RequestType.WANTED_SEARCH),  # type: ignore[arg-type]
        subject="s",
        counterpart_country="FR",
        priority=priority,
        received_at=received,
    )


def test_defaults_24_hours_and_12_when_urgent_across_days() -> None:
    policy = DeadlinePolicy()
    received = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)
    assert policy.due(req(received)) == datetime(2027, 1, 1, 22, 30, tzinfo=UTC)
    assert policy.due(req(received, Priority.URGENT)) == datetime(2027, 1, 1, 10, 30, tzinfo=UTC)


def test_received_in_another_zone_is_stored_in_utc() -> None:
    vladivostok = timezone(timedelta(hours=10))
    received = datetime(2026, 6, 1, 3, 0, tzinfo=vladivostok)  # 31 May 17:00 UTC
    due = DeadlinePolicy().due(req(received, Priority.URGENT))
    assert due.tzinfo == UTC
    assert due == datetime(2026, 6, 1, 5, 0, tzinfo=UTC)


def test_deadline_is_elapsed_time_over_a_dst_change() -> None:
    # Berlin leaves summer time on 25 October 2026 at 03:00 local (01:00 UTC).
    received = datetime(2026, 10, 24, 12, 0, tzinfo=UTC)  # 14:00 CEST
    due = DeadlinePolicy().due(req(received))
    assert due - received == timedelta(hours=24)
    # 24 elapsed hours later the wall clock shows 13:00 CET, not 14:00.
    assert local_time(due, "Europe/Berlin").hour == 13
    assert show(due, "Europe/Berlin") == "2026-10-25 13:00 CET"
    assert show(received, "Europe/Berlin") == "2026-10-24 14:00 CEST"


def test_shown_in_the_bureaus_zone_across_midnight() -> None:
    due = datetime(2026, 3, 1, 22, 0, tzinfo=UTC)
    assert show(due, "Europe/Moscow") == "2026-03-02 01:00 MSK"
    assert show(due, "America/New_York") == "2026-03-01 17:00 EST"


def test_overrides_by_type_and_for_every_type() -> None:
    policy = DeadlinePolicy.parse("*:normal=48, extradition:urgent=6")
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    assert policy.hours(RequestType.INFORMATION, Priority.NORMAL) == 48
    assert policy.hours(RequestType.INFORMATION, Priority.URGENT) == 12
    assert policy.hours(RequestType.EXTRADITION, Priority.URGENT) == 6
    r = req(t0, Priority.URGENT, type=RequestType.EXTRADITION)
    assert policy.due(r) == t0 + timedelta(hours=6)


@pytest.mark.parametrize("bad", ["nonsense", "extradition:soon=5", "x:normal=5", "*:normal=0"])
def test_bad_overrides_are_refused_by_name(bad: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        DeadlinePolicy.parse(bad)
    assert err.value.errors[0].field == "request_deadline_hours"
