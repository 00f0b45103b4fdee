"""A request's page: its fields and deadline, the steps the caller may take, the thread.

The buttons offered are those the lifecycle allows now and the caller may use
(role, owning bureau); the services decide again. A refused step re-renders the
page with the reason beside the form that asked, and changes nothing.
Attachments are downloaded through the storage port by their id, with the type
recorded when they were checked, always as a download. Forwarding: the page says
whose information the request is and whether its handling codes let it be
passed on; a refused forward is shown in plain words beside the form, with the
handling banner above, and the owner's permission is recorded on a form of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from ncbdesk.domain.errors import (
    Conflict,
    FieldError,
    NcbError,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    ValidationFailed,
)
from ncbdesk.domain.notices import Notice
from ncbdesk.domain.requests import TRANSITIONS, Direction, Message, RequestStatus
from ncbdesk.domain.requests import Request as RegistryRequest
from ncbdesk.domain.requests_forwarding import ForwardTarget
from ncbdesk.domain.requests_routing import RoutingRule
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints.web.forms import FormValues, parse_version, text_value, values_from_pairs
from ncbdesk.entrypoints.web.notice_lifecycle import subjects
from ncbdesk.entrypoints.web.rendering import Uow, form_values, render, see_other
from ncbdesk.entrypoints.web.requests import (
    Reader,
    Writer,
    common,
    registry_config,
    storage,
)
from ncbdesk.services import notices as notice_svc
from ncbdesk.services import requests as svc
from ncbdesk.services import requests_files as files_svc
from ncbdesk.services import requests_forward as forward_svc
from ncbdesk.services import requests_rules as rules_svc
from ncbdesk.services.context import Actor

router = APIRouter(prefix="/requests", include_in_schema=False)

Form = Annotated[FormValues, Depends(form_values)]
MAX_FILES = 5  # per message; more is an archive, better zipped
S = RequestStatus
# The button for each step, worded for the desk.
STEP_LABELS = {
    S.IN_PROGRESS: "Start work",
    S.AWAITING_REPLY: "Await reply",
    S.ANSWERED: "Mark answered",
    S.CLOSED: "Close",
    S.REOPENED: "Reopen",
}


@dataclass(frozen=True)
class Step:
    status: RequestStatus
    label: str


@dataclass(frozen=True)
class RequestActions:
    """What to offer this caller on this request now."""

    steps: tuple[Step, ...]
    assign: bool  # the assign form (supervisor: anyone; officer: take it)
    assign_anyone: bool
    message: bool

    @classmethod
    def for_actor(cls, actor: Actor, r: RegistryRequest) -> RequestActions:
        owner = actor.can(Permission.REQUEST_WRITE) and r.owner_bureau == actor.bureau
        allowed = TRANSITIONS[r.status] if owner else frozenset()
        steps = tuple(Step(s, STEP_LABELS[s]) for s in STEP_LABELS if s in allowed)
        supervisor = actor.can(Permission.REQUEST_ASSIGN)
        assign = S.ASSIGNED in allowed and (supervisor or r.assignee != actor.username)
        return cls(steps, assign, supervisor, owner)


@dataclass
class Refusal:
    """A refused step: which form, the message, the field errors and what was typed."""

    action: str  # assign, status, message
    message: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    values: FormValues = field(default_factory=dict)

    def value(self, action: str, name: str, default: str = "") -> str:
        return self.values.get(name, default) if action == self.action else default

    def error(self, action: str, name: str) -> list[str]:
        return self.fields.get(name, []) if action == self.action else []

    def shown(self, action: str) -> bool:
        """The general message, when no field error already says it."""
        return action == self.action and not self.fields


def _notices(uow: Uow, actor: Actor, ids: list[str]) -> list[tuple[str, Notice | None]]:
    out: list[tuple[str, Notice | None]] = []
    for nid in ids:
        try:
            out.append((nid, notice_svc.get_notice(uow, actor, nid)))
        except NotFound:
            out.append((nid, None))
    return out


def _routing(uow: Uow, actor: Actor, request: Request) -> RoutingRule | None:
    """The rule that placed a just-registered request (named by id in the redirect)."""
    rule_id = request.query_params.get("rule", "")
    if request.query_params.get("done") != "registered" or not rule_id:
        return None
    try:
        return rules_svc.get_rule(uow, actor, rule_id[:64])
    except NotFound:
        return None


def _page(
    request: Request,
    uow: Uow,
    actor: Actor,
    request_id: str,
    refusal: Refusal | None = None,
    status: int = 200,
) -> Response:
    r = svc.get_request(uow, actor, request_id)
    links = forward_svc.request_links(uow, actor, r)
    can_read_persons = actor.can(Permission.PERSON_READ)
    hit_ids = [h.person_id for h in r.hits if h.person_id not in r.person_ids]
    context: dict[str, Any] = {
        **common(request),
        "r": r,
        "actions": RequestActions.for_actor(actor, r),
        "refusal": refusal,
        "persons": dict(subjects(uow, actor, [*r.person_ids, *hit_ids]))
        if can_read_persons
        else {},
        "notices": _notices(uow, actor, r.notice_ids) if actor.can(Permission.NOTICE_READ) else [],
        "officers": svc.officers(uow, actor) if actor.can(Permission.REQUEST_ASSIGN) else [],
        "registered": request.query_params.get("done") == "registered",
        "rule": _routing(uow, actor, request),
        "owned": r.owner_bureau == actor.bureau,
        "max_files": MAX_FILES,
        "max_mb": f"{registry_config(request).attachment_max_bytes / (1024 * 1024):.3g}",
        "attachments_of": {
            m.id: [a for a in r.attachments if a.message_id == m.id] for m in r.messages
        },
        "loose_attachments": [a for a in r.attachments if a.message_id is None],
        "forwarding": links.forwarding,
        "raised_hits": links.hits,
        "forwarded": request.query_params.get("done") == "forwarded",
    }
    return render(request, "requests/detail.html", context, status=status, actor=actor)


def _refused(
    request: Request,
    uow: Uow,
    actor: Actor,
    request_id: str,
    action: str,
    exc: NcbError,
    values: FormValues,
) -> Response:
    refusal = Refusal(action, exc.message, values=values)
    for e in exc.errors:
        refusal.fields.setdefault(e.field, []).append(e.message)
    return _page(request, uow, actor, request_id, refusal, exc.status)


@router.get("/{request_id}")
def detail(request: Request, uow: Uow, actor: Reader, request_id: str) -> Response:
    return _page(request, uow, actor, request_id)


@router.post("/{request_id}/assign")
def assign(request: Request, uow: Uow, actor: Writer, request_id: str, values: Form) -> Response:
    """Hand the request to an officer (a supervisor), or take it (an officer)."""
    try:
        assignee = text_value(values, "assignee")
        if not assignee:
            raise ValidationFailed("Choose an officer.", [FieldError("assignee", "required")])
        svc.assign_request(
            uow,
            actor,
            request_id,
            assignee,
            text_value(values, "reason")[:2000],
            parse_version(values),
        )
    except (ValidationFailed, Conflict) as exc:
        return _refused(request, uow, actor, request_id, "assign", exc, values)
    return see_other(f"/requests/{request_id}?done=assigned")


@router.post("/{request_id}/status")
def change_status(
    request: Request, uow: Uow, actor: Writer, request_id: str, values: Form
) -> Response:
    """One lifecycle step: in progress, awaiting reply, answered, closed, reopened."""
    try:
        raw = text_value(values, "status")
        try:
            target = RequestStatus(raw)
        except ValueError:
            raise ValidationFailed(
                "Choose the next step.", [FieldError("status", f"'{raw[:40]}' is not a status")]
            ) from None
        svc.change_status(
            uow,
            actor,
            request_id,
            target,
            text_value(values, "reason")[:2000],
            parse_version(values),
        )
    except (ValidationFailed, Conflict) as exc:
        return _refused(request, uow, actor, request_id, "status", exc, values)
    return see_other(f"/requests/{request_id}?done=status")


@dataclass(frozen=True)
class Posted:
    values: FormValues
    files: list[tuple[str, bytes]]
    too_large: str = ""  # the name of a file over the limit


async def message_form(request: Request) -> Posted:
    """The message form's fields and files, each read no further than the limit."""
    limit = registry_config(request).attachment_max_bytes
    files: list[tuple[str, bytes]] = []
    too_large = ""
    async with request.form() as form:
        values = values_from_pairs(form.multi_items())
        for sent in form.getlist("files")[: MAX_FILES + 1]:
            if not isinstance(sent, UploadFile) or (not sent.filename and not sent.size):
                continue
            data = await sent.read(limit + 1)
            if len(data) > limit:
                too_large = too_large or (sent.filename or "attachment")
            files.append((sent.filename or "", data))
    return Posted(values, files, too_large)


@router.post("/{request_id}/messages")
def add_message(
    request: Request,
    uow: Uow,
    actor: Writer,
    request_id: str,
    posted: Annotated[Posted, Depends(message_form)],
) -> Response:
    """A message to the thread, with its files: all stored, or nothing."""
    values = posted.values
    try:
        if len(posted.files) > MAX_FILES:
            raise ValidationFailed(
                "Too many files.", [FieldError("files", f"at most {MAX_FILES} files a message")]
            )
        if posted.too_large:
            limit = registry_config(request).attachment_max_bytes
            raise PayloadTooLarge(
                "A file is too large; nothing was added.",
                [FieldError("files", f"each file at most {limit} bytes")],
            )
        raw = text_value(values, "direction")
        try:
            direction = Direction(raw)
        except ValueError:
            raise ValidationFailed(
                "Say whether the message came in or went out.",
                [FieldError("direction", "choose incoming or outgoing")],
            ) from None
        message = Message(
            direction=direction,
            author=text_value(values, "author"),
            body=values.get("body", ""),
            subject=text_value(values, "subject"),
        )
        files_svc.add_message_with_files(
            uow,
            actor,
            storage(request),
            request_id,
            message,
            posted.files,
            registry_config(request),
        )
    except (ValidationFailed, Conflict, PayloadTooLarge) as exc:
        if isinstance(exc, ValidationFailed | PayloadTooLarge):
            exc.errors = tuple(_files_field(e) for e in exc.errors)
        return _refused(request, uow, actor, request_id, "message", exc, values)
    return see_other(f"/requests/{request_id}?done=message#thread")


def _files_field(error: FieldError) -> FieldError:
    """`files[1]` errors are shown beside the one file input."""
    if error.field.startswith("files["):
        return FieldError("files", error.message, error.line)
    return error


@router.get("/{request_id}/attachments/{attachment_id}")
def download(
    request: Request, uow: Uow, actor: Reader, request_id: str, attachment_id: str
) -> Response:
    """The stored bytes, checked against their checksum; never rendered in the browser."""
    a, data = files_svc.get_attachment(uow, actor, storage(request), request_id, attachment_id)
    return Response(
        data,
        media_type=a.content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(a.file_name, safe='')}",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


@router.post("/{request_id}/forward")
def forward(request: Request, uow: Uow, actor: Writer, request_id: str, values: Form) -> Response:
    """Pass the request on to a foreign bureau or a national agency; refused in words
    when the owner's handling codes forbid it."""
    target = ForwardTarget(
        text_value(values, "to_country") or None,
        text_value(values, "to_agency"),
        values.get("note", ""),
    )
    try:
        copy = forward_svc.forward_request(
            uow,
            actor,
            request_id,
            target,
            values.get("include_attachments") == "yes",
            storage(request),
            registry_config(request),
        )
    except (ValidationFailed, Conflict, PermissionDenied) as exc:
        return _refused(request, uow, actor, request_id, "forward", exc, values)
    return see_other(f"/requests/{copy.id}?done=forwarded")


@router.post("/{request_id}/forward-permission")
def forward_permission(
    request: Request, uow: Uow, actor: Writer, request_id: str, values: Form
) -> Response:
    """Record the owner's permission to forward: when it came in, and their reference."""
    raw = text_value(values, "received_on")
    try:
        try:
            received_on = date.fromisoformat(raw)
        except ValueError:
            raise ValidationFailed(
                "The permission is not valid.",
                [FieldError("received_on", "a date, e.g. 2026-03-02")],
            ) from None
        forward_svc.record_forward_permission(
            uow,
            actor,
            request_id,
            received_on,
            text_value(values, "reference"),
            values.get("note", ""),
            parse_version(values),
        )
    except (ValidationFailed, Conflict, PermissionDenied) as exc:
        return _refused(request, uow, actor, request_id, "permission", exc, values)
    return see_other(f"/requests/{request_id}?done=permission#forwarding")
