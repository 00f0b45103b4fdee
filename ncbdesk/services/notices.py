"""Use cases on notices and diffusions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ncbdesk.domain.errors import Conflict, NotFound, Problems, ValidationFailed
from ncbdesk.domain.hits import PossibleHit
from ncbdesk.domain.neutrality import NeutralityInput, assess
from ncbdesk.domain.notice_checks import minimum_data_problems
from ncbdesk.domain.notices import (
    REVIEW_NOTICE_MONTHS,
    WANTED_OR_MISSING,
    AssessmentRecord,
    CancelReason,
    Decision,
    Notice,
    NoticeStatus,
    NoticeType,
    add_months,
)
from ncbdesk.domain.persons import Person, utcnow
from ncbdesk.domain.security import Permission
from ncbdesk.services import persons as person_svc
from ncbdesk.services.access import authorize, check_owner, claim_ownership, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter, Page, UnitOfWork
from ncbdesk.services.screening import IndexPort, subject_from_person


def _check_subjects(uow: UnitOfWork, notice: Notice) -> None:
    p = Problems()
    for i, pid in enumerate(notice.subject_ids):
        if uow.persons.get(pid) is None:
            p.add(f"subject_ids[{i}]", f"no person with id {pid}")
    p.raise_if_any("The notice refers to persons that do not exist.")


def create_notice(
    uow: UnitOfWork,
    actor: Actor,
    notice: Notice,
    new_subject: Person | None = None,
    index: IndexPort | None = None,
) -> Notice:
    """Store a new notice as a draft of the actor's bureau.

    With `new_subject`, the person the notice is about is not held yet: it is
    stored with the notice in one transaction, so a refused notice (a taken
    reference, say) leaves no person behind.
    """
    authorize(uow, actor, Permission.NOTICE_WRITE, "notice.create", "notice")
    claim_ownership(uow, actor, notice.owner_bureau, "notice.create", "notice")
    if new_subject is not None:
        person_svc.prepare_new_person(uow, actor, new_subject)
        notice.subject_ids = [new_subject.id, *notice.subject_ids]
    notice.owner_bureau = notice.owner_bureau or actor.bureau
    notice.validate()
    with uow:
        if new_subject is not None:
            uow.persons.add(new_subject)
        _check_subjects(uow, notice)
        if notice.reference and uow.notices.get_by_reference(notice.reference):
            raise Conflict(f"A notice with reference {notice.reference} already exists.")
        uow.notices.add(notice)
        uow.commit()
    if new_subject is not None:
        person_svc.person_created(uow, actor, new_subject, index)
    record(uow, actor, "notice.create", "notice", notice.id, type=notice.type.value)
    return notice


def reference_taken(uow: UnitOfWork, actor: Actor, reference: str) -> bool:
    """Whether a notice already has this General Secretariat reference (checked before
    the web's notice form stores anything, so a clash writes nothing)."""
    authorize(uow, actor, Permission.NOTICE_WRITE, "notice.create", "notice")
    with uow:
        return uow.notices.get_by_reference(reference) is not None


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


@dataclass(frozen=True)
class NoticeCounts:
    total: int
    by_status: dict[NoticeStatus, int]
    by_type: dict[NoticeType, int]


def count_notices(uow: UnitOfWork, actor: Actor) -> NoticeCounts:
    """Totals for dashboards. Counts reveal no personal data, so they are not audited."""
    authorize(uow, actor, Permission.NOTICE_READ, "notice.count", "notice")
    with uow:
        pairs = uow.notices.count_by_status_and_type()
    by_status = dict.fromkeys(NoticeStatus, 0)
    by_type = dict.fromkeys(NoticeType, 0)
    for (status, type_), n in pairs.items():
        by_status[NoticeStatus(status)] += n
        by_type[NoticeType(type_)] += n
    return NoticeCounts(sum(by_status.values()), by_status, by_type)


def can_amend(actor: Actor, notice: Notice) -> bool:
    """Whether the actor may edit or delete the notice now (for showing the buttons)."""
    return (
        actor.can(Permission.NOTICE_WRITE)
        and notice.owner_bureau == actor.bureau
        and notice.status in (NoticeStatus.DRAFT, NoticeStatus.REFUSED)
    )


def update_notice(
    uow: UnitOfWork,
    actor: Actor,
    notice_id: str,
    changes: Notice,
    expected_version: int | None,
    keep_handling: bool = False,
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
        # What the lifecycle owns stays: the assessment and the reviewers' decisions.
        changes.assessment = current.assessment
        changes.reviews = current.reviews
        if keep_handling:
            changes.handling = current.handling
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


def _load_owned(uow: UnitOfWork, actor: Actor, notice_id: str, action: str) -> Notice:
    notice = uow.notices.get(notice_id)
    if notice is None:
        raise NotFound(f"No notice with id {notice_id}.")
    check_owner(uow, actor, notice.owner_bureau, action, "notice", notice_id)
    return notice


def _save(uow: UnitOfWork, notice: Notice) -> None:
    notice.version += 1
    uow.notices.update(notice)
    uow.commit()


def assess_notice(notice: Notice, subjects: list[Person]) -> AssessmentRecord:
    """Run the Article 3 assessment on what the notice says about its subject."""
    j = notice.judicial
    status = notice.context.person_status
    if not status:
        status = "; ".join(p.notes for p in subjects if p.notes)[:2000]
    result = assess(
        NeutralityInput(
            offence=j.offence if j else notice.title,
            legal_provisions=j.legal_provisions if j else "",
            facts=(j.facts if j else "") + ("\n" + notice.summary if notice.summary else ""),
            person_status=status,
            refugee_status_against_requester=notice.context.refugee_status_against_requester,
            requester_restrictions=notice.context.requester_restrictions,
            election_period=notice.context.election_period,
        )
    )
    return AssessmentRecord(
        risk=result.risk.value,
        needs_review=result.needs_review,
        reasons=result.reason_texts(),
        at=utcnow(),
    )


def submit_notice(uow: UnitOfWork, actor: Actor, notice_id: str) -> Notice:
    """Check the minimum data, assess Article 3 risk, and send to compliance review.

    Missing data is refused with each field and why; nothing changes then.
    """
    authorize(uow, actor, Permission.NOTICE_WRITE, "notice.submit", "notice", notice_id)
    with uow:
        notice = _load_owned(uow, actor, notice_id, "notice.submit")
        subjects = [p for p in (uow.persons.get(i) for i in notice.subject_ids) if p is not None]
        problems = minimum_data_problems(notice, subjects)
        if problems:
            raise ValidationFailed(
                f"The {notice.type.label} lacks data it needs before it can be submitted.",
                problems,
            )
        notice.submit(actor.username, assess_notice(notice, subjects))
        _save(uow, notice)
    assert notice.assessment is not None
    record(uow, actor, "notice.submit", "notice", notice_id, risk=notice.assessment.risk)
    return notice


def screen_on_publish(
    uow: UnitOfWork, actor: Actor, notice: Notice, index: IndexPort
) -> list[PossibleHit]:
    """Screen a newly published wanted/missing notice's subjects against everyone held.

    Matches at or above the engine's alert threshold, other than the subject's
    own record, are stored as possible hits for an officer to confirm or discard.
    """
    if notice.type not in WANTED_OR_MISSING:
        return []
    hits: list[PossibleHit] = []
    with uow:
        for subject_id in notice.subject_ids:
            person = uow.persons.get(subject_id)
            if person is None:
                continue
            for m in index.screen(subject_from_person(person), top_k=10):
                if m.alert and m.id != subject_id:
                    hits.append(PossibleHit(notice.id, subject_id, m.id, m.score, list(m.reasons)))
        uow.hits.replace_pending(notice.id, "publish", hits)
        uow.commit()
    record(uow, actor, "notice.screen", "notice", notice.id, possible_hits=len(hits))
    return hits


def possible_hits(uow: UnitOfWork, actor: Actor, notice_id: str) -> list[PossibleHit]:
    authorize(uow, actor, Permission.NOTICE_READ, "notice.hits", "notice", notice_id)
    with uow:
        return uow.hits.for_notice(notice_id)


def decide_notice(
    uow: UnitOfWork,
    actor: Actor,
    notice_id: str,
    decision: Decision,
    reasons: str,
    index: IndexPort | None = None,
) -> Notice:
    """A legal reviewer publishes or refuses a notice in review, giving reasons."""
    authorize(uow, actor, Permission.NOTICE_REVIEW, f"notice.{decision.value}", "notice", notice_id)
    with uow:
        # The bureau's legal reviewers decide on the bureau's own requests.
        notice = _load_owned(uow, actor, notice_id, f"notice.{decision.value}")
        notice.decide(actor.username, decision, reasons)
        _save(uow, notice)
    record(uow, actor, f"notice.{decision.value}", "notice", notice_id, reasons=reasons[:500])
    if index is not None and notice.status == NoticeStatus.PUBLISHED:
        screen_on_publish(uow, actor, notice, index)
    return notice


def publish_notice(
    uow: UnitOfWork, actor: Actor, notice_id: str, index: IndexPort | None = None
) -> Notice:
    """Publish a low-risk notice that no rule sends to a legal reviewer (never a Red one)."""
    authorize(uow, actor, Permission.NOTICE_WRITE, "notice.publish", "notice", notice_id)
    with uow:
        notice = _load_owned(uow, actor, notice_id, "notice.publish")
        notice.publish_without_review(actor.username)
        _save(uow, notice)
    record(uow, actor, "notice.publish", "notice", notice_id)
    if index is not None:
        screen_on_publish(uow, actor, notice, index)
    return notice


def renew_notice(
    uow: UnitOfWork, actor: Actor, notice_id: str, reasons: str, today: date | None = None
) -> Notice:
    """Keep a notice another five years; only its owner, only with reasons."""
    authorize(uow, actor, Permission.NOTICE_WRITE, "notice.renew", "notice", notice_id)
    with uow:
        notice = _load_owned(uow, actor, notice_id, "notice.renew")
        notice.renew(actor.username, reasons, today or date.today())
        _save(uow, notice)
    record(uow, actor, "notice.renew", "notice", notice_id, until=str(notice.valid_until))
    return notice


def cancel_notice(
    uow: UnitOfWork, actor: Actor, notice_id: str, reason: CancelReason, details: str = ""
) -> Notice:
    """Withdraw a notice: person located or arrested, warrant withdrawn …"""
    authorize(uow, actor, Permission.NOTICE_WRITE, "notice.cancel", "notice", notice_id)
    with uow:
        notice = _load_owned(uow, actor, notice_id, "notice.cancel")
        notice.cancel(actor.username, reason, details)
        _save(uow, notice)
    record(uow, actor, "notice.cancel", "notice", notice_id, reason=reason.value)
    return notice


def expire_notices(uow: UnitOfWork, actor: Actor, today: date | None = None) -> list[str]:
    """Expire every published notice whose validity has ended; returns their ids."""
    authorize(uow, actor, Permission.NOTICE_WRITE, "notice.expire", "notice")
    today = today or date.today()
    expired: list[str] = []
    with uow:
        page = uow.notices.list(
            NoticeFilter(status=NoticeStatus.PUBLISHED, valid_before=today), 0, 100_000
        )
        for notice in page.items:
            if notice.expire(actor.username, today):
                _save(uow, notice)
                expired.append(notice.id)
    for notice_id in expired:
        record(uow, actor, "notice.expire", "notice", notice_id)
    return expired


def review_due(
    uow: UnitOfWork, actor: Actor, today: date | None = None, offset: int = 0, limit: int = 50
) -> Page[Notice]:
    """Published notices of this bureau within six months of expiry: renew or let expire."""
    authorize(uow, actor, Permission.NOTICE_READ, "notice.review_due", "notice")
    today = today or date.today()
    with uow:
        return uow.notices.list(
            NoticeFilter(
                status=NoticeStatus.PUBLISHED,
                owner_bureau=actor.bureau,
                valid_before=add_months(today, REVIEW_NOTICE_MONTHS) + timedelta(days=1),
            ),
            offset,
            limit,
        )
