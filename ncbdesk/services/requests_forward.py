"""Forwarding a request, and the owner's permission to do so.

A bureau passes an incoming request on to a national agency or a third
country's bureau, or relays an answer. The copy is a new outgoing request
linked to the original (`forwarded_from`), about the same persons and notices,
quoting the original, with its attachments copied if asked; the original's
thread records where it went. When the information belongs to another bureau
and its handling codes forbid forwarding (H1), the forward is refused with the
reason, audited as refused, and nothing is written — unless the owner's
permission was recorded on the request (`record_forward_permission`).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, datetime

from ncbdesk.domain.errors import Conflict
from ncbdesk.domain.hits import PossibleHit
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.requests import Attachment, Direction, Message, Request
from ncbdesk.domain.requests_deadlines import show
from ncbdesk.domain.requests_forwarding import (
    ForwardTarget,
    forward_refusal,
    forwarded_copy,
    new_permission,
    permission_problems,
)
from ncbdesk.domain.security import Permission
from ncbdesk.services import requests_core as core
from ncbdesk.services.access import authorize, check_owner, record, refuse
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import UnitOfWork
from ncbdesk.services.requests_alerts import hits_for_request
from ncbdesk.services.requests_core import RegistryConfig
from ncbdesk.services.requests_ports import RequestFilter, RequestOrder, StoragePort

MAX_FORWARDS_LISTED = 100


def _copy_files(storage: StoragePort, files: list[Attachment], by: str) -> list[Attachment]:
    """Each file stored again (checked against its checksum), as the copy's own."""
    out: list[Attachment] = []
    for a in files:
        data = storage.get(a.storage_key, a.sha256)
        out.append(
            Attachment(
                file_name=a.file_name,
                content_type=a.content_type,
                size=a.size,
                sha256=a.sha256,
                storage_key=storage.put(data),
                added_by=by,
            )
        )
    return out


def forward_request(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    target: ForwardTarget,
    include_attachments: bool = False,
    storage: StoragePort | None = None,
    config: RegistryConfig | None = None,
    now: datetime | None = None,
) -> Request:
    """Pass a request on to `target`: a new outgoing request, linked, in one transaction.

    Refused (PermissionDenied, audited) when the information's owner is another
    bureau whose handling codes forbid forwarding and no permission of theirs
    is recorded; the copy keeps that owner and its codes. `storage` is needed
    when `include_attachments`.
    """
    action = "request.forward"
    authorize(uow, actor, Permission.REQUEST_WRITE, action, "request", request_id)
    config = config or RegistryConfig()
    now = now or utcnow()
    target.problems(actor.bureau).raise_if_any("The forward is not valid.")
    if include_attachments and storage is None:
        raise Conflict("No storage for attachments: forward without them.")
    stored: list[str] = []
    try:
        with uow:
            original = core.load(uow, request_id)
            # Only reads so far: a refusal is audited on its own connection.
            check_owner(uow, actor, original.owner_bureau, action, "request", request_id)
            reason = forward_refusal(original, actor.bureau, target)
            if reason:
                raise refuse(uow, actor, action, reason, "request", request_id)
            made = forwarded_copy(
                original, target, actor.username, now, show(original.received_at, config.timezone)
            )
            copy = made.request
            if uow.users.by_username(actor.username) is not None:
                copy.assignee = actor.username  # the forwarding officer sends it
            if include_attachments and storage is not None and original.attachments:
                copy.attachments = _copy_files(storage, original.attachments, actor.username)
                stored = [a.storage_key for a in copy.attachments]
            rule, _ = core.register_within(uow, actor, copy, config, now)
            uow.requests.add_message(
                original.id,
                Message(
                    direction=Direction.OUTGOING,
                    author=actor.username,
                    subject=f"Forwarded to {target.label}"[:300],
                    body=made.thread_note,
                    sent_at=now,
                ),
            )
            core.save(uow, original, now)
    except BaseException:
        for key in stored:
            assert storage is not None
            storage.delete(key)
        raise
    core.record_registered(uow, actor, copy, rule, forwarded_from=original.id)
    record(
        uow,
        actor,
        action,
        "request",
        original.id,
        to=target.country or target.agency,
        copy=copy.id,
        owner=original.information_owner,
        handling=[c.value for c in original.handling.codes],
        permission=original.forward_permission.reference if original.forward_permission else "",
        attachments=len(copy.attachments),
    )
    return copy


def record_forward_permission(
    uow: UnitOfWork,
    actor: Actor,
    request_id: str,
    received_on: date,
    reference: str,
    note: str = "",
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Request:
    """Record that the information's owner permitted forwarding, on `received_on`."""
    action = "request.forward_permission"
    authorize(uow, actor, Permission.REQUEST_WRITE, action, "request", request_id)
    now = now or utcnow()
    with uow:
        request = core.load_for_change(uow, actor, request_id, action, expected_version)
        permission_problems(request, actor.bureau, received_on, reference, now.date()).raise_if_any(
            "The permission is not valid."
        )
        request.forward_permission = new_permission(
            received_on, reference, actor.username, now, note
        )
        core.save(uow, request, now)
    record(
        uow,
        actor,
        action,
        "request",
        request_id,
        owner=request.information_owner,
        received_on=received_on.isoformat(),
        reference=request.forward_permission.reference,
    )
    return request


@dataclass(frozen=True)
class Forwarding:
    """What the bureau may do with a request's information, and where it went."""

    owner: str  # whose information it is
    refusal: str  # why forwarding to a third party is refused ("" when allowed)
    original: Request | None  # the request this one passes on
    forwards: builtins.list[Request]  # the copies that pass this one on


def forwarding(uow: UnitOfWork, actor: Actor, request: Request) -> Forwarding:
    """The forwarding state of a request already read (call inside `with uow`)."""
    anyone = ForwardTarget(agency="a third party")
    original = uow.requests.get(request.forwarded_from) if request.forwarded_from else None
    forwards = uow.requests.list(
        RequestFilter(forwarded_from=request.id), 0, MAX_FORWARDS_LISTED, RequestOrder.RECEIVED_DESC
    ).items
    return Forwarding(
        owner=request.information_owner,
        refusal=forward_refusal(request, actor.bureau, anyone),
        original=original,
        forwards=list(forwards),
    )


def get_forwarding(uow: UnitOfWork, actor: Actor, request_id: str) -> tuple[Request, Forwarding]:
    """A request with its forwarding state (owner, refusal, original, copies)."""
    authorize(uow, actor, Permission.REQUEST_READ, "request.read", "request", request_id)
    with uow:
        request = core.load(uow, request_id)
        state = forwarding(uow, actor, request)
    record(uow, actor, "request.read", "request", request_id, purpose="forwarding")
    return request, state


@dataclass(frozen=True)
class RequestLinks:
    """What a request's page shows beside it: forwarding, and the hits it raised."""

    forwarding: Forwarding
    hits: builtins.list[PossibleHit]


def request_links(uow: UnitOfWork, actor: Actor, request: Request) -> RequestLinks:
    """For a request the caller has just read (its read is audited there): the forwarding
    state, and — for those who read hits — the hits raised about its persons."""
    authorize(uow, actor, Permission.REQUEST_READ, "request.read", "request", request.id)
    with uow:
        state = forwarding(uow, actor, request)
        hits = hits_for_request(uow, request) if actor.can(Permission.NOTICE_READ) else []
    return RequestLinks(state, hits)
