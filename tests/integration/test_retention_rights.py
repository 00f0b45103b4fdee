"""Records due for review and a person's access, correction or deletion request,
through the services on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.audit import Outcome
from ncbdesk.domain.dates import PartialDate
from ncbdesk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from ncbdesk.domain.notices import Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.rights import RightsKind, RightsOutcome, StepKind
from ncbdesk.domain.security import Role
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services import persons as person_svc
from ncbdesk.services import retention
from ncbdesk.services import rights as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter
from ncbdesk.services.screening import subjects_from_db

TODAY = date(2026, 11, 30)
SUPERVISOR = Actor("sup.ru", "RU", frozenset({Role.SUPERVISOR}), source="test")
OFFICER = Actor("duty.ru", "RU", frozenset({Role.DUTY_OFFICER}), source="test")
ADMIN = Actor("admin.ru", "RU", frozenset({Role.ADMINISTRATOR}), source="test")
FOREIGN = Actor("sup.kz", "KZ", frozenset({Role.SUPERVISOR}), source="test")
SYSTEM = Actor.system("RU")


def person(uow: SqlUnitOfWork, name: str, owner: str = "RU", review_on: date | None = None,
           born: str = "") -> Person:  # fmt: skip
    p = Person(owner_bureau=owner, names=[PersonName(full=name)], review_on=review_on)
    if born:
        p.birth_dates = [PartialDate.parse(born)]
    return person_svc.create_person(uow, SYSTEM, p)


def notice(uow: SqlUnitOfWork, title: str, valid_until: date, subject: str = "",
           owner: str = "RU") -> Notice:  # fmt: skip
    n = Notice(
        type=NoticeType.BLUE,
        owner_bureau=owner,
        title=title,
        subject_ids=[subject] if subject else [],
        status=NoticeStatus.PUBLISHED,
        published_on=valid_until - timedelta(days=5 * 365),
        valid_until=valid_until,
    )
    with uow:
        uow.notices.add(n)
        uow.commit()
    return n


def audited(uow: SqlUnitOfWork, action: str) -> list:  # type: ignore[type-arg]
    return list(uow.audit.list(AuditFilter(action=action), 0, 100).items)


# -- records due for review ------------------------------------------------------


def test_review_due_lists_this_bureaus_records_within_the_window(uow: SqlUnitOfWork) -> None:
    overdue = person(uow, "Overdue Person", review_on=TODAY - timedelta(days=3))
    soon = person(uow, "Soon Person", review_on=TODAY + timedelta(days=20))
    person(uow, "Later Person", review_on=TODAY + timedelta(days=200))
    person(uow, "Foreign Person", owner="KZ", review_on=TODAY - timedelta(days=3))
    # A notice's review comes six months before its validity ends.
    due_notice = notice(uow, "Due notice", TODAY + timedelta(days=100))
    notice(uow, "Far notice", TODAY + timedelta(days=3 * 365))
    notice(uow, "Foreign notice", TODAY + timedelta(days=100), owner="KZ")

    due = retention.review_due(uow, SUPERVISOR, within_days=30, today=TODAY)
    assert [p.id for p in due.persons.items] == [overdue.id, soon.id]  # soonest first
    assert [n.id for n in due.notices.items] == [due_notice.id]
    assert due.until == TODAY + timedelta(days=30)

    narrow = retention.review_due(uow, SUPERVISOR, within_days=0, today=TODAY)
    assert [p.id for p in narrow.persons.items] == [overdue.id]
    assert audited(uow, "retention.review_due")


def test_review_due_is_refused_to_roles_without_retention(uow: SqlUnitOfWork) -> None:
    for actor in (OFFICER, ADMIN):
        with pytest.raises(PermissionDenied):
            retention.review_due(uow, actor, today=TODAY)
    refused = audited(uow, "retention.review_due")
    assert [e.outcome for e in refused] == [Outcome.REFUSED, Outcome.REFUSED]
    with pytest.raises(ValidationFailed) as exc:
        retention.review_due(uow, SUPERVISOR, within_days=-1, today=TODAY)
    assert exc.value.errors[0].field == "days"


def test_extending_a_review_needs_a_reason_and_a_date_ahead(uow: SqlUnitOfWork) -> None:
    p = person(uow, "Kept Person", review_on=TODAY - timedelta(days=1))
    new_date = TODAY + timedelta(days=365)
    with pytest.raises(ValidationFailed) as exc:
        person_svc.extend_review(uow, SUPERVISOR, p.id, TODAY, " ", today=TODAY)
    assert {e.field for e in exc.value.errors} == {"reason", "review_on"}
    with pytest.raises(ValidationFailed):
        person_svc.extend_review(uow, SUPERVISOR, p.id, TODAY + timedelta(days=6 * 366),
                                 "still wanted", today=TODAY)  # fmt: skip
    with uow:
        assert uow.persons.get(p.id).review_on == TODAY - timedelta(days=1)  # type: ignore[union-attr]

    kept = person_svc.extend_review(uow, SUPERVISOR, p.id, new_date, "warrant still in force",
                                    today=TODAY)  # fmt: skip
    assert kept.review_on == new_date
    with uow:
        assert uow.persons.get(p.id).review_on == new_date  # type: ignore[union-attr]
    (entry,) = [e for e in audited(uow, "person.review_extend") if e.outcome == Outcome.OK]
    assert entry.details["reason"] == "warrant still in force"
    assert entry.details["previous"] == (TODAY - timedelta(days=1)).isoformat()
    assert entry.details["review_on"] == new_date.isoformat()


def test_only_the_owner_extends_and_only_supervisors(uow: SqlUnitOfWork) -> None:
    theirs = person(uow, "Their Person", owner="KZ", review_on=TODAY)
    ours = person(uow, "Our Person", review_on=TODAY)
    with pytest.raises(PermissionDenied, match="owning bureau"):
        person_svc.extend_review(uow, SUPERVISOR, theirs.id, TODAY + timedelta(days=9), "x",
                                 today=TODAY)  # fmt: skip
    with pytest.raises(PermissionDenied):
        person_svc.extend_review(uow, OFFICER, ours.id, TODAY + timedelta(days=9), "x",
                                 today=TODAY)  # fmt: skip
    with uow:
        assert uow.persons.get(theirs.id).review_on == TODAY  # type: ignore[union-attr]
        assert uow.persons.get(ours.id).review_on == TODAY  # type: ignore[union-attr]


# -- data-subject requests ---------------------------------------------------------


def register(uow: SqlUnitOfWork, kind: RightsKind = RightsKind.ACCESS, actor: Actor = SUPERVISOR):
    return svc.register(
        uow, actor, kind=kind, requester="Магомед Нурбагандов (in person)",
        subject_name="Магомед Нурбагандов", subject_birth_date="1985-02",
        identity_checks="Russian passport 45 01 123456 seen by the duty desk",
        received_on=TODAY - timedelta(days=2), deadline_days=30, today=TODAY,
    )  # fmt: skip


def test_register_sets_the_deadline_and_checks_the_fields(uow: SqlUnitOfWork) -> None:
    made = register(uow)
    assert made.due_on == TODAY - timedelta(days=2) + timedelta(days=30)
    assert [s.kind for s in made.steps] == [StepKind.REGISTERED]
    with pytest.raises(ValidationFailed) as exc:
        svc.register(uow, SUPERVISOR, kind=RightsKind.DELETION, requester="", subject_name=" ",
                     identity_checks="", received_on=TODAY + timedelta(days=1), deadline_days=30,
                     subject_birth_date="1985-13", today=TODAY)  # fmt: skip
    assert {e.field for e in exc.value.errors} == {
        "requester", "subject_name", "identity_checks", "received_on", "subject_birth_date"
    }  # fmt: skip
    assert svc.list_requests(uow, SUPERVISOR).total == 1
    assert audited(uow, "rights.register")[0].object_id == made.id


def test_requests_are_refused_to_other_roles_and_bureaus(uow: SqlUnitOfWork) -> None:
    made = register(uow)
    for actor in (OFFICER, ADMIN):
        with pytest.raises(PermissionDenied):
            register(uow, actor=actor)
        with pytest.raises(PermissionDenied):
            svc.access_report(uow, actor, made.id)
    with pytest.raises(NotFound):  # another bureau's request does not exist for it
        svc.get_request(uow, FOREIGN, made.id)
    assert svc.list_requests(uow, FOREIGN).total == 0


def test_find_link_report_withholds_other_bureaus_records(
    uow: SqlUnitOfWork, engine: Engine
) -> None:
    ours = person(uow, "Magomed Nurbagandov", born="1985-02-05")
    theirs = person(uow, "Magomed Nurbagandov", owner="KZ", born="1985-02-05")
    person(uow, "Ivan Petrov", born="1970")
    our_notice = notice(uow, "Missing: Nurbagandov", TODAY + timedelta(days=900), ours.id)
    their_notice = notice(uow, "KZ about Nurbagandov", TODAY + timedelta(days=900), ours.id,
                          owner="KZ")  # fmt: skip
    made = register(uow)
    with uow:
        index = ScreeningIndex.build(subjects_from_db(uow.persons.iter_all()))

    found = svc.find_records(uow, SUPERVISOR, made.id, index)
    found_ids = [h.person.id for h in found if h.person]
    assert {ours.id, theirs.id} <= set(found_ids[:2])  # Cyrillic query, Latin records
    (search,) = audited(uow, "screen")
    assert search.purpose == f"data-subject request {made.id}"

    svc.link_record(uow, SUPERVISOR, made.id, ours.id)
    svc.link_record(uow, SUPERVISOR, made.id, theirs.id)
    svc.link_record(uow, SUPERVISOR, made.id, ours.id)  # twice: once
    with pytest.raises(NotFound):
        svc.link_record(uow, SUPERVISOR, made.id, "nosuchperson")

    report = svc.access_report(uow, SUPERVISOR, made.id)
    assert [r.person_id for r in report.shown] == [ours.id]
    assert [n.id for n in report.shown[0].notices] == [our_notice.id]
    withheld = {w.person_id: w for w in report.withheld}
    assert set(withheld) == {theirs.id, their_notice.id}
    assert withheld[theirs.id].person is None and withheld[theirs.id].owner_bureau == "KZ"
    assert "consent" in withheld[theirs.id].withheld_reason
    (entry,) = audited(uow, "rights.report")
    assert entry.details["shown"] == [ours.id]
    stored = svc.get_request(uow, SUPERVISOR, made.id)
    assert stored.person_ids == [ours.id, theirs.id]
    assert [s.kind for s in stored.steps] == [
        StepKind.REGISTERED, StepKind.LINKED, StepKind.LINKED, StepKind.REPORT
    ]  # fmt: skip


def test_deletion_request_deletes_with_a_tombstone_and_closes(uow: SqlUnitOfWork) -> None:
    ours = person(uow, "Magomed Nurbagandov")
    theirs = person(uow, "Magomed Nurbagandov", owner="KZ")
    made = register(uow, RightsKind.DELETION)
    svc.link_record(uow, SUPERVISOR, made.id, ours.id)
    svc.link_record(uow, SUPERVISOR, made.id, theirs.id)

    with pytest.raises(PermissionDenied, match="owning bureau"):
        svc.delete_record(uow, SUPERVISOR, made.id, theirs.id)
    with pytest.raises(ValidationFailed):
        svc.record_correction(uow, SUPERVISOR, made.id, ours.id, "  ")
    svc.record_correction(uow, SUPERVISOR, made.id, ours.id, "date of birth was 1985-02-15")
    svc.delete_record(uow, SUPERVISOR, made.id, ours.id)
    with uow:
        assert uow.persons.get(ours.id) is None
        assert uow.persons.get(theirs.id) is not None
    (tomb,) = [e for e in audited(uow, "person.delete") if e.outcome == Outcome.OK]
    assert tomb.object_id == ours.id and tomb.details["tombstone"] is True
    assert tomb.details["reason"] == f"data-subject request {made.id}"
    assert "Nurbagandov" not in str(tomb.details)

    with pytest.raises(ValidationFailed):
        svc.close_request(uow, SUPERVISOR, made.id, RightsOutcome.PARTLY_GRANTED, "", TODAY)
    closed = svc.close_request(uow, SUPERVISOR, made.id, RightsOutcome.PARTLY_GRANTED,
                               "our record deleted; KZ asked about its own", TODAY)  # fmt: skip
    assert closed.closed_on == TODAY and not closed.is_open
    assert svc.list_requests(uow, SUPERVISOR).total == 0
    assert svc.list_requests(uow, SUPERVISOR, open_only=False).total == 1
    with pytest.raises(Conflict):
        svc.link_record(uow, SUPERVISOR, made.id, theirs.id)
    kinds = [s.kind for s in svc.get_request(uow, SUPERVISOR, made.id).steps]
    assert kinds[-3:] == [StepKind.CORRECTED, StepKind.DELETED, StepKind.CLOSED]
    assert [e.details["result"] for e in audited(uow, "rights.close")] == ["partly_granted"]


def test_the_two_lists_page_apart(uow: SqlUnitOfWork) -> None:
    first = person(uow, "First Person", review_on=TODAY - timedelta(days=2))
    second = person(uow, "Second Person", review_on=TODAY - timedelta(days=1))
    n1 = notice(uow, "Notice one", TODAY + timedelta(days=10))
    n2 = notice(uow, "Notice two", TODAY + timedelta(days=20))
    shown = set()
    for notices_offset in (0, 1):
        due = retention.review_due(uow, SUPERVISOR, today=TODAY, offset=1, limit=1,
                                   notices_offset=notices_offset)  # fmt: skip
        assert [p.id for p in due.persons.items] == [second.id] and due.persons.total == 2
        assert len(due.notices.items) == 1 and due.notices.total == 2
        shown.add(due.notices.items[0].id)
    assert shown == {n1.id, n2.id}
    due = retention.review_due(uow, SUPERVISOR, today=TODAY, offset=0, limit=1)
    assert [p.id for p in due.persons.items] == [first.id]
