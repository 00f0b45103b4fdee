"""Use cases on notices and diffusions."""

from __future__ import annotations

from ncbdesk.domain.errors import Conflict, NotFound, Problems
from ncbdesk.domain.notices import Notice, NoticeStatus
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.security import Permission
from ncbdesk.services.access import authorize, check_owner, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter, Page, UnitOfWork


def _check_subjects(uow: UnitOfWork, notice: Notice) -> None:
    p = Problems()
    for i, pid in enumerate(notice.subject_ids):
        if uow.persons.get(pid) is None:
            p.add(f"subject_ids[{i}]", f"no person with id {pid}")
    p.raise_if_any("The notice refers to persons that do not exist.")


def create_notice(uow: UnitOfWork, actor: Actor, notice: Notice) -> Notice:
    """Store a new notice as a draft of the actor's bureau."""
    authorize(uow, actor, Permission.NOTICE_WRITE, "notice.create", "notice")
    notice.owner_bureau = notice.owner_bureau or actor.bureau
    notice.validate()
    with uow:
        _check_subjects(uow, notice)
        if notice.reference and uow.notices.get_by_reference(notice.reference):
            raise Conflict(f"A notice with reference {notice.reference} already exists.")
        uow.notices.add(notice)
        uow.commit()
    record(uow, actor, "notice.create", "notice", notice.id, type=notice.type.value)
    return notice


def get_notice(uow: UnitOfWork, actor: Actor, notice_id: str, purpose: str = "") -> Notice:
    authorize(uow, actor, Permission.NOTICE_READ, "notice.read", "notice", notice_id)
    with uow:
        notice = uow.notices.get(notice_id)
    if notice is None:
        raise NotFound(f"No notice with id {notice_id}.")
    record(uow, actor, "notice.read", "notice", notice_id, purpose=purpose)
    return notice


def list_notices(
    uow: UnitOfWork, actor: Actor, filter: NoticeFilter, offset: int = 0, limit: int = 50
) -> Page[Notice]:
    authorize(uow, actor, Permission.NOTICE_READ, "notice.list", "notice")
    with uow:
        page = uow.notices.list(filter, offset, limit)
    record(uow, actor, "notice.list", "notice", text=filter.text, results=page.total)
    return page


def update_notice(
    uow: UnitOfWork, actor: Actor, notice_id: str, changes: Notice, expected_version: int | None
) -> Notice:
    """Replace a notice's content. Status and history change only through the lifecycle."""
    authorize(uow, actor, Permission.NOTICE_WRITE, "notice.update", "notice", notice_id)
    with uow:
        current = uow.notices.get(notice_id)
        if current is None:
            raise NotFound(f"No notice with id {notice_id}.")
        check_owner(uow, actor, current.owner_bureau, "notice.update", "notice", notice_id)
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
    record(uow, actor, "notice.update", "notice", notice_id, version=changes.version)
    return changes


def delete_notice(uow: UnitOfWork, actor: Actor, notice_id: str) -> None:
    authorize(uow, actor, Permission.NOTICE_WRITE, "notice.delete", "notice", notice_id)
    with uow:
        current = uow.notices.get(notice_id)
        if current is None:
            raise NotFound(f"No notice with id {notice_id}.")
        check_owner(uow, actor, current.owner_bureau, "notice.delete", "notice", notice_id)
        if current.status not in (NoticeStatus.DRAFT, NoticeStatus.REFUSED):
            raise Conflict(f"A {current.status.value} notice cannot be deleted; cancel it instead.")
        uow.notices.delete(notice_id)
        uow.commit()
    record(uow, actor, "notice.delete", "notice", notice_id)
