"""Use cases on notices and diffusions."""

from __future__ import annotations

from ncbdesk.domain.errors import Conflict, NotFound, PermissionDenied, Problems
from ncbdesk.domain.notices import Notice, NoticeStatus
from ncbdesk.domain.persons import utcnow
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter, Page, UnitOfWork


def _check_owner(actor: Actor, notice: Notice, action: str) -> None:
    if notice.owner_bureau != actor.bureau:
        raise PermissionDenied(
            f"Only the owning bureau ({notice.owner_bureau}) may {action} this notice; "
            f"you act for {actor.bureau}."
        )


def _check_subjects(uow: UnitOfWork, notice: Notice) -> None:
    p = Problems()
    for i, pid in enumerate(notice.subject_ids):
        if uow.persons.get(pid) is None:
            p.add(f"subject_ids[{i}]", f"no person with id {pid}")
    p.raise_if_any("The notice refers to persons that do not exist.")


def create_notice(uow: UnitOfWork, actor: Actor, notice: Notice) -> Notice:
    """Store a new notice as a draft of the actor's bureau."""
    notice.owner_bureau = notice.owner_bureau or actor.bureau
    notice.validate()
    with uow:
        _check_subjects(uow, notice)
        if notice.reference and uow.notices.get_by_reference(notice.reference):
            raise Conflict(f"A notice with reference {notice.reference} already exists.")
        uow.notices.add(notice)
        uow.commit()
    return notice


def get_notice(uow: UnitOfWork, actor: Actor, notice_id: str) -> Notice:
    with uow:
        notice = uow.notices.get(notice_id)
    if notice is None:
        raise NotFound(f"No notice with id {notice_id}.")
    return notice


def list_notices(
    uow: UnitOfWork, actor: Actor, filter: NoticeFilter, offset: int = 0, limit: int = 50
) -> Page[Notice]:
    with uow:
        return uow.notices.list(filter, offset, limit)


def update_notice(
    uow: UnitOfWork, actor: Actor, notice_id: str, changes: Notice, expected_version: int | None
) -> Notice:
    """Replace a notice's content. Status and history change only through the lifecycle."""
    with uow:
        current = uow.notices.get(notice_id)
        if current is None:
            raise NotFound(f"No notice with id {notice_id}.")
        _check_owner(actor, current, "amend")
        if expected_version is not None and expected_version != current.version:
            raise Conflict(
                f"The notice is at version {current.version}, not {expected_version}; "
                "reload and try again."
            )
        if current.status not in (NoticeStatus.DRAFT, NoticeStatus.REFUSED):
            raise Conflict(
                f"A {current.status.value} notice cannot be edited; only drafts and refused "
                "notices can."
            )
        changes.id = current.id
        changes.owner_bureau = current.owner_bureau
        changes.status = current.status
        changes.history = current.history
        changes.published_on = current.published_on
        changes.valid_until = current.valid_until
        changes.created_at = current.created_at
        changes.updated_at = utcnow()
        changes.version = current.version + 1
        changes.validate()
        _check_subjects(uow, changes)
        if changes.reference:
            other = uow.notices.get_by_reference(changes.reference)
            if other is not None and other.id != changes.id:
                raise Conflict(f"A notice with reference {changes.reference} already exists.")
        uow.notices.update(changes)
        uow.commit()
    return changes


def delete_notice(uow: UnitOfWork, actor: Actor, notice_id: str) -> None:
    with uow:
        current = uow.notices.get(notice_id)
        if current is None:
            raise NotFound(f"No notice with id {notice_id}.")
        _check_owner(actor, current, "delete")
        if current.status not in (NoticeStatus.DRAFT, NoticeStatus.REFUSED):
            raise Conflict(f"A {current.status.value} notice cannot be deleted; cancel it instead.")
        uow.notices.delete(notice_id)
        uow.commit()
