"""Use cases on requests: register, read, list, hand out, answer, close, escalate.

Each checks the caller's permission before the first write (a refusal is
audited on a connection of its own, which must not wait for this transaction),
changes the domain, commits, and writes the audit entry (services.access).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from ncbdesk.domain.errors import Conflict, NcbError, Problems
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.requests import (
    ACTIVE_STATUSES,
    OPEN_STATUSES,
    Attachment,
    Direction,
    Message,
    Request,
    RequestStatus,
)
from ncbdesk.domain.requests_files import check_file, safe_file_name
from ncbdesk.domain.requests_routing import RoutingRule
from ncbdesk.domain.security import Permission
from ncbdesk.services import requests_core as core
from ncbdesk.services.access import authorize, record, refuse
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import Page, UnitOfWork
from ncbdesk.services.requests_alerts import raise_request_hits
from ncbdesk.services.requests_core import RegistryConfig, Screened
from ncbdesk.services.requests_ports import RequestFilter, RequestOrder, StoragePort
from ncbdesk.services.screening import IndexPort


def make_attachment(
    storage: StoragePort, data: bytes, file_name: str, max_bytes: int, added_by: str
) -> Attachment:
    """Check the bytes and store them; the attachment record to keep with the request."""
    content_type = check_file(data, file_name, max_bytes)
    key = storage.put(data)
    return Attachment(
        file_name=safe_file_name(file_name),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        storage_key=key,
        added_by=added_by,
    )


def register_request(
    uow: UnitOfWork,
    actor: Actor,
    request: Request,
    config: RegistryConfig | None = None,
    index: IndexPort | None = None,
    now: datetime | None = None,
) -> Request:
    """Register a new request of the actor's bureau: deadline, routing, screening.

    `index`, when given, screens the persons an incoming request is about and
    stores the possible hits on the request.
    """
    return register_routed(uow, actor, request, config, index, now)[0]


def register_routed(
    uow: UnitOfWork,
    actor: Actor,
    request: Request,
    config: RegistryConfig | None = None,
    index: IndexPort | None = None,
    now: datetime | None = None,
) -> tuple[Request, RoutingRule | None]:
    """`register_request`, also telling which routing rule placed it (None: none matched).

    An alert on a person with a published wanted or missing notice also
    becomes a pending hit in the hit queue, once the request is stored
    (services.requests_alerts).
    """
    core.authorize_registration(uow, actor, request)
    config = config or RegistryConfig()
    now = now or utcnow()
    request.validate()
    with uow:
        rule, screened = core.register_within(uow, actor, request, config, now, index)
        uow.commit()
    core.record_registered(uow, actor, request, rule)
    raise_request_hits(uow, actor, request, screened)
    return request, rule


def import_requests(
    uow: UnitOfWork,
    actor: Actor,
    batch: list[Request],
    config: RegistryConfig | None = None,
    index: IndexPort | None = None,
    source: str = "",
    storage: StoragePort | None = None,
    files: Sequence[Sequence[tuple[str, bytes]]] = (),
) -> list[Request]:
    """Register already-parsed requests in one transaction: all or nothing.

    `files[i]` are (file name, bytes) attached to `batch[i]`; they are checked
    before anything is written and stored through `storage`.
    """
    authorize(uow, actor, Permission.REQUEST_WRITE, "request.import", "request")
    config = config or RegistryConfig()
    now = utcnow()
    p = Problems()
    for i, r in enumerate(batch):
        p.extend(r.problems().items, prefix=f"requests[{i}]")
        for j, (name, data) in enumerate(files[i] if i < len(files) else ()):
            try:
                check_file(data, name, config.attachment_max_bytes)
            except NcbError as exc:
                p.add(f"requests[{i}].attachments[{j}]", exc.message)
    if any(files) and storage is None:
        p.add("attachments", "no storage for attachments")
    p.raise_if_any("The requests are not valid; nothing was imported.")
    stored: list[str] = []
    screened: list[list[Screened]] = []
    try:
        with uow:
            for i, r in enumerate(batch):
                links = Problems(f"requests[{i}]")
                core.check_links(uow, r, links)
                p.extend(links.items)
            p.raise_if_any("The requests refer to records that do not exist; nothing imported.")
            rules = uow.requests.rules()
            for i, r in enumerate(batch):
                core.prepare(r, actor, rules, config, now)
                screened.append(core.screen(uow, r, index))
                for name, data in files[i] if i < len(files) else ():
                    assert storage is not None
                    a = make_attachment(
                        storage, data, name, config.attachment_max_bytes, actor.username
                    )
                    stored.append(a.storage_key)
                    r.attachments.append(a)
            uow.requests.add_many(batch)
            uow.commit()
    except BaseException:
        for key in stored:
            assert storage is not None
            storage.delete(key)
        raise
    record(uow, actor, "request.import", "request", source=source, created=len(batch))
    for r, found in zip(batch, screened, strict=True):
        raise_request_hits(uow, actor, r, found)
    return batch


def get_request(uow: UnitOfWork, actor: Actor, request_id: str, purpose: str = "") -> Request:
    authorize(uow, actor, Permission.REQUEST_READ, "request.read", "request", request_id)
    with uow:
        request = core.load(uow, request_id)
    record(uow, actor, "request.read", "request", request_id, purpose=purpose)
    return request


def list_requests(
    uow: UnitOfWork,
    actor: Actor,
    filter: RequestFilter,
    offset: int = 0,
    limit: int = 50,
    order: str = RequestOrder.RECEIVED_DESC,
    purpose: str = "",
) -> Page[Request]:
    """Requests matching the filter and full-text query, without their threads."""
    authorize(uow, actor, Permission.REQUEST_READ, "request.list", "request")
    with uow:
        page = uow.requests.list(filter, offset, limit, order)
    record(
        uow,
        actor,
        "request.search" if filter.text else "request.list",
        "request",
        purpose=purpose,
        query=filter.text[:300],
        results=page.total,
    )
    return page


def officers(uow: UnitOfWork, actor: Actor) -> list[str]:
    """Usernames of the active accounts of the actor's bureau that handle requests.

    What an assignee or officer box offers; the services still check the name.
    """
    authorize(uow, actor, Permission.REQUEST_READ, "request.officers", "request")
    with uow:
        users = uow.users.list()
    return sorted(
        u.username
        for u in users
        if u.active and u.bureau == actor.bureau and Permission.REQUEST_WRITE in u.permissions
    )


def _check_whose(uow: UnitOfWork, actor: Actor, assignee: str | None, action: str) -> None:
    """An officer sees their own lists; the supervisor anyone's, or everyone's."""
    if assignee == actor.username:
        return
    if not actor.can(Permission.REQUEST_ASSIGN):
        raise refuse(uow, actor, action, "Only a supervisor sees other officers' lists.", "request")


def queue(
    uow: UnitOfWork,
    actor: Actor,
    assignee: str | None = None,
    queue_name: str = "",
    offset: int = 0,
    limit: int = 50,
) -> Page[Request]:
    """An officer's (or a team queue's) requests still in hand, the most urgent first."""
    authorize(uow, actor, Permission.REQUEST_READ, "request.queue", "request")
    if queue_name:
        f = RequestFilter(queue=queue_name, statuses=ACTIVE_STATUSES)
    else:
        who = assignee or actor.username
        _check_whose(uow, actor, who, "request.queue")
        f = RequestFilter(assignee=who, statuses=ACTIVE_STATUSES)
    with uow:
        return uow.requests.list(f, offset, limit, RequestOrder.DUE_ASC)


def deadline_list(
    uow: UnitOfWork,
    actor: Actor,
    kind: str,
    assignee: str | None = None,
    config: RegistryConfig | None = None,
    now: datetime | None = None,
    offset: int = 0,
    limit: int = 200,
) -> Page[Request]:
    """`kind` "overdue" or "due_soon": open requests past or near their deadline.

    With `assignee` an officer's (their own, or anyone's for a supervisor);
    without, the whole bureau's (supervisors).
    """
    authorize(uow, actor, Permission.REQUEST_READ, f"request.{kind}", "request")
    _check_whose(uow, actor, assignee, f"request.{kind}")
    config = config or RegistryConfig()
    now = now or utcnow()
    if kind == "overdue":
        f = RequestFilter(assignee=assignee or "", statuses=OPEN_STATUSES, due_before=now)
    else:
        f = RequestFilter(
            assignee=assignee or "",
            statuses=OPEN_STATUSES,
            due_from=now,
            due_before=now + timedelta(hours=config.due_soon_hours),
        )
    with uow:
        return uow.requests.list(f, offset, limit, RequestOrder.DUE_ASC)


def escalate_overdue(
    uow: UnitOfWork, actor: Actor, now: datetime | None = None, batch: int = 500
) -> list[Request]:
    """Mark every open overdue request not yet escalated, one audit entry each."""
    authorize(uow, actor, Permission.REQUEST_ASSIGN, "request.escalate", "request")
    now = now or utcnow()
    done: list[Request] = []
    f = RequestFilter(statuses=OPEN_STATUSES, due_before=now, escalated=False)
    with uow:
        while True:
            page = uow.requests.list(f, 0, batch, RequestOrder.DUE_ASC)
            if not page.items:
                break
            for r in page.items:
                r.escalated_at = now
                r.version += 1
                uow.requests.update(r)
                done.append(r)
        uow.commit()
    for r in done:
        assert r.due_at is not None
        record(
            uow,
            actor,
            "request.escalate",
            "request",
            r.id,
            assignee=r.assignee or "",
            queue=r.queue,
            due_at=r.due_at.isoformat(),
        )
    return done


def assign_request(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    assignee: str,
    reason: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Request:
    """Hand a request to an officer; an officer may take one for themselves."""
    authorize(uow, actor, Permission.REQUEST_WRITE, "request.assign", "request", request_id)
    assignee = assignee.strip()
    if assignee != actor.username:
        authorize(uow, actor, Permission.REQUEST_ASSIGN, "request.assign", "request", request_id)
    now = now or utcnow()
    with uow:
        request = core.load_for_change(uow, actor, request_id, "request.assign", expected_version)
        if not assignee or uow.users.by_username(assignee) is None:
            p = Problems()
            p.add("assignee", f"no officer named '{assignee}'")
            p.raise_if_any("The officer does not exist.")
        request.assign(assignee, actor.username, now, reason)
        core.save(uow, request, now)
    record(uow, actor, "request.assign", "request", request_id, assignee=assignee)
    return request


def change_status(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    status: RequestStatus,
    reason: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Request:
    """Take one lifecycle step (in progress, awaiting reply, answered, closed, reopened)."""
    action = f"request.{status.value}"
    authorize(uow, actor, Permission.REQUEST_WRITE, action, "request", request_id)
    if status == RequestStatus.ASSIGNED:
        raise Conflict("Assign a request with its assignee (assign_request).")
    now = now or utcnow()
    with uow:
        request = core.load_for_change(uow, actor, request_id, action, expected_version)
        before = request.status
        request.move_to(status, actor.username, now, reason)
        core.save(uow, request, now)
    record(uow, actor, action, "request", request_id, before=before.value, reason=reason[:300])
    return request


def add_message(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    message: Message,
    now: datetime | None = None,
) -> Message:
    """Add a message to the thread; a reply that comes in takes the request up again."""
    authorize(uow, actor, Permission.REQUEST_WRITE, "request.message", "request", request_id)
    now = now or utcnow()
    message.problems().raise_if_any("The message is not valid.")
    with uow:
        request = core.load_for_change(uow, actor, request_id, "request.message", None)
        uow.requests.add_message(request_id, message)
        if (
            message.direction == Direction.INCOMING
            and request.status == RequestStatus.AWAITING_REPLY
        ):
            request.move_to(RequestStatus.IN_PROGRESS, actor.username, now, "reply received")
        core.save(uow, request, now)
    record(uow, actor, "request.message", "request", request_id, direction=message.direction.value)
    return message
