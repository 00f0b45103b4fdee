"""The registry's building blocks: its settings, and registering a request inside a
transaction that someone else opened.

`services.requests` registers requests in transactions of its own; another
service that must write a request together with its own change (confirming a
hit tells the notice's owner by an outgoing request; forwarding writes the copy
and a note on the original) calls `authorize_registration` before it opens its
transaction, `register_within` inside it, commits, and then
`record_registered` — so both are written together or not at all, and the
audit entry is written only for what was committed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ncbdesk.domain.errors import Conflict, NotFound, Problems
from ncbdesk.domain.requests import Direction, Request, RequestHit, RequestStatus, StatusChange
from ncbdesk.domain.requests_deadlines import DEFAULT_DUE_SOON_HOURS, DeadlinePolicy
from ncbdesk.domain.requests_routing import RoutingRule, route
from ncbdesk.domain.security import Permission
from ncbdesk.matching import Match
from ncbdesk.services.access import authorize, check_owner, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import UnitOfWork
from ncbdesk.services.screening import IndexPort, subject_from_person
from ncbdesk.settings import Settings

MAX_HITS_PER_SUBJECT = 10


@dataclass(frozen=True)
class RegistryConfig:
    """The registry's settings, built once from `Settings` by the entry points."""

    deadlines: DeadlinePolicy = field(default_factory=DeadlinePolicy)
    due_soon_hours: int = DEFAULT_DUE_SOON_HOURS
    attachment_max_bytes: int = 10 * 1024 * 1024
    timezone: str = "UTC"

    @classmethod
    def from_settings(cls, settings: Settings) -> RegistryConfig:
        return cls(
            deadlines=DeadlinePolicy.parse(settings.request_deadline_hours),
            due_soon_hours=settings.request_due_soon_hours,
            attachment_max_bytes=settings.attachment_max_bytes,
            timezone=settings.timezone,
        )


def load(uow: UnitOfWork, request_id: str) -> Request:
    found = uow.requests.get(request_id)
    if found is None:
        raise NotFound(f"No request with id {request_id}.")
    return found


def load_for_change(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    action: str,
    expected_version: int | None,
) -> Request:
    """Load a request for a change, inside `with uow`, checking owner and version."""
    current = load(uow, request_id)
    check_owner(uow, actor, current.owner_bureau, action, "request", request_id)
    if expected_version is not None and expected_version != current.version:
        raise Conflict(
            f"The request is at version {current.version}, not {expected_version}; "
            "reload and try again."
        )
    return current


def save(uow: UnitOfWork, request: Request, now: datetime) -> None:
    """Store a changed request as its next version and commit."""
    request.version += 1
    request.updated_at = now
    uow.requests.update(request)
    uow.commit()


def check_links(uow: UnitOfWork, request: Request, p: Problems) -> None:
    for i, pid in enumerate(request.person_ids):
        if uow.persons.get(pid) is None:
            p.add(f"person_ids[{i}]", f"no person with id {pid}")
    for i, nid in enumerate(request.notice_ids):
        if uow.notices.get(nid) is None:
            p.add(f"notice_ids[{i}]", f"no notice with id {nid}")
    if request.assignee and uow.users.by_username(request.assignee) is None:
        p.add("assignee", f"no officer named '{request.assignee}'")


def prepare(
    request: Request, actor: Actor, rules: list[RoutingRule], config: RegistryConfig, now: datetime
) -> RoutingRule | None:
    """Owner, deadline, first history entry and routing of a request to be registered."""
    request.owner_bureau = actor.bureau
    request.data_owner = request.information_owner
    request.status = RequestStatus.REGISTERED
    request.due_at = request.due_at or config.deadlines.due(request)
    request.created_at = request.updated_at = now
    request.history = [StatusChange(RequestStatus.REGISTERED, now, actor.username)]
    rule = route(rules, request) if not request.assignee and not request.queue else None
    if rule is not None:
        request.queue = rule.queue
        if rule.assignee:
            request.assign(rule.assignee, actor.username, now, f"routing rule {rule.name}")
    elif request.assignee:
        request.assign(request.assignee, actor.username, now)
    return rule


@dataclass
class Screened:
    """Alerts of one person an incoming request is about (for the hit queue)."""

    person_id: str
    alerts: list[Match]


def screen(uow: UnitOfWork, request: Request, index: IndexPort | None) -> list[Screened]:
    """Screen the persons an incoming request is about against everyone held.

    The possible hits are kept on the request; the alerts are returned so the
    caller can raise hits on wanted or missing notices once the request is stored.
    """
    if index is None or request.direction != Direction.INCOMING:
        return []
    out: list[Screened] = []
    for pid in request.person_ids:
        person = uow.persons.get(pid)
        if person is None:
            continue
        alerts = [
            m
            for m in index.screen(subject_from_person(person), top_k=MAX_HITS_PER_SUBJECT)
            if m.alert and m.id != pid
        ]
        request.hits.extend(RequestHit(pid, m.id, m.score, list(m.reasons)) for m in alerts)
        if alerts:
            out.append(Screened(pid, alerts))
    return out


def authorize_registration(uow: UnitOfWork, actor: Actor, request: Request) -> None:
    """May the actor register `request`? Call before opening the transaction."""
    authorize(uow, actor, Permission.REQUEST_WRITE, "request.create", "request")
    if request.assignee and request.assignee != actor.username:
        # Handing a request to someone else is a supervisor's call, from the start too.
        authorize(uow, actor, Permission.REQUEST_ASSIGN, "request.create", "request")


def register_within(
    uow: UnitOfWork,
    actor: Actor,
    request: Request,
    config: RegistryConfig,
    now: datetime,
    index: IndexPort | None = None,
) -> tuple[RoutingRule | None, list[Screened]]:
    """Register `request` inside the caller's open unit of work: no commit, no audit.

    Validates it, checks its links, sets owner, deadline and routing, screens an
    incoming request's persons, and adds it. The caller has called
    `authorize_registration` before opening the transaction, commits, and then
    calls `record_registered`.
    """
    request.validate()
    p = Problems()
    check_links(uow, request, p)
    p.raise_if_any("The request refers to records that do not exist.")
    rule = prepare(request, actor, uow.requests.rules(), config, now)
    screened = screen(uow, request, index)
    uow.requests.add(request)
    return rule, screened


def record_registered(
    uow: UnitOfWork,
    actor: Actor,
    request: Request,
    rule: RoutingRule | None,
    hit: str = "",
    forwarded_from: str = "",
) -> None:
    """The audit entry of a registered request, once its transaction committed."""
    record(
        uow,
        actor,
        "request.create",
        "request",
        request.id,
        type=request.type.value,
        routed_by=rule.name if rule else "",
        possible_hits=len(request.hits),
        hit=hit,
        forwarded_from=forwarded_from,
    )
