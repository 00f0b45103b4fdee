"""A notice and the new person it is about are stored together or not at all."""

from __future__ import annotations

import pytest

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.errors import Conflict
from ncbdesk.domain.notices import Notice, NoticeType
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.services import notices as notice_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter

HERE = Actor.system("RU")


def held(uow: SqlUnitOfWork) -> tuple[int, int]:
    with uow:
        return uow.persons.count(), uow.notices.count()


def test_the_new_subject_is_stored_with_the_notice(uow: SqlUnitOfWork) -> None:
    person = Person("", [PersonName("Руслан Алиев")])
    notice = notice_svc.create_notice(
        uow, HERE, Notice(NoticeType.YELLOW, "", "Missing"), new_subject=person
    )
    assert notice.subject_ids == [person.id]
    with uow:
        stored = uow.persons.get(person.id)
    assert stored is not None and stored.owner_bureau == "RU" and stored.review_on is not None
    with uow:
        actions = [e.action for e in uow.audit.list(AuditFilter(), 0, 10).items]
    assert {"person.create", "notice.create"} <= set(actions)


def test_a_refused_notice_leaves_no_person_behind(uow: SqlUnitOfWork) -> None:
    notice_svc.create_notice(uow, HERE, Notice(NoticeType.RED, "", "First", reference="2024/1"))
    before = held(uow)
    person = Person("", [PersonName("Руслан Алиев")])
    clash = Notice(NoticeType.RED, "", "Second", reference="2024/1")
    with pytest.raises(Conflict):
        notice_svc.create_notice(uow, HERE, clash, new_subject=person)
    assert held(uow) == before
    with uow:
        assert uow.persons.get(person.id) is None
