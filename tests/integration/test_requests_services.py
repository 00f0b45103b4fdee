"""Request services on real SQLite and PostgreSQL: lifecycle, routing, deadlines, search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.passwords import Argon2Hasher
from ncbdesk.adapters.storage import FolderStorage
from ncbdesk.domain.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    ValidationFailed,
)
from ncbdesk.domain.requests import (
    Channel,
    Direction,
    Message,
    Priority,
    Request,
    RequestStatus,
    RequestType,
)
from ncbdesk.domain.requests_routing import RoutingRule
from ncbdesk.domain.security import Role
from ncbdesk.services import auth
from ncbdesk.services import requests as svc
from ncbdesk.services import requests_files as files
from ncbdesk.services import requests_rules as rules
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter
from ncbdesk.services.requests_ports import RequestFilter

SYSTEM = Actor.system("RU")
DUTY = Actor("duty", "RU", frozenset({Role.DUTY_OFFICER}))
OTHER = Actor("other", "RU", frozenset({Role.CASE_OFFICER}))
BOSS = Actor("boss", "RU", frozenset({Role.SUPERVISOR}))
ANALYST = Actor("analyst", "RU", frozenset({Role.ANALYST}))
FOREIGN = Actor("kz.duty", "KZ", frozenset({Role.DUTY_OFFICER}))
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
HASHER = Argon2Hasher(time_cost=1, memory_cost_kib=1024)
PASSWORD = "correct horse battery"


def incoming(**kw: object) -> Request:
    base: dict[str, object] = dict(
        direction=Direction.INCOMING,
        channel=Channel.I247,
        type=RequestType.IDENTITY_CHECK,
        subject="Установление личности: Нурбагандов Магомед",
        body="Просим проверить по учётам паспорт 8201 123456.",
        counterpart_country="KZ",
        received_at=T0,
    )
    base.update(kw)
    return Request(**base)  # type: ignore[arg-type]


@pytest.fixture
def officers(engine: Engine) -> None:
    for name, role in (("duty", Role.DUTY_OFFICER), ("other", Role.CASE_OFFICER)):
        auth.create_user(SqlUnitOfWork(engine), SYSTEM, HASHER, name, PASSWORD, {role}, "RU")


def audit_actions(uow: SqlUnitOfWork, prefix: str) -> list[tuple[str, str]]:
    with uow:
        page = uow.audit.list(AuditFilter(action=prefix), 0, 1000)
    return [(e.action, e.outcome.value) for e in page.items]


def test_register_sets_deadline_owner_and_round_trips(uow: SqlUnitOfWork) -> None:
    r = svc.register_request(uow, DUTY, incoming(priority=Priority.URGENT))
    assert r.due_at == T0 + timedelta(hours=12)
    with uow:
        got = uow.requests.get(r.id)
    assert got is not None
    assert got.owner_bureau == "RU" and got.status == RequestStatus.REGISTERED
    assert got.subject == r.subject and got.due_at == r.due_at
    assert got.history[0].status == RequestStatus.REGISTERED and got.history[0].by == "duty"
    assert ("request.create", "ok") in audit_actions(uow, "request.create")


def test_walk_the_whole_lifecycle_with_audit(uow: SqlUnitOfWork, officers: None) -> None:
    r = svc.register_request(uow, DUTY, incoming())
    r = svc.assign_request(uow, BOSS, r.id, "other")
    assert r.status == RequestStatus.ASSIGNED and r.assignee == "other"
    steps = [
        RequestStatus.IN_PROGRESS,
        RequestStatus.AWAITING_REPLY,
        RequestStatus.IN_PROGRESS,
        RequestStatus.ANSWERED,
        RequestStatus.CLOSED,
        RequestStatus.REOPENED,
        RequestStatus.CLOSED,
    ]
    for step in steps:
        r = svc.change_status(uow, OTHER, r.id, step, reason="step", now=T0 + timedelta(hours=1))
        assert r.status == step
    with uow:
        stored = uow.requests.get(r.id)
    assert stored is not None and stored.version == 1 + 1 + len(steps)
    assert [h.status for h in stored.history][-3:] == steps[-3:]
    assert stored.answered_in_time is True and stored.handled_seconds == 3600
    with pytest.raises(InvalidTransition):
        svc.change_status(uow, OTHER, r.id, RequestStatus.ANSWERED)
    actions = [a for a, _ in audit_actions(uow, "request.")]
    assert "request.assign" in actions and "request.reopened" in actions


def test_refusals_are_audited_and_change_nothing(uow: SqlUnitOfWork, officers: None) -> None:
    r = svc.register_request(uow, DUTY, incoming())
    with pytest.raises(PermissionDenied):
        svc.register_request(uow, ANALYST, incoming())
    with pytest.raises(PermissionDenied):
        svc.assign_request(uow, DUTY, r.id, "other")  # only a supervisor hands out
    with pytest.raises(PermissionDenied):
        svc.change_status(uow, FOREIGN, r.id, RequestStatus.CLOSED)  # another bureau's
    with pytest.raises(Conflict):
        svc.change_status(uow, DUTY, r.id, RequestStatus.CLOSED, expected_version=7)
    with pytest.raises(NotFound):
        svc.get_request(uow, DUTY, "0" * 32)
    with pytest.raises(ValidationFailed):
        svc.assign_request(uow, BOSS, r.id, "nobody")
    # Nor may an officer hand a new request to a colleague, or to no one real.
    with pytest.raises(PermissionDenied):
        svc.register_request(uow, DUTY, incoming(assignee="other"))
    with pytest.raises(ValidationFailed) as err:
        svc.register_request(uow, BOSS, incoming(assignee="nobody"))
    assert err.value.errors[0].field == "assignee"
    with pytest.raises(ValidationFailed):
        rules.create_rule(uow, BOSS, RoutingRule("ghost", assignee="nobody"))
    # An officer may take a request for themselves.
    taken = svc.assign_request(uow, DUTY, r.id, "duty")
    assert taken.assignee == "duty" and taken.version == 2
    refused = [a for a, o in audit_actions(uow, "request.") if o == "refused"]
    assert refused.count("request.assign") == 1 and "request.create" in refused
    assert "request.closed" in refused


def test_links_must_exist(uow: SqlUnitOfWork) -> None:
    with pytest.raises(ValidationFailed) as err:
        svc.register_request(uow, DUTY, incoming(person_ids=["f" * 32]))
    assert err.value.errors[0].field == "person_ids[0]"
    with uow:
        assert uow.requests.list(RequestFilter(), 0, 10).total == 0


def test_routing_rules_assign_queue_or_officer(uow: SqlUnitOfWork, officers: None) -> None:
    with pytest.raises(PermissionDenied):
        rules.create_rule(uow, DUTY, RoutingRule("x", queue="q"))
    general = rules.create_rule(uow, BOSS, RoutingRule("general", priority=100, queue="desk"))
    rules.create_rule(
        uow,
        BOSS,
        RoutingRule("extradition", priority=10, type=RequestType.EXTRADITION, assignee="other"),
    )
    rules.create_rule(
        uow, BOSS, RoutingRule("terror", priority=20, words=["терроризм"], queue="ctu")
    )
    plain = svc.register_request(uow, DUTY, incoming())
    assert (plain.queue, plain.assignee, plain.status) == ("desk", None, RequestStatus.REGISTERED)
    ex = svc.register_request(uow, DUTY, incoming(type=RequestType.EXTRADITION))
    assert ex.assignee == "other" and ex.status == RequestStatus.ASSIGNED
    assert "routing rule extradition" in ex.history[-1].reason
    ct = svc.register_request(uow, DUTY, incoming(subject="Финансирование: терроризм"))
    assert ct.queue == "ctu"
    changed = RoutingRule("general", priority=100, queue="front-desk")
    updated = rules.update_rule(uow, BOSS, general.id, changed, expected_version=1)
    assert updated.version == 2
    with pytest.raises(Conflict):
        rules.update_rule(uow, BOSS, general.id, changed, expected_version=1)
    assert [r.name for r in rules.list_rules(uow, DUTY)] == ["extradition", "terror", "general"]
    rules.delete_rule(uow, BOSS, general.id)
    with pytest.raises(NotFound):
        rules.get_rule(uow, BOSS, general.id)
    assert svc.register_request(uow, DUTY, incoming()).queue == ""


def test_queue_due_soon_overdue_and_escalation(uow: SqlUnitOfWork, officers: None) -> None:
    now = T0 + timedelta(hours=30)
    late = svc.register_request(uow, DUTY, incoming(assignee="duty"))  # due T0+24h
    soon = svc.register_request(
        uow, DUTY, incoming(assignee="duty", received_at=T0 + timedelta(hours=8))
    )  # due T0+32h: within 4 h of now
    later = svc.register_request(
        uow, BOSS, incoming(assignee="other", received_at=T0 + timedelta(hours=20))
    )
    mine = svc.queue(uow, DUTY)
    assert [r.id for r in mine.items] == [late.id, soon.id]  # the most urgent first
    with pytest.raises(PermissionDenied):
        svc.queue(uow, DUTY, assignee="other")
    assert [r.id for r in svc.queue(uow, BOSS, assignee="other").items] == [later.id]
    overdue = svc.deadline_list(uow, DUTY, "overdue", assignee="duty", now=now)
    assert [r.id for r in overdue.items] == [late.id]
    due_soon = svc.deadline_list(uow, BOSS, "due_soon", now=now)
    assert [r.id for r in due_soon.items] == [soon.id]
    with pytest.raises(PermissionDenied):
        svc.deadline_list(uow, DUTY, "overdue", now=now)  # the whole bureau's
    with pytest.raises(PermissionDenied):
        svc.escalate_overdue(uow, DUTY, now=now)
    done = svc.escalate_overdue(uow, BOSS, now=now)
    assert [r.id for r in done] == [late.id]
    assert svc.escalate_overdue(uow, BOSS, now=now) == []  # once only
    assert ("request.escalate", "ok") in audit_actions(uow, "request.escalate")
    with uow:
        stored = uow.requests.get(late.id)
    assert stored is not None and stored.escalated_at == now


def test_messages_thread_and_reply_resumes_work(uow: SqlUnitOfWork, officers: None) -> None:
    r = svc.register_request(uow, DUTY, incoming(assignee="duty"))
    for step in (RequestStatus.IN_PROGRESS, RequestStatus.AWAITING_REPLY):
        svc.change_status(uow, DUTY, r.id, step)
    svc.add_message(
        uow, DUTY, r.id, Message(Direction.OUTGOING, "duty", "Запрос направлен в МВД.", "Re")
    )
    svc.add_message(
        uow, DUTY, r.id, Message(Direction.INCOMING, "NCB Astana", "Ответ: совпадений нет.")
    )
    got = svc.get_request(uow, DUTY, r.id)
    assert [m.direction for m in got.messages] == [Direction.OUTGOING, Direction.INCOMING]
    assert got.status == RequestStatus.IN_PROGRESS
    with pytest.raises(ValidationFailed):
        svc.add_message(uow, DUTY, r.id, Message(Direction.INCOMING, "x", "   "))


def test_full_text_over_requests_and_messages_any_script(uow: SqlUnitOfWork) -> None:
    a = svc.register_request(uow, DUTY, incoming())
    b = svc.register_request(
        uow,
        DUTY,
        incoming(
            subject="Document check: passport of Müller",
            body="Please check the passport.",
            counterpart_country="DE",
        ),
    )
    svc.add_message(uow, DUTY, b.id, Message(Direction.INCOMING, "NCB Wiesbaden", "Zürich visa"))

    def found(q: str, **kw: object) -> set[str]:
        page = svc.list_requests(uow, DUTY, RequestFilter(text=q, **kw))  # type: ignore[arg-type]
        return {r.id for r in page.items}

    assert found("нурбагандов") == {a.id}
    assert found("НУРБАГАНД") == {a.id}  # prefix, any case
    assert found("passport müller") == {b.id}
    assert found("zürich") == {b.id}  # in a message
    assert found("MULLER") == {b.id}  # accent-blind on both databases
    assert found("паспорт") == {a.id, b.id}  # Cyrillic finds Latin ("passport")
    assert found('" OR 1=1 --') == set()  # no query syntax gets through
    assert found("паспорт", country="KZ") == {a.id}
    assert found("паспорт", country="DE") == {b.id}
    assert found("", type=RequestType.DOCUMENT_CHECK) == set()


def test_attachments_stored_by_key_and_verified(
    uow: SqlUnitOfWork, tmp_path: Path, officers: None
) -> None:
    storage = FolderStorage(tmp_path / "attachments")
    config = svc.RegistryConfig(attachment_max_bytes=1000)
    r = svc.register_request(uow, DUTY, incoming())
    att = files.add_attachment(
        uow, DUTY, storage, r.id, "../../etc/passwd", b"%PDF-1.4 scan", config
    )
    assert att.file_name == "passwd" and att.content_type == "application/pdf"
    stored = list((tmp_path / "attachments").rglob("*"))
    assert [p.name for p in stored if p.is_file()] == [att.storage_key]
    assert not (tmp_path / "etc").exists()
    got, data = files.get_attachment(uow, DUTY, storage, r.id, att.id)
    assert data == b"%PDF-1.4 scan" and got.sha256 == att.sha256
    with pytest.raises(PayloadTooLarge):
        files.add_attachment(uow, DUTY, storage, r.id, "big.txt", b"x" * 1001, config)
    with pytest.raises(ValidationFailed):
        files.add_attachment(uow, DUTY, storage, r.id, "x.pdf", b"MZ\x90\x00", config)
    path = tmp_path / "attachments" / att.storage_key[:2] / att.storage_key
    path.write_bytes(b"%PDF-1.4 forged")
    with pytest.raises(Conflict):
        files.get_attachment(uow, DUTY, storage, r.id, att.id)
    with pytest.raises(NotFound):
        storage.get("../../../etc/passwd")
    assert len(svc.get_request(uow, DUTY, r.id).attachments) == 1


def test_incoming_request_about_a_person_is_screened(uow: SqlUnitOfWork) -> None:
    from ncbdesk.domain.dates import PartialDate
    from ncbdesk.domain.persons import Person, PersonName
    from ncbdesk.matching import ScreeningIndex
    from ncbdesk.services.screening import subject_from_person

    held = Person(
        "RU",
        [PersonName("Магомед Нурбагандов", given="Магомед", family="Нурбагандов")],
        birth_dates=[PartialDate(1985, 2, 1)],
        nationalities=["RU"],
    )
    other = Person("RU", [PersonName("John Smith")], nationalities=["GB"])
    asked = Person(
        "KZ",
        [PersonName("Magomed Nurbagandov")],
        birth_dates=[PartialDate(1985, 2, 1)],
        nationalities=["RU"],
    )
    with uow:
        for p in (held, other, asked):
            uow.persons.add(p)
        uow.commit()
    index = ScreeningIndex.build([subject_from_person(p) for p in (held, other, asked)])
    r = svc.register_request(uow, DUTY, incoming(person_ids=[asked.id]), index=index)
    assert [(h.subject_id, h.person_id) for h in r.hits] == [(asked.id, held.id)]
    with uow:
        stored = uow.requests.get(r.id)
    assert stored is not None and [h.person_id for h in stored.hits] == [held.id]
    assert stored.hits[0].reasons
    # Outgoing requests are ours: nothing to screen.
    out = svc.register_request(
        uow, DUTY, incoming(direction=Direction.OUTGOING, person_ids=[asked.id]), index=index
    )
    assert out.hits == []


def test_statistics_count_by_month_type_direction_country(
    uow: SqlUnitOfWork, officers: None
) -> None:
    from ncbdesk.services import requests_stats as stats

    svc.register_request(uow, DUTY, incoming())
    svc.register_request(
        uow, DUTY, incoming(received_at=T0 + timedelta(days=40), counterpart_country="DE")
    )
    done = svc.register_request(
        uow, DUTY, incoming(direction=Direction.OUTGOING, type=RequestType.EXTRADITION)
    )
    svc.register_request(uow, DUTY, incoming(received_at=datetime(2025, 12, 31, 23, tzinfo=UTC)))
    for step in (RequestStatus.IN_PROGRESS, RequestStatus.ANSWERED):
        if step == RequestStatus.IN_PROGRESS:
            svc.assign_request(uow, BOSS, done.id, "other")
        svc.change_status(uow, OTHER, done.id, step, now=T0 + timedelta(hours=6))
    s = stats.statistics(uow, ANALYST, 2026)
    assert [(m.month, m.key, m.count) for m in s.by_month_direction] == [
        (3, "incoming", 1),
        (3, "outgoing", 1),
        (4, "incoming", 1),
    ]
    assert [(m.month, m.key, m.count) for m in s.by_month_type] == [
        (3, "extradition", 1),
        (3, "identity_check", 1),
        (4, "identity_check", 1),
    ]
    assert [(k.key, k.count) for k in s.by_country] == [("KZ", 2), ("DE", 1)]
    assert s.median_handling_hours == 6.0 and s.share_answered_in_time == 1.0
    assert s.annual is not None and s.annual.requests_received == 3
    assert (s.annual.incoming, s.annual.outgoing, s.annual.answered) == (2, 1, 1)
    assert stats.statistics(uow, ANALYST, 2025).annual.requests_received == 1  # type: ignore[union-attr]
    with pytest.raises(PermissionDenied):
        stats.statistics(uow, Actor("admin", "RU", frozenset({Role.ADMINISTRATOR})), 2026)


def test_a_search_lists_at_most_the_cap(
    uow: SqlUnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ncbdesk.adapters.db import requests_repo

    made = [
        svc.register_request(uow, DUTY, incoming(received_at=T0 + timedelta(hours=i)))
        for i in range(5)
    ]
    assert svc.list_requests(uow, DUTY, RequestFilter(text="паспорт")).total == 5
    monkeypatch.setattr(requests_repo, "MAX_TEXT_MATCHES", 3)
    page = svc.list_requests(uow, DUTY, RequestFilter(text="паспорт"))
    assert page.total == 3 and len(page.items) == 3
    if uow.engine.dialect.name == "sqlite":  # the newest matches
        assert [r.id for r in page.items] == [r.id for r in reversed(made)][:3]
