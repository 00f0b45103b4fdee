"""Use cases on persons: one function per thing a user does.

Each checks the caller's permission, applies the data-owner rule, changes the
domain, commits, and writes the audit entry (ncbdesk.services.access).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from ncbdesk.domain.errors import Conflict, NotFound, PermissionDenied, Problems
from ncbdesk.domain.notices import add_years
from ncbdesk.domain.persons import Person, utcnow
from ncbdesk.domain.security import Permission, Use
from ncbdesk.services.access import (
    authorize,
    check_handling,
    check_owner,
    claim_ownership,
    record,
)
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import Page, PersonFilter, UnitOfWork
from ncbdesk.services.screening import IndexPort, subject_from_person

# A record's need is reviewed five years after entry, as INTERPOL's RPD
# (art. 49–50) does for notices.
RETENTION_YEARS = 5


def create_person(
    uow: UnitOfWork, actor: Actor, person: Person, index: IndexPort | None = None
) -> Person:
    """Validate and store a new person owned by the actor's bureau unless set.

    `index`, when given, is kept in step so the person is screenable at once.
    """
    prepare_new_person(uow, actor, person)
    with uow:
        uow.persons.add(person)
        uow.commit()
    person_created(uow, actor, person, index)
    return person


def prepare_new_person(uow: UnitOfWork, actor: Actor, person: Person) -> None:
    """Check the actor may create `person` and that it is valid; set owner and review date.

    For a caller that stores the person inside its own transaction (a notice and
    the person it is about, saved together) and then calls `person_created`.
    """
    authorize(uow, actor, Permission.PERSON_WRITE, "person.create", "person")
    claim_ownership(uow, actor, person.owner_bureau, "person.create", "person")
    person.owner_bureau = person.owner_bureau or actor.bureau
    person.validate(today=date.today())
    if person.review_on is None:
        person.review_on = add_years(date.today(), RETENTION_YEARS)


def person_created(
    uow: UnitOfWork, actor: Actor, person: Person, index: IndexPort | None = None
) -> None:
    """After the commit: the audit entry, and the index kept in step."""
    record(uow, actor, "person.create", "person", person.id, name=person.display_name)
    if index is not None:
        index.upsert(subject_from_person(person))


def get_person(uow: UnitOfWork, actor: Actor, person_id: str, purpose: str = "") -> Person:
    authorize(uow, actor, Permission.PERSON_READ, "person.read", "person", person_id)
    with uow:
        person = uow.persons.get(person_id)
    if person is None:
        raise NotFound(f"No person with id {person_id}.")
    record(uow, actor, "person.read", "person", person_id, purpose=purpose)
    return person


def list_persons(
    uow: UnitOfWork,
    actor: Actor,
    filter: PersonFilter,
    offset: int = 0,
    limit: int = 50,
    purpose: str = "",
) -> Page[Person]:
    authorize(uow, actor, Permission.PERSON_READ, "person.list", "person")
    with uow:
        page = uow.persons.list(filter, offset, limit)
    record(
        uow,
        actor,
        "person.search" if filter.name else "person.list",
        "person",
        purpose=purpose,
        name=filter.name,
        nationality=filter.nationality,
        results=page.total,
    )
    return page


def count_persons(uow: UnitOfWork, actor: Actor) -> int:
    """The number of persons, for dashboards; not audited (no personal data)."""
    authorize(uow, actor, Permission.PERSON_READ, "person.count", "person")
    with uow:
        return uow.persons.count()


def can_amend(actor: Actor, person: Person) -> bool:
    """Whether the actor may edit the person (for showing the buttons)."""
    return actor.can(Permission.PERSON_WRITE) and person.owner_bureau == actor.bureau


def update_person(
    uow: UnitOfWork,
    actor: Actor,
    person_id: str,
    changes: Person,
    expected_version: int | None,
    index: IndexPort | None = None,
    keep_handling: bool = False,
) -> Person:
    """Replace a person's data with `changes`; the owner and id stay.

    `keep_handling` keeps the stored handling codes (a client that did not send them).
    """
    authorize(uow, actor, Permission.PERSON_WRITE, "person.update", "person", person_id)
    with uow:
        current = uow.persons.get(person_id)
        if current is None:
            raise NotFound(f"No person with id {person_id}.")
        check_owner(uow, actor, current.owner_bureau, "person.update", "person", person_id)
        if expected_version is not None and expected_version != current.version:
            raise Conflict(
                f"The person is at version {current.version}, not {expected_version}; "
                "reload and try again."
            )
        changes.id = current.id
        changes.owner_bureau = current.owner_bureau
        changes.external_id = current.external_id
        changes.created_at = current.created_at
        changes.review_on = changes.review_on or current.review_on
        if keep_handling:
            changes.handling = current.handling
        changes.updated_at = utcnow()
        changes.version = current.version + 1
        changes.validate(today=date.today())
        uow.persons.update(changes)
        uow.commit()
    record(uow, actor, "person.update", "person", person_id, version=changes.version)
    if index is not None:
        index.upsert(subject_from_person(changes))
    return changes


def delete_person(
    uow: UnitOfWork,
    actor: Actor,
    person_id: str,
    index: IndexPort | None = None,
    reason: str = "",
) -> None:
    """Delete the person's data for good; the audit trail keeps a tombstone (id, no data)."""
    authorize(uow, actor, Permission.PERSON_DELETE, "person.delete", "person", person_id)
    with uow:
        current = uow.persons.get(person_id)
        if current is None:
            raise NotFound(f"No person with id {person_id}.")
        check_owner(uow, actor, current.owner_bureau, "person.delete", "person", person_id)
        uow.persons.delete(person_id)
        uow.commit()
    record(uow, actor, "person.delete", "person", person_id, reason=reason, tombstone=True)
    if index is not None:
        index.remove(person_id)


@dataclass
class Export:
    """A running export: what went out and what the owners' handling codes withheld."""

    exported: int = 0
    withheld: list[tuple[str, str]] = field(default_factory=list)  # (person id, reason)


def export_persons(uow: UnitOfWork, actor: Actor, run: Export) -> Iterator[Person]:
    """Every person the actor may export; records whose codes forbid it are withheld.

    Call inside `with uow:`. Each withheld record is a refused attempt in the audit trail.
    """
    authorize(uow, actor, Permission.EXPORT, "person.export", "person")
    for person in uow.persons.iter_all():
        try:
            check_handling(
                uow, actor, person.handling, person.owner_bureau, Use.EXPORT, "person", person.id
            )
        except PermissionDenied as exc:
            run.withheld.append((person.id, exc.message))
            continue
        run.exported += 1
        yield person
    record(uow, actor, "person.export", "person", exported=run.exported, withheld=len(run.withheld))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0


def import_persons(
    uow: UnitOfWork, actor: Actor, persons: list[Person], source: str = ""
) -> ImportResult:
    """Store already-parsed persons in one transaction: all or nothing.

    A person whose `external_id` is already known replaces that record (if this
    bureau owns it), so importing the same file twice does not duplicate.
    """
    authorize(uow, actor, Permission.IMPORT, "person.import", "person")
    result = ImportResult()
    today = date.today()
    review_on = add_years(today, RETENTION_YEARS)
    with uow:
        # Check everything before the first write: a refusal is audited on a
        # connection of its own, which must not wait for this transaction.
        existing: dict[int, Person] = {}
        for i, person in enumerate(persons):
            person.validate(today=today)
            person.review_on = person.review_on or review_on
            found = (
                uow.persons.get_by_external_id(person.external_id) if person.external_id else None
            )
            if found is not None:
                check_owner(uow, actor, found.owner_bureau, "person.import", "person", found.id)
                existing[i] = found
        for i, person in enumerate(persons):
            found = existing.get(i)
            if found is None:
                uow.persons.add(person)
                result.created += 1
                continue
            person.id = found.id
            person.created_at = found.created_at
            person.version = found.version + 1
            uow.persons.update(person)
            result.updated += 1
        uow.commit()
    record(
        uow,
        actor,
        "person.import",
        "person",
        source=source,
        created=result.created,
        updated=result.updated,
    )
    return result


def extend_review(
    uow: UnitOfWork,
    actor: Actor,
    person_id: str,
    review_on: date,
    reason: str,
    today: date | None = None,
) -> Person:
    """Keep a record past its review date: a new date, at most five years on, and why.

    Only the owning bureau decides (data-owner principle); the old and new dates
    and the reason go to the audit trail.
    """
    authorize(uow, actor, Permission.RETENTION_MANAGE, "person.review_extend", "person", person_id)
    today = today or date.today()
    p = Problems()
    if not reason.strip():
        p.add("reason", "say why the record is still needed")
    if review_on <= today:
        p.add("review_on", "the new review date must be after today")
    elif review_on > add_years(today, RETENTION_YEARS):
        p.add("review_on", f"at most {RETENTION_YEARS} years from today")
    p.raise_if_any("The review cannot be extended.")
    with uow:
        person = uow.persons.get(person_id)
        if person is None:
            raise NotFound(f"No person with id {person_id}.")
        check_owner(uow, actor, person.owner_bureau, "person.review_extend", "person", person_id)
        previous = person.review_on
        person.review_on = review_on
        person.updated_at = utcnow()
        person.version += 1
        uow.persons.update(person)
        uow.commit()
    record(uow, actor, "person.review_extend", "person", person_id, reason=reason.strip(),
           previous=str(previous or ""), review_on=review_on.isoformat())  # fmt: skip
    return person
