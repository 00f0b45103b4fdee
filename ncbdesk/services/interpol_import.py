"""Import INTERPOL's public notices (red, yellow, UN) as persons and notices.

A public notice is the General Secretariat's publication of another bureau's
data: the copy we keep is owned by that bureau (the warrant's country), and
refreshing it from the public source is not an amendment by this bureau. So a
re-import replaces the content of the copies an earlier import made — found by
the notice's reference and the person's external id — and never touches a
notice this system holds for another reason under the same reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Protocol

from ncbdesk.domain.errors import Conflict, FieldError, ValidationFailed
from ncbdesk.domain.notices import Notice, NoticeStatus, StatusChange, add_years
from ncbdesk.domain.persons import Person, utcnow
from ncbdesk.domain.security import Permission
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.persons import RETENTION_YEARS
from ncbdesk.services.ports import UnitOfWork

# The reason on the status change an import writes: it marks the notice as a
# copy of INTERPOL's publication, which a later import may refresh.
IMPORT_REASON = "imported from INTERPOL's public notices"


class ParsedNotice(Protocol):
    """One parsed public notice (ncbdesk.adapters.interpol.InterpolRecord is one)."""

    @property
    def person(self) -> Person: ...
    @property
    def notice(self) -> Notice: ...
    @property
    def path(self) -> str: ...  # where in the file: "_embedded.notices[3]", or ""
    @property
    def line(self) -> int | None: ...  # the line, in a JSON-lines file
    @property
    def partial(self) -> bool: ...  # a list page's entry, not the full detail record


@dataclass
class InterpolImportResult:
    created: int = 0  # notices (each with its subject) new to this system
    updated: int = 0  # notices an earlier import had stored, refreshed


def _is_import_copy(notice: Notice) -> bool:
    return any(h.reason.startswith(IMPORT_REASON) for h in notice.history)


def import_interpol(
    uow: UnitOfWork, actor: Actor, records: Sequence[ParsedNotice], source: str
) -> InterpolImportResult:
    """Store parsed INTERPOL notices and their subjects in one transaction.

    All or nothing: every record is checked before the first write, and any
    problem raises (ValidationFailed, Conflict) with nothing stored. A notice
    whose reference an earlier import stored is updated in place (ids,
    creation time, status and history kept; version bumped), and so is its
    subject, found by external id ("interpol:2019/12345"). `source` (a file
    name or URL) goes into the audit entry and the notice's history.
    """
    authorize(uow, actor, Permission.IMPORT, "notice.import", "notice")
    result = InterpolImportResult()
    today = date.today()
    review_on = add_years(today, RETENTION_YEARS)
    with uow:
        # Check everything before the first write: a refusal is audited on a
        # connection of its own, which must not wait for this transaction.
        found = _check(uow, records, today)
        now = utcnow()
        for rec, (old_person, old_notice) in zip(records, found, strict=True):
            person, notice = rec.person, rec.notice
            if rec.partial:
                _keep_what_a_list_entry_lacks(person, notice, old_person, old_notice)
            if old_person is None:
                person.review_on = person.review_on or review_on
                uow.persons.add(person)
            else:
                person.id = old_person.id
                person.created_at = old_person.created_at
                person.review_on = old_person.review_on or review_on
                person.handling = old_person.handling
                person.updated_at = now
                person.version = old_person.version + 1
                uow.persons.update(person)
            notice.subject_ids = [person.id]
            if old_notice is None:
                notice.history = [
                    StatusChange(NoticeStatus.PUBLISHED, now, actor.username, _reason(source))
                ]
                uow.notices.add(notice)
                result.created += 1
            else:
                notice.id = old_notice.id
                notice.created_at = old_notice.created_at
                notice.status = old_notice.status
                notice.history = old_notice.history
                notice.handling = old_notice.handling
                notice.published_on = notice.published_on or old_notice.published_on
                notice.valid_until = notice.valid_until or old_notice.valid_until
                notice.updated_at = now
                notice.version = old_notice.version + 1
                uow.notices.update(notice)
                result.updated += 1
        uow.commit()
    record(
        uow,
        actor,
        "notice.import",
        "notice",
        source=source,
        format="interpol",
        created=result.created,
        updated=result.updated,
    )
    return result


def _check(
    uow: UnitOfWork, records: Sequence[ParsedNotice], today: date
) -> list[tuple[Person | None, Notice | None]]:
    """The stored copies of each record's person and notice; raise on any problem.

    ValidationFailed if a record is not valid, Conflict if it clashes with what
    is stored; each problem is placed where the record was in its file.
    """
    invalid: list[FieldError] = []
    clashes: list[FieldError] = []
    found: list[tuple[Person | None, Notice | None]] = []
    seen: set[str] = set()
    for rec in records:
        for check in (partial(rec.person.validate, today=today), rec.notice.validate):
            try:
                check()
            except ValidationFailed as exc:
                invalid.extend(_placed(rec, e.field, e.message) for e in exc.errors)
        ref, ext = rec.notice.reference, rec.person.external_id
        if not ref or not ext:
            invalid.append(_placed(rec, "entity_id", "the record has no entity_id"))
            found.append((None, None))
            continue
        if ref in seen:
            clashes.append(_placed(rec, "entity_id", f"{ref} is imported twice"))
        seen.add(ref)
        notice = uow.notices.get_by_reference(ref)
        if notice is not None and not _is_import_copy(notice):
            clashes.append(
                _placed(
                    rec,
                    "entity_id",
                    f"notice {ref} is already held here, not as an INTERPOL import; "
                    "it is left as it is",
                )
            )
        elif notice is not None and notice.type != rec.notice.type:
            clashes.append(
                _placed(
                    rec,
                    "entity_id",
                    f"notice {ref} was imported as {notice.type.value}, "
                    f"now read as {rec.notice.type.value}",
                )
            )
        found.append((uow.persons.get_by_external_id(ext), notice))
    if invalid:
        raise ValidationFailed(
            f"{len(invalid)} problem(s) in the notices; nothing was imported.", invalid
        )
    if clashes:
        raise Conflict(
            f"{len(clashes)} notice(s) clash with what is stored; nothing was imported.", clashes
        )
    return found


def _placed(rec: ParsedNotice, field: str, message: str) -> FieldError:
    return FieldError(f"{rec.path}.{field}" if rec.path else field, message, rec.line)


def _keep_what_a_list_entry_lacks(
    person: Person, notice: Notice, old_person: Person | None, old_notice: Notice | None
) -> None:
    """A list page gives names, birth date and nationalities: the rest stays as stored.

    Otherwise refreshing from a list page would erase what a detail record
    brought (description, charges), and swap the warrant's country as owner for
    the nationality a list entry can only guess from.
    """
    if old_person is not None:
        person.owner_bureau = old_person.owner_bureau
        person.sex = old_person.sex
        person.place_of_birth = old_person.place_of_birth
        person.description = old_person.description
        person.documents = old_person.documents
        person.notes = old_person.notes
    if old_notice is not None:
        notice.owner_bureau = old_notice.owner_bureau
        notice.summary = old_notice.summary
        notice.judicial = old_notice.judicial


def _reason(source: str) -> str:
    return f"{IMPORT_REASON} ({source})" if source else IMPORT_REASON
