"""The hit workflow: raise, list, show, confirm, discard.

A hit is raised by screening on publish (services/notices.py) or by a border
or other system that matched a traveller against a notice (`raise_hit`). The
engine scores the query against the notice's subject here, so every hit
carries the engine's own score and reasons, whoever raised it. Confirming
writes the owner's notification (due within 24 hours) and names the action
the notice type asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ncbdesk.domain.errors import Conflict, NotFound, Problems
from ncbdesk.domain.hits import (
    PROPOSED_ACTIONS,
    ConfirmMethod,
    HitStatus,
    OwnerNotification,
    PossibleHit,
)
from ncbdesk.domain.notices import WANTED_OR_MISSING, Notice, NoticeStatus
from ncbdesk.domain.persons import Person
from ncbdesk.domain.security import Permission
from ncbdesk.matching import score
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import HitFilter, Page, UnitOfWork
from ncbdesk.services.screening import subject_from_person

MAX_LOCATION = 300
# Sources a client may name; "publish" belongs to screening on publication.
CLIENT_SOURCES = frozenset({"border", "api", "batch", "request", "officer"})


@dataclass
class HitView:
    """A hit with both sides: the query (or the person held) and the notice's subject."""

    hit: PossibleHit
    notice: Notice | None
    subject: Person | None  # the person the notice is about
    person: Person | None  # the person held here who matched, if any
    notification: OwnerNotification | None

    @property
    def proposed_action(self) -> str:
        return PROPOSED_ACTIONS[self.notice.type] if self.notice else ""


def _view(uow: UnitOfWork, hit: PossibleHit) -> HitView:
    return HitView(
        hit=hit,
        notice=uow.notices.get(hit.notice_id),
        subject=uow.persons.get(hit.subject_id),
        person=uow.persons.get(hit.person_id) if hit.person_id else None,
        notification=uow.hits.notification_for(hit.id),
    )


def _query_name(hit: PossibleHit, person: Person | None) -> str:
    if person is not None:
        return person.display_name
    names = hit.query.get("properties", {}).get("name") or []
    return str(names[0]) if names else "unnamed traveller"


def raise_hit(
    uow: UnitOfWork,
    actor: Actor,
    notice_id: str,
    subject_id: str,
    query: Person,
    query_entity: dict[str, Any],
    location: str = "",
    source: str = "border",
) -> HitView:
    """Record that `query` (not held here) may be the subject of a published notice.

    `query_entity` is the FtM entity as the client sent it, kept as the hit's
    snapshot; `query` is its parsed form, scored by the engine against the
    subject. The hit is recorded whatever the score: an officer decides.
    """
    authorize(uow, actor, Permission.SCREEN, "hit.raise", "notice", notice_id)
    p = Problems()
    location = " ".join(location.split())
    if len(location) > MAX_LOCATION:
        p.add("location", f"longer than {MAX_LOCATION} characters")
    if source not in CLIENT_SOURCES:
        p.add("source", "one of " + ", ".join(sorted(CLIENT_SOURCES)))
    p.raise_if_any("The hit is not valid.")
    with uow:
        notice = uow.notices.get(notice_id)
        if notice is None:
            raise NotFound(f"No notice with id {notice_id}.")
        if notice.status != NoticeStatus.PUBLISHED or notice.type not in WANTED_OR_MISSING:
            raise Conflict(
                f"Hits are raised on published wanted or missing notices; this one is a "
                f"{notice.status.value} {notice.type.label}."
            )
        if subject_id not in notice.subject_ids:
            p.add("person_id", "not a subject of this notice")
            p.raise_if_any("The hit is not valid.")
        subject = uow.persons.get(subject_id)
        if subject is None:
            raise NotFound(f"No person with id {subject_id}.")
        match = score(subject_from_person(query, "query"), subject_from_person(subject))
        hit = PossibleHit(
            notice_id=notice.id,
            subject_id=subject.id,
            person_id="",
            score=match.score,
            reasons=list(match.reasons),
            source=source,
            query=query_entity,
            location=location,
            raised_by=actor.username,
        )
        uow.hits.add(hit)
        uow.commit()
        view = HitView(hit, notice, subject, None, None)
    record(
        uow,
        actor,
        "hit.raise",
        "hit",
        hit.id,
        notice=notice.id,
        score=round(hit.score, 4),
        alert=match.alert,
        location=location,
    )
    return view


def list_hits(
    uow: UnitOfWork, actor: Actor, f: HitFilter, offset: int = 0, limit: int = 50
) -> Page[PossibleHit]:
    """The hit queue, newest first."""
    authorize(uow, actor, Permission.NOTICE_READ, "hit.list", "hit")
    with uow:
        page = uow.hits.list(f, offset, limit)
    status = f.status.value if f.status else ""
    record(uow, actor, "hit.list", "hit", status=status, results=page.total)
    return page


def get_hit(uow: UnitOfWork, actor: Actor, hit_id: str, purpose: str = "") -> HitView:
    authorize(uow, actor, Permission.NOTICE_READ, "hit.read", "hit", hit_id)
    with uow:
        hit = uow.hits.get(hit_id)
        if hit is None:
            raise NotFound(f"No hit with id {hit_id}.")
        view = _view(uow, hit)
    record(uow, actor, "hit.read", "hit", hit_id, purpose=purpose)
    return view


def confirm_hit(
    uow: UnitOfWork, actor: Actor, hit_id: str, methods: list[ConfirmMethod], note: str = ""
) -> HitView:
    """Same person: record how, notify the notice's owner and propose the action."""
    authorize(uow, actor, Permission.HIT_DECIDE, "hit.confirm", "hit", hit_id)
    with uow:
        hit = uow.hits.get(hit_id)
        if hit is None:
            raise NotFound(f"No hit with id {hit_id}.")
        view = _view(uow, hit)
        if view.notice is None:
            raise NotFound(f"The hit's notice {hit.notice_id} no longer exists.")
        hit.confirm(actor.username, methods, note)
        uow.hits.save_decision(hit)
        notification = OwnerNotification.for_hit(
            hit,
            view.notice.type,
            f"{view.notice.type.label} {view.notice.reference}".strip(),
            view.notice.owner_bureau,
            _query_name(hit, view.person),
            actor.username,
        )
        uow.hits.add_notification(notification)
        uow.commit()
        view.notification = notification
    record(
        uow,
        actor,
        "hit.confirm",
        "hit",
        hit_id,
        methods=[m.value for m in hit.methods],
        notify=notification.to_bureau,
        due=notification.due_at.isoformat(),
    )
    return view


def discard_hit(uow: UnitOfWork, actor: Actor, hit_id: str, reason: str, note: str = "") -> HitView:
    """Not the same person: record why. The owner is not told."""
    authorize(uow, actor, Permission.HIT_DECIDE, "hit.discard", "hit", hit_id)
    with uow:
        hit = uow.hits.get(hit_id)
        if hit is None:
            raise NotFound(f"No hit with id {hit_id}.")
        hit.discard(actor.username, reason, note)
        uow.hits.save_decision(hit)
        uow.commit()
        view = _view(uow, hit)
    record(uow, actor, "hit.discard", "hit", hit_id, reason=hit.discard_reason[:500])
    return view


def pending_count(uow: UnitOfWork, actor: Actor) -> int:
    """Hits waiting for an officer, for dashboards; a count, so not audited."""
    authorize(uow, actor, Permission.NOTICE_READ, "hit.count", "hit")
    with uow:
        return uow.hits.list(HitFilter(status=HitStatus.PENDING), 0, 0).total
