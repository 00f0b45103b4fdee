"""The hit workflow: raise, list, show, confirm, discard.

A hit is raised by screening on publish (services/notices.py), by a border
or other system that matched a traveller against a notice (`raise_hit`), or
from the alerts of a machine client's match, a batch file or an incoming
request about a person (`raise_alert_hits`). The engine scores the query
against the notice's subject here, so every hit carries the engine's own score
and reasons, whoever raised it. Confirming notifies the bureau that owns the
notice through the request registry: an outgoing request, registered with the
registry's own deadline rules in the same transaction as the decision, and
assigned to the confirming officer, whose draft body the officer completes and
sends. When the notice is this bureau's own, no foreign bureau is told: the
notification stays an internal note for the officers and the national
authority that sought the notice.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ncbdesk.domain.errors import (
    Conflict,
    FieldError,
    NotFound,
    Problems,
    ValidationFailed,
)
from ncbdesk.domain.hits import (
    PROPOSED_ACTIONS,
    ConfirmMethod,
    HitStatus,
    OwnerNotification,
    PossibleHit,
)
from ncbdesk.domain.notices import WANTED_OR_MISSING, Notice, NoticeStatus, NoticeType
from ncbdesk.domain.persons import Person, utcnow
from ncbdesk.domain.requests import (
    Channel,
    Direction,
    Priority,
    Request,
    RequestType,
)
from ncbdesk.domain.requests_deadlines import show
from ncbdesk.domain.security import Permission
from ncbdesk.matching import DEFAULT_THRESHOLD, Match, score
from ncbdesk.services import requests_core as core
from ncbdesk.services.access import authorize, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import HitFilter, NoticeFilter, Page, UnitOfWork
from ncbdesk.services.requests_core import RegistryConfig
from ncbdesk.services.screening import subject_from_person

MAX_LOCATION = 300
# Sources a client may name; "publish" belongs to screening on publication.
CLIENT_SOURCES = frozenset({"border", "api", "batch", "request", "officer"})
# Sources of hits raised from screening alerts (raise_alert_hits): a machine
# client's match, a batch file, an incoming request about a person.
ALERT_SOURCES = frozenset({"api", "batch", "request"})

# The registry's request type for telling a notice's owner about a hit on it:
# a wanted person found is a wanted-person search answered, a missing person
# found a missing-person case; the others ask for information on the person.
REQUEST_TYPES: dict[NoticeType, RequestType] = {
    NoticeType.RED: RequestType.WANTED_SEARCH,
    NoticeType.YELLOW: RequestType.MISSING_PERSON,
    NoticeType.BLACK: RequestType.IDENTITY_CHECK,
}
# A Red Notice asks for provisional arrest, whose clock (ECE art. 16) starts at
# once; an Orange one warns of an imminent threat. The rest are normal traffic.
URGENT_TYPES = frozenset({NoticeType.RED, NoticeType.ORANGE})


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


def query_name(hit: PossibleHit, person: Person | None) -> str:
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
        # The client's match already raised this hit from its alert: the report
        # completes that pending hit (where, what exactly) instead of a second one.
        earlier = _pending_from_alert(uow, notice.id, subject.id, query_entity)
        if earlier is not None:
            hit.id, hit.created_at = earlier.id, earlier.created_at
            uow.hits.report(hit)
        else:
            uow.hits.add(hit)
        uow.commit()
        view = HitView(hit, notice, subject, None, None)
    record(
        uow,
        actor,
        "hit.report" if earlier is not None else "hit.raise",
        "hit",
        hit.id,
        notice=notice.id,
        score=round(hit.score, 4),
        alert=match.alert,
        location=location,
        source=source,
    )
    return view


def _query_id(entity: dict[str, Any]) -> str:
    return str(entity.get("id") or "")


def _pending_from_alert(
    uow: UnitOfWork, notice_id: str, subject_id: str, query_entity: dict[str, Any]
) -> PossibleHit | None:
    """A pending hit raised from a match or batch alert for this query (by its id), if any."""
    query_id = _query_id(query_entity)
    if not query_id:
        return None
    for h in uow.hits.for_notice(notice_id):
        if (
            h.status == HitStatus.PENDING
            and h.subject_id == subject_id
            and h.source in ALERT_SOURCES
            and _query_id(h.query) == query_id
        ):
            return h
    return None


def _pending_on_person(uow: UnitOfWork, notice_id: str, subject_id: str, person_id: str) -> bool:
    return any(
        h.status == HitStatus.PENDING and h.subject_id == subject_id and h.person_id == person_id
        for h in uow.hits.for_notice(notice_id)
    )


def raise_alert_hits(
    uow: UnitOfWork,
    actor: Actor,
    query_entity: dict[str, Any],
    matches: Sequence[Match],
    source: str,
    location: str = "",
    person_id: str = "",
) -> list[PossibleHit]:
    """Make every alert on a person with a published wanted or missing notice a pending hit.

    Called for screening a machine client asked for (`POST /api/v1/match`), for
    batch files, and for the persons of an incoming request: an alert is only
    the start, and an officer must see it in the hit queue. One hit per notice
    the matched person is a subject of; the same query (by its id) already
    pending on the same notice and person from an alert is not raised twice,
    and a client's later report of the hit (`raise_hit`) completes it. Alerts
    below the engine's own threshold never become hits, whatever threshold the
    caller chose. `person_id` names the query when it is a person held here
    (a request's subject): a hit already pending on that person and notice,
    from whatever source, is not raised again.
    """
    authorize(uow, actor, Permission.SCREEN, "hit.raise", "hit")
    if source not in ALERT_SOURCES:
        raise ValidationFailed(
            "The hit is not valid.",
            [FieldError("source", "one of " + ", ".join(sorted(ALERT_SOURCES)))],
        )
    location = " ".join(location.split())[:MAX_LOCATION]
    alerts = [m for m in matches if m.alert and m.score >= DEFAULT_THRESHOLD]
    if not alerts:
        return []
    raised: list[PossibleHit] = []
    with uow:
        for m in alerts:
            notices = uow.notices.list(
                NoticeFilter(subject_id=m.id, status=NoticeStatus.PUBLISHED), 0, 100
            ).items
            for notice in notices:
                if notice.type not in WANTED_OR_MISSING:
                    continue
                if _pending_from_alert(uow, notice.id, m.id, query_entity) is not None:
                    continue
                if person_id and _pending_on_person(uow, notice.id, m.id, person_id):
                    continue
                hit = PossibleHit(
                    notice_id=notice.id,
                    subject_id=m.id,
                    person_id=person_id,
                    score=m.score,
                    reasons=list(m.reasons),
                    source=source,
                    query=query_entity,
                    location=location,
                    raised_by=actor.username,
                )
                uow.hits.add(hit)
                raised.append(hit)
        uow.commit()
    for hit in raised:
        record(
            uow,
            actor,
            "hit.raise",
            "hit",
            hit.id,
            notice=hit.notice_id,
            score=round(hit.score, 4),
            alert=True,
            source=source,
            location=location,
        )
    return raised


def list_hits(
    uow: UnitOfWork, actor: Actor, f: HitFilter, offset: int = 0, limit: int = 50
) -> Page[PossibleHit]:
    """The hit queue: pending hits first, then the newest."""
    authorize(uow, actor, Permission.NOTICE_READ, "hit.list", "hit")
    with uow:
        page = uow.hits.list(f, offset, limit)
    status = f.status.value if f.status else ""
    kind = f.notice_type.value if f.notice_type else ""
    record(
        uow,
        actor,
        "hit.list",
        "hit",
        status=status,
        source=f.source,
        notice_type=kind,
        results=page.total,
    )
    return page


@dataclass(frozen=True)
class QueueRow:
    """One line of the hit queue: the hit, its notice, and whom the query names."""

    hit: PossibleHit
    notice: Notice | None
    query_name: str


def hit_queue(
    uow: UnitOfWork, actor: Actor, f: HitFilter, offset: int = 0, limit: int = 50
) -> Page[QueueRow]:
    """The queue as the desk reads it (pending first), each hit with its notice.

    One audit entry for the list, like `list_hits`; the notices are read with it.
    """
    authorize(uow, actor, Permission.NOTICE_READ, "hit.list", "hit")
    with uow:
        page = uow.hits.list(f, offset, limit)
        notices = {n: uow.notices.get(n) for n in {h.notice_id for h in page.items}}
        people = {p: uow.persons.get(p) for p in {h.person_id for h in page.items if h.person_id}}
        rows = [
            QueueRow(h, notices[h.notice_id], query_name(h, people.get(h.person_id)))
            for h in page.items
        ]
    record(
        uow,
        actor,
        "hit.list",
        "hit",
        status=f.status.value if f.status else "",
        source=f.source,
        notice_type=f.notice_type.value if f.notice_type else "",
        results=page.total,
    )
    return Page(rows, page.total, page.offset, page.limit)


def get_hit(uow: UnitOfWork, actor: Actor, hit_id: str, purpose: str = "") -> HitView:
    authorize(uow, actor, Permission.NOTICE_READ, "hit.read", "hit", hit_id)
    with uow:
        hit = uow.hits.get(hit_id)
        if hit is None:
            raise NotFound(f"No hit with id {hit_id}.")
        view = _view(uow, hit)
    record(uow, actor, "hit.read", "hit", hit_id, purpose=purpose)
    return view


def _describe(hit: PossibleHit, person: Person | None) -> str:
    """Who was found, as the query gave it: name, date of birth, nationality, documents."""
    if person is not None:
        parts = [person.display_name]
        parts += [f"born {d}" for d in person.birth_dates[:1]]
        parts += [f"nationality {', '.join(person.nationalities)}"] if person.nationalities else []
        return "; ".join(str(p) for p in parts)
    props = hit.query.get("properties", {})
    parts = [query_name(hit, None)]
    labels = {
        "birthDate": "born",
        "nationality": "nationality",
        "passportNumber": "passport",
        "idNumber": "identity document",
    }
    for key, label in labels.items():
        values = [str(v) for v in props.get(key) or []][:3]
        if values:
            parts.append(f"{label} {', '.join(values)}")
    return "; ".join(parts)


def _draft_body(hit: PossibleHit, view: HitView, notice_label: str, action: str, zone: str) -> str:
    """The outgoing request's draft: who, where, when, how, proposed action, what to add."""
    assert view.notice is not None
    subject = view.subject.display_name if view.subject else hit.subject_id
    how = ", ".join(m.value for m in hit.methods)
    decided = hit.decided_at or utcnow()
    lines = [
        f"Your {notice_label} — subject {subject}.",
        f"Who: {_describe(hit, view.person)} (matched with score {hit.score:.2f}).",
        f"Where: {hit.location or '[to complete: place of the check]'}.",
        f"When: checked {show(hit.created_at, zone)}; identity confirmed "
        f"{show(decided, zone)} by {hit.decided_by}.",
        f"How confirmed: {how}." + (f" {hit.note}" if hit.note else ""),
        f"Proposed action: {action}",
        "",
        "[To complete before sending: the person's present situation (detained, under "
        "observation, left the country), the measures taken and the contact officer.]",
    ]
    return "\n".join(lines)


def _outgoing_request(
    hit: PossibleHit,
    view: HitView,
    notice_label: str,
    officer: str | None,
    now: datetime,
    zone: str,
) -> Request:
    """The outgoing request that tells the owning bureau, for the officer to complete."""
    notice = view.notice
    assert notice is not None
    action = PROPOSED_ACTIONS[notice.type]
    who = query_name(hit, view.person)
    return Request(
        direction=Direction.OUTGOING,
        channel=Channel.I247,
        type=REQUEST_TYPES.get(notice.type, RequestType.INFORMATION),
        subject=f"HIT — {notice_label}: {who}"[:300],
        body=_draft_body(hit, view, notice_label, action, zone),
        counterpart_country=notice.owner_bureau,
        priority=Priority.URGENT if notice.type in URGENT_TYPES else Priority.NORMAL,
        received_at=now,
        assignee=officer,  # the officer who confirmed completes and sends it
        person_ids=[p for p in (hit.subject_id, hit.person_id) if p],
        notice_ids=[notice.id],
        reference=notice.reference,
    )


def _internal_note(notification: OwnerNotification, notice: Notice) -> None:
    """This bureau owns the notice: nobody abroad is told; the note stays here."""
    authority = notice.judicial.issuing_authority if notice.judicial else ""
    notification.subject = f"Internal — {notification.subject}"[:300]
    notification.body = (
        "This bureau owns the notice: no foreign bureau is notified and no outgoing "
        "request is registered. Tell the national authority that sought it"
        + (f" ({authority})" if authority else "")
        + ".\n"
        + notification.body
    )


def confirm_hit(
    uow: UnitOfWork,
    actor: Actor,
    hit_id: str,
    methods: list[ConfirmMethod],
    note: str = "",
    config: RegistryConfig | None = None,
) -> HitView:
    """Same person: record how, notify the notice's owner and propose the action.

    A foreign owner is notified by an outgoing request registered in the
    request registry (its deadline and routing rules, its audit entry),
    assigned to the confirming officer with a draft body to complete; the
    notification keeps the request's id and deadline. The decision, the request
    and the notification are written in one transaction: should another officer
    decide the hit meanwhile, or the registration fail, none of them is. The
    registry's permission is checked before, so a refusal leaves the hit
    pending. When this bureau owns the notice, nothing goes abroad: the
    notification is an internal note and no request is registered.
    """
    authorize(uow, actor, Permission.HIT_DECIDE, "hit.confirm", "hit", hit_id)
    config = config or RegistryConfig()
    now = utcnow()
    with uow:
        hit = uow.hits.get(hit_id)
        if hit is None:
            raise NotFound(f"No hit with id {hit_id}.")
        view = _view(uow, hit)
        if view.notice is None:
            raise NotFound(f"The hit's notice {hit.notice_id} no longer exists.")
        notice = view.notice
        # A trial decision on a copy: the same checks as the real one, nothing written.
        trial = copy.deepcopy(hit)
        trial.confirm(actor.username, methods, note)
        # The officer completes the request; an actor with no account (a service
        # identity) leaves it to the registry's routing rules.
        officer = actor.username if uow.users.by_username(actor.username) else None
    label = f"{notice.type.label} {notice.reference}".strip()
    internal = notice.owner_bureau == actor.bureau
    request: Request | None = None
    if not internal:
        request = _outgoing_request(trial, view, label, officer, now, config.timezone)
        # Refused here (and audited) before the transaction opens.
        core.authorize_registration(uow, actor, request)
    rule = None
    with uow:
        hit = uow.hits.get(hit_id)
        if hit is None:
            raise NotFound(f"No hit with id {hit_id}.")
        hit.confirm(actor.username, methods, note)
        if request is not None:
            rule, _ = core.register_within(uow, actor, request, config, now)
        # Conflict if someone decided the hit meanwhile: the request goes with it.
        uow.hits.save_decision(hit)
        notification = OwnerNotification.for_hit(
            hit,
            notice.type,
            label,
            notice.owner_bureau,
            query_name(hit, view.person),
            actor.username,
        )
        if request is not None:
            notification.request_id = request.id
            notification.body = request.body  # the draft the officer completes there
            notification.due_at = request.due_at or notification.due_at
        else:
            _internal_note(notification, notice)
        uow.hits.add_notification(notification)
        uow.commit()
    if request is not None:
        core.record_registered(uow, actor, request, rule, hit=hit_id)
    view.hit, view.notification = hit, notification
    record(
        uow,
        actor,
        "hit.confirm",
        "hit",
        hit_id,
        methods=[m.value for m in hit.methods],
        notify="" if internal else notification.to_bureau,
        internal=internal,
        request=notification.request_id or "",
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
