"""Use cases on persons: one function per thing a user does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ncbdesk.domain.errors import NotFound, PermissionDenied
from ncbdesk.domain.persons import Person, utcnow
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import Page, PersonFilter, UnitOfWork
from ncbdesk.services.screening import IndexPort, subject_from_person


def _check_owner(actor: Actor, person: Person, action: str) -> None:
    # Data-owner principle (DESIGN §1): only the bureau that entered the data
    # may amend or delete it.
    if person.owner_bureau != actor.bureau:
        raise PermissionDenied(
            f"Only the owning bureau ({person.owner_bureau}) may {action} this person; "
            f"you act for {actor.bureau}."
        )


def create_person(
    uow: UnitOfWork, actor: Actor, person: Person, index: IndexPort | None = None
) -> Person:
    """Validate and store a new person owned by the actor's bureau unless set.

    `index`, when given, is kept in step so the person is screenable at once.
    """
    person.owner_bureau = person.owner_bureau or actor.bureau
    person.validate(today=date.today())
    with uow:
        uow.persons.add(person)
        uow.commit()
    if index is not None:
        index.upsert(subject_from_person(person))
    return person


def get_person(uow: UnitOfWork, actor: Actor, person_id: str) -> Person:
    with uow:
        person = uow.persons.get(person_id)
    if person is None:
        raise NotFound(f"No person with id {person_id}.")
    return person


def list_persons(
    uow: UnitOfWork, actor: Actor, filter: PersonFilter, offset: int = 0, limit: int = 50
) -> Page[Person]:
    with uow:
        return uow.persons.list(filter, offset, limit)


def update_person(
    uow: UnitOfWork,
    actor: Actor,
    person_id: str,
    changes: Person,
    expected_version: int | None,
    index: IndexPort | None = None,
) -> Person:
    """Replace a person's data with `changes`; the owner and id stay."""
    with uow:
        current = uow.persons.get(person_id)
        if current is None:
            raise NotFound(f"No person with id {person_id}.")
        _check_owner(actor, current, "amend")
        if expected_version is not None and expected_version != current.version:
            from ncbdesk.domain.errors import Conflict

            raise Conflict(
                f"The person is at version {current.version}, not {expected_version}; "
                "reload and try again."
            )
        changes.id = current.id
        changes.owner_bureau = current.owner_bureau
        changes.external_id = current.external_id
        changes.created_at = current.created_at
        changes.updated_at = utcnow()
        changes.version = current.version + 1
        changes.validate(today=date.today())
        uow.persons.update(changes)
        uow.commit()
    if index is not None:
        index.upsert(subject_from_person(changes))
    return changes


def delete_person(
    uow: UnitOfWork, actor: Actor, person_id: str, index: IndexPort | None = None
) -> None:
    with uow:
        current = uow.persons.get(person_id)
        if current is None:
            raise NotFound(f"No person with id {person_id}.")
        _check_owner(actor, current, "delete")
        uow.persons.delete(person_id)
        uow.commit()
    if index is not None:
        index.remove(person_id)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0


def import_persons(
    uow: UnitOfWork, actor: Actor, persons: list[Person], batch_size: int = 500
) -> ImportResult:
    """Store already-validated persons in one transaction: all or nothing.

    A person whose `external_id` is already known replaces that record (if this
    bureau owns it), so importing the same file twice does not duplicate.
    """
    result = ImportResult()
    today = date.today()
    with uow:
        for person in persons:
            person.validate(today=today)
            existing = (
                uow.persons.get_by_external_id(person.external_id) if person.external_id else None
            )
            if existing is None:
                uow.persons.add(person)
                result.created += 1
                continue
            _check_owner(actor, existing, "amend")
            person.id = existing.id
            person.created_at = existing.created_at
            person.version = existing.version + 1
            uow.persons.update(person)
            result.updated += 1
        uow.commit()
    return result
