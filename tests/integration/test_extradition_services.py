"""Hits and extradition cases on real SQLite and PostgreSQL: services, repositories, migration."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert
from wanted import aliev_red_notice

from ncbdesk.adapters.db.engine import SqlUnitOfWork, make_engine
from ncbdesk.adapters.db.migrate import upgrade
from ncbdesk.adapters.db.tables import notices, persons, possible_hits
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import Conflict, PermissionDenied
from ncbdesk.domain.extradition import (
    CaseOutcome,
    DeadlineStatus,
    Direction,
    ExtraditionCase,
    Stage,
)
from ncbdesk.domain.hits import ConfirmMethod, HitStatus, PossibleHit
from ncbdesk.domain.notices import JudicialData, Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person, PersonName, Sex
from ncbdesk.domain.requests import Direction as RequestDirection
from ncbdesk.domain.requests import Priority, RequestType
from ncbdesk.domain.requests_deadlines import DeadlinePolicy
from ncbdesk.domain.security import Role
from ncbdesk.services import extradition as svc
from ncbdesk.services import hits as hit_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter, CaseFilter, HitFilter
from ncbdesk.services.requests import RegistryConfig
from ncbdesk.services.requests_ports import RequestFilter

OFFICER = Actor("officer", "RU", frozenset({Role.CASE_OFFICER}))
DUTY = Actor("duty", "RU", frozenset({Role.DUTY_OFFICER}))
READER = Actor("reviewer", "RU", frozenset({Role.LEGAL_REVIEWER}))
FOREIGN = Actor("other", "KZ", frozenset({Role.CASE_OFFICER}))


def aliev(owner: str = "DE") -> Person:
    return Person(
        owner,
        [PersonName("Руслан Алиев", given="Руслан", family="Алиев")],
        birth_dates=[PartialDate(1979, 3, 4)],
        nationalities=["RU"],
        sex=Sex.MALE,
    )


def red_notice(uow: SqlUnitOfWork, subject: Person) -> Notice:
    notice = aliev_red_notice(subject.id)
    with uow:
        uow.persons.add(subject)
        uow.notices.add(notice)
        uow.commit()
    return notice


def new_case(**kw: object) -> ExtraditionCase:
    c = ExtraditionCase(
        direction=Direction.INBOUND,
        person_name="Ruslan ALIEV",
        requesting_state="DE",
        requested_state="",
        legal_basis="ece",
        warrant_reference="W-1",
    )
    for k, v in kw.items():
        setattr(c, k, v)
    return c


def arrested(on: date) -> list[svc.StageInput]:
    return [svc.StageInput(Stage.PROVISIONAL_ARREST, on, "", ("Arrest report",))]


def test_a_border_hit_is_stored_without_a_person_held_here(uow: SqlUnitOfWork) -> None:
    subject = aliev()
    notice = red_notice(uow, subject)
    traveller = Person("RU", [PersonName("ALIEV RUSLAN")], birth_dates=[PartialDate(1979, 4, 3)])
    entity = {"id": "b-1", "schema": "Person", "properties": {"name": ["ALIEV RUSLAN"]}}
    view = hit_svc.raise_hit(
        uow, DUTY, notice.id, subject.id, traveller, entity, "Sheremetyevo", "border"
    )
    with uow:
        got = uow.hits.get(view.hit.id)
    assert got is not None
    assert got.person_id == "" and got.query == entity and got.location == "Sheremetyevo"
    assert got.raised_by == "duty" and got.score == pytest.approx(view.hit.score)
    assert got.reasons and got.status == HitStatus.PENDING

    done = hit_svc.confirm_hit(uow, DUTY, got.id, [ConfirmMethod.DOCUMENT], "checked")
    assert done.notification is not None
    with uow:
        stored = uow.hits.get(got.id)
        notification = uow.hits.notification_for(got.id)
    assert stored is not None and stored.status == HitStatus.CONFIRMED
    assert stored.methods == [ConfirmMethod.DOCUMENT] and stored.decided_at is not None
    assert notification is not None and notification.to_bureau == "DE"
    assert notification.person_ids == [subject.id]
    assert notification.due_at.tzinfo is not None


def _border_hit(uow: SqlUnitOfWork, notice: Notice, subject: Person) -> str:
    traveller = Person("RU", [PersonName("ALIEV RUSLAN")], birth_dates=[PartialDate(1979, 4, 3)])
    entity = {"id": "b-2", "schema": "Person", "properties": {"name": ["ALIEV RUSLAN"]}}
    view = hit_svc.raise_hit(uow, DUTY, notice.id, subject.id, traveller, entity, "Pulkovo")
    return view.hit.id


def test_confirming_registers_the_request_by_the_registry_deadline_rules(
    uow: SqlUnitOfWork,
) -> None:
    subject = aliev()
    notice = red_notice(uow, subject)
    hit_id = _border_hit(uow, notice, subject)
    # The bureau's own rule for urgent wanted-person requests: 6 hours, not 12.
    config = RegistryConfig(deadlines=DeadlinePolicy.parse("wanted_search:urgent=6"))
    before = datetime.now(UTC)
    done = hit_svc.confirm_hit(uow, DUTY, hit_id, [ConfirmMethod.PHOTO], "", config)
    assert done.notification is not None and done.notification.request_id
    with uow:
        request = uow.requests.get(done.notification.request_id)
    assert request is not None
    assert request.direction == RequestDirection.OUTGOING and request.counterpart_country == "DE"
    assert request.type == RequestType.WANTED_SEARCH and request.priority == Priority.URGENT
    assert request.due_at is not None and request.owner_bureau == "RU"
    assert before + timedelta(hours=6) <= request.due_at <= datetime.now(UTC) + timedelta(hours=6)
    assert done.notification.due_at == request.due_at
    # "duty" has no account here: nobody is named; the registry's routing decides.
    assert request.assignee is None
    assert request.person_ids == [subject.id] and request.notice_ids == [notice.id]


def test_a_hit_on_our_own_notice_stays_an_internal_note(uow: SqlUnitOfWork) -> None:
    subject = aliev("RU")
    notice = red_notice(uow, subject)
    with uow:  # this bureau's own Red Notice, found at its own border
        notice.owner_bureau = "RU"
        notice.judicial = JudicialData(
            offence="Robbery", warrant_reference="W-9", issuing_authority="Tverskoy court"
        )
        notice.version += 1
        uow.notices.update(notice)
        uow.commit()
    hit_id = _border_hit(uow, notice, subject)
    done = hit_svc.confirm_hit(uow, DUTY, hit_id, [ConfirmMethod.FINGERPRINTS])
    n = done.notification
    assert n is not None and n.to_bureau == "RU" and n.request_id is None
    assert n.subject.startswith("Internal — ")
    assert n.body.startswith("This bureau owns the notice: no foreign bureau is notified")
    assert "(Tverskoy court)" in n.body
    with uow:
        assert uow.requests.list(RequestFilter(), 0, 0).total == 0
        stored = uow.hits.notification_for(hit_id)
    assert stored is not None and stored.request_id is None and stored.to_bureau == "RU"
    entries = uow.audit.list(AuditFilter(object_id=hit_id), 0, 10).items
    confirm = next(e for e in entries if e.action == "hit.confirm")
    assert confirm.details["internal"] is True and confirm.details["notify"] == ""


def test_two_officers_deciding_at_once_one_wins(uow: SqlUnitOfWork, engine: Engine) -> None:
    subject, held = aliev(), aliev("RU")
    notice = red_notice(uow, subject)
    hit = PossibleHit(notice.id, subject.id, held.id, 0.9, ["same name"])
    with uow:
        uow.persons.add(held)
        uow.hits.replace_pending(notice.id, "publish", [hit])
        uow.commit()
    first, second = SqlUnitOfWork(engine), SqlUnitOfWork(engine)
    with first:
        a = first.hits.get(hit.id)
        assert a is not None
        with second:
            b = second.hits.get(hit.id)
            assert b is not None
            a.confirm("one", [ConfirmMethod.PHOTO])
            first.hits.save_decision(a)
            first.commit()
            b.discard("two", "not him")
            with pytest.raises(Conflict):
                second.hits.save_decision(b)
    with uow:
        page = uow.hits.list(HitFilter(status=HitStatus.CONFIRMED), 0, 10)
    assert [h.decided_by for h in page.items] == ["one"]


def test_cases_round_trip_list_and_refuse_stale_writes(uow: SqlUnitOfWork) -> None:
    case = svc.create_case(uow, OFFICER, new_case(), arrested(date(2024, 2, 29)))
    got = svc.get_case(uow, READER, case.id)
    assert got.requested_state == "RU" and got.owner_bureau == "RU"
    assert got.stages[0].on == date(2024, 2, 29) and got.stages[0].documents == ["Arrest report"]
    assert got.current_stage == Stage.PROVISIONAL_ARREST
    assert [d.due for d in got.deadlines(date(2024, 3, 1))] == [
        date(2024, 3, 10),
        date(2024, 3, 18),
        date(2024, 4, 9),
    ]
    svc.record_stage(uow, OFFICER, case.id, Stage.FORMAL_REQUEST, date(2024, 3, 15))
    with pytest.raises(Conflict):
        svc.record_stage(
            uow, OFFICER, case.id, Stage.HEARING, date(2024, 3, 20), expected_version=1
        )
    # The data-owner rule: another bureau's officer does not write here.
    with pytest.raises(PermissionDenied):
        svc.record_stage(uow, FOREIGN, case.id, Stage.HEARING, date(2024, 3, 20))
    with pytest.raises(PermissionDenied):
        svc.create_case(uow, READER, new_case())
    other = svc.create_case(
        uow,
        OFFICER,
        new_case(direction=Direction.OUTBOUND, requesting_state="", requested_state="KZ"),
    )
    by_stage = svc.list_cases(uow, READER, CaseFilter(stage=Stage.FORMAL_REQUEST))
    assert [c.id for c in by_stage.items] == [case.id]
    outbound = svc.list_cases(uow, READER, CaseFilter(direction=Direction.OUTBOUND))
    assert [c.id for c in outbound.items] == [other.id] and outbound.total == 1
    with uow:
        refusals = uow.audit.list(AuditFilter(outcome="refused"), 0, 10)
    assert {e.action for e in refusals.items} >= {"extradition.stage", "extradition.create"}


def test_due_soon_lists_open_deadlines_most_urgent_first(uow: SqlUnitOfWork) -> None:
    today = date(2024, 3, 1)
    late = svc.create_case(uow, OFFICER, new_case(), arrested(date(2024, 1, 15)))
    soon = svc.create_case(uow, OFFICER, new_case(), arrested(date(2024, 2, 25)))
    svc.record_stage(uow, OFFICER, soon.id, Stage.CONSENT, date(2024, 2, 26))
    calm = svc.create_case(uow, OFFICER, new_case(), arrested(date(2024, 2, 28)))
    svc.record_stage(uow, OFFICER, calm.id, Stage.FORMAL_REQUEST, date(2024, 2, 29))
    closed = svc.create_case(uow, OFFICER, new_case(), arrested(date(2024, 1, 1)))
    svc.record_outcome(uow, OFFICER, closed.id, CaseOutcome.RELEASED, date(2024, 2, 1))

    alerts = svc.due_soon(uow, READER, today, days=7)
    got = [(a.case.id, a.deadline.key, a.days_left) for a in alerts]
    assert got == [
        (late.id, "tap.6.1.consent", -36),
        (late.id, "ece.16.4.may_release", -28),
        (late.id, "ece.16.4.release", -6),
    ]
    assert all(a.deadline.status == DeadlineStatus.PASSED for a in alerts)
    wider = svc.due_soon(uow, READER, today, days=20)
    assert (soon.id, "tap.7.decision", 16) in [
        (a.case.id, a.deadline.key, a.days_left) for a in wider
    ]
    assert calm.id not in {a.case.id for a in wider}


def test_statistics_per_year_and_direction(uow: SqlUnitOfWork) -> None:
    def closed_case(
        direction: Direction, start: date, end: date, outcome: CaseOutcome, reason: str = ""
    ) -> None:
        states = (
            {"requesting_state": "DE", "requested_state": ""}
            if direction == Direction.INBOUND
            else {"requesting_state": "", "requested_state": "TR"}
        )
        c = svc.create_case(uow, OFFICER, new_case(direction=direction, **states), arrested(start))
        svc.record_outcome(uow, OFFICER, c.id, outcome, end, reason)

    closed_case(Direction.INBOUND, date(2023, 11, 1), date(2024, 1, 10), CaseOutcome.SURRENDERED)
    closed_case(Direction.INBOUND, date(2024, 1, 1), date(2024, 3, 1), CaseOutcome.SURRENDERED)
    closed_case(
        Direction.INBOUND, date(2024, 2, 1), date(2024, 2, 11), CaseOutcome.REFUSED, "Art. 3"
    )
    closed_case(Direction.OUTBOUND, date(2024, 5, 1), date(2024, 6, 1), CaseOutcome.SURRENDERED)
    svc.create_case(uow, OFFICER, new_case(), arrested(date(2024, 6, 1)))

    stats = svc.extradition_statistics(uow, READER)
    y23 = stats.figures(2023, Direction.INBOUND)
    assert y23 is not None and (y23.opened, y23.closed) == (1, 0)
    y24 = stats.figures(2024, Direction.INBOUND)
    assert y24 is not None
    assert (y24.opened, y24.closed) == (3, 3)
    assert y24.outcomes == {CaseOutcome.SURRENDERED: 2, CaseOutcome.REFUSED: 1}
    assert y24.median_days == 60.0  # durations 70, 60 and 10 days
    assert y24.median_days_surrendered == 65.0
    out = stats.figures(2024, Direction.OUTBOUND)
    assert out is not None and (out.opened, out.closed, out.median_days) == (1, 1, 31.0)
    assert stats.open_cases == {Direction.INBOUND: 1, Direction.OUTBOUND: 0}
    assert [(f.year, f.direction) for f in stats.years] == [
        (2023, Direction.INBOUND),
        (2024, Direction.INBOUND),
        (2024, Direction.OUTBOUND),
    ]


def test_hits_written_before_the_workflow_survive_the_migration(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(engine, "0005")
        now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
        person = {
            "owner_bureau": "RU",
            "sex": "male",
            "place_of_birth": "",
            "description": {},
            "notes": "",
            "handling_codes": [],
            "restrictions": "",
            "search_text": "",
            "sort_name": "",
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        with engine.begin() as conn:
            conn.execute(insert(persons), [{**person, "id": "p1"}, {**person, "id": "p2"}])
            conn.execute(
                insert(notices).values(
                    id="n1",
                    type="red",
                    kind="notice",
                    status="published",
                    owner_bureau="DE",
                    title="t",
                    summary="",
                    recipient_countries=[],
                    created_at=now,
                    updated_at=now,
                    version=1,
                )
            )
            conn.execute(
                insert(possible_hits).values(
                    id="h1",
                    notice_id="n1",
                    subject_id="p1",
                    person_id="p2",
                    score=0.91,
                    reasons=["same name"],
                    source="publish",
                    status="pending",
                    created_at=now,
                )
            )
        upgrade(engine)
        with SqlUnitOfWork(engine) as uow:
            old = uow.hits.get("h1")
        assert old is not None
        assert (old.person_id, old.query, old.methods, old.decided_at) == ("p2", {}, [], None)
        assert old.status == HitStatus.PENDING and old.reasons == ["same name"]
    finally:
        engine.dispose()


def test_the_queue_puts_pending_first_and_filters_by_notice_type(uow: SqlUnitOfWork) -> None:
    subject = aliev()
    red = red_notice(uow, subject)
    yellow = Notice(NoticeType.YELLOW, "DE", "Yellow — X", subject_ids=[subject.id])
    yellow.status = NoticeStatus.PUBLISHED
    with uow:
        uow.notices.add(yellow)
        uow.commit()
    old = PossibleHit(red.id, subject.id, "", 0.9, ["r"], source="border")
    old.created_at = datetime(2026, 1, 1, tzinfo=UTC)
    decided = PossibleHit(red.id, subject.id, "", 0.9, ["r"], source="border")
    decided.discard("duty", "not him")
    on_yellow = PossibleHit(yellow.id, subject.id, "", 0.5, ["r"], source="api")
    on_yellow.created_at = datetime(2026, 1, 2, tzinfo=UTC)
    with uow:
        for h in (old, decided, on_yellow):
            uow.hits.add(h)
        uow.commit()
        everything = uow.hits.list(HitFilter(), 0, 10).items
        yellow_only = uow.hits.list(HitFilter(notice_type=NoticeType.YELLOW), 0, 10)
        red_pending = uow.hits.list(
            HitFilter(status=HitStatus.PENDING, notice_type=NoticeType.RED), 0, 10
        )
    # The decided hit is the newest, yet the pending ones come first, newest first.
    assert [h.id for h in everything] == [on_yellow.id, old.id, decided.id]
    assert [h.id for h in yellow_only.items] == [on_yellow.id] and yellow_only.total == 1
    assert [h.id for h in red_pending.items] == [old.id]
