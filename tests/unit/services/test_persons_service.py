from __future__ import annotations

import pytest
from fakes import FakeUnitOfWork

from ncbdesk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from ncbdesk.domain.notices import Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person, PersonName
from ncbdesk.domain.security import Role
from ncbdesk.services import notices as notice_svc
from ncbdesk.services import persons as svc
from ncbdesk.services.context import Actor

RU = Actor("ivanov", "RU", frozenset({Role.CASE_OFFICER}))
DE = Actor("schmidt", "DE", frozenset({Role.CASE_OFFICER}))
RU_ANALYST = Actor("petrova", "RU", frozenset({Role.ANALYST}))


def person(name: str = "Иван Петров", **kw: object) -> Person:
    return Person("", [PersonName(name)], **kw)  # type: ignore[arg-type]


def test_create_takes_the_actors_bureau_as_owner() -> None:
    uow = FakeUnitOfWork()
    p = svc.create_person(uow, RU, person())
    assert p.owner_bureau == "RU"
    assert uow.persons.count() == 1 and uow.commits == 1
    assert uow.audit.actions() == [("person.create", "ok")]


def test_invalid_person_writes_nothing() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(ValidationFailed):
        svc.create_person(uow, RU, person(nationalities=["XX"]))
    assert uow.persons.count() == 0


def test_only_the_owner_amends_or_deletes() -> None:
    uow = FakeUnitOfWork()
    p = svc.create_person(uow, RU, person())
    with pytest.raises(PermissionDenied, match=r"owning bureau \(RU\)"):
        svc.update_person(uow, DE, p.id, person("Changed"), None)
    with pytest.raises(PermissionDenied):
        svc.delete_person(uow, DE, p.id)
    assert svc.get_person(uow, DE, p.id).display_name == "Иван Петров"
    assert uow.audit.actions()[1:] == [
        ("person.update", "refused"),
        ("person.delete", "refused"),
        ("person.read", "ok"),
    ]
    assert uow.audit.entries[1].actor == "schmidt"


def test_roles_decide_and_refusals_are_audited() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(PermissionDenied, match=r"roles \(analyst\) do not allow person:write"):
        svc.create_person(uow, RU_ANALYST, person())
    assert uow.persons.count() == 0
    assert uow.audit.actions() == [("person.create", "refused")]


def test_update_checks_the_version_and_keeps_identity() -> None:
    uow = FakeUnitOfWork()
    p = svc.create_person(uow, RU, person())
    changed = svc.update_person(uow, RU, p.id, person("Иван Сергеевич Петров"), 1)
    assert (changed.id, changed.version, changed.created_at) == (p.id, 2, p.created_at)
    with pytest.raises(Conflict, match="version 2, not 1"):
        svc.update_person(uow, RU, p.id, person("Again"), 1)


def test_missing_person_is_not_found() -> None:
    with pytest.raises(NotFound):
        svc.get_person(FakeUnitOfWork(), RU, "nope")


def test_import_is_all_or_nothing() -> None:
    uow = FakeUnitOfWork()
    good = person("Good One")
    good.external_id = "a"
    bad = person("Bad One", nationalities=["XX"])
    bad.external_id = "b"
    with pytest.raises(ValidationFailed):
        svc.import_persons(uow, RU, [good, bad])
    assert uow.persons.count() == 0


def test_notice_lifecycle_guards_editing_and_deleting() -> None:
    uow = FakeUnitOfWork()
    p = svc.create_person(uow, RU, person())
    n = notice_svc.create_notice(uow, RU, Notice(NoticeType.RED, "", "Red", subject_ids=[p.id]))
    stored = uow.notices.rows[n.id]
    stored.status = NoticeStatus.PUBLISHED
    with pytest.raises(Conflict, match="published notice cannot be edited"):
        notice_svc.update_notice(uow, RU, n.id, Notice(NoticeType.RED, "", "New"), None)
    with pytest.raises(Conflict, match="cancel it instead"):
        notice_svc.delete_notice(uow, RU, n.id)
    with pytest.raises(PermissionDenied):
        notice_svc.delete_notice(uow, DE, n.id)
