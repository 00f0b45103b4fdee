"""/api/v1/requests and /api/v1/routing-rules (the statistics: requests_stats.py)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile
from pydantic import AwareDatetime, BaseModel, Field

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.storage import FolderStorage
from ncbdesk.domain.errors import PayloadTooLarge
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.requests import (
    OPEN_STATUSES,
    Attachment,
    Channel,
    Direction,
    Message,
    Priority,
    Request,
    RequestHit,
    RequestStatus,
    RequestType,
)
from ncbdesk.domain.requests_deadlines import show
from ncbdesk.domain.requests_routing import RoutingRule
from ncbdesk.domain.security import Handling, HandlingCode, Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.api import requests_stats
from ncbdesk.entrypoints.api.persons import ERRORS
from ncbdesk.entrypoints.api.schemas import PageOut
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services import requests as svc
from ncbdesk.services import requests_files as files_svc
from ncbdesk.services import requests_rules as rules_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import Page
from ncbdesk.services.requests_ports import RequestFilter, RequestPage

router = APIRouter(tags=["requests"])
router.include_router(requests_stats.router)

Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
Ctx = Annotated[deps.AppContext, Depends(deps.context)]
Reader = Annotated[Actor, Depends(deps.requires(Permission.REQUEST_READ))]
Writer = Annotated[Actor, Depends(deps.requires(Permission.REQUEST_WRITE))]
Assigner = Annotated[Actor, Depends(deps.requires(Permission.REQUEST_ASSIGN))]
RuleManager = Annotated[Actor, Depends(deps.requires(Permission.RULES_MANAGE))]
LoadedIndex = Annotated[ScreeningIndex | None, Depends(deps.loaded_index)]
Offset = Annotated[int, Query(ge=0)]
Limit = Annotated[int, Query(ge=1, le=1000)]


def _config(ctx: deps.AppContext) -> svc.RegistryConfig:
    return svc.RegistryConfig.from_settings(ctx.settings)


def _storage(ctx: deps.AppContext) -> FolderStorage:
    return FolderStorage(ctx.settings.data_dir / "attachments")


# -- wire format -----------------------------------------------------------


class MessageIn(BaseModel):
    direction: Direction
    author: str = Field(max_length=200)
    subject: str = Field(default="", max_length=300)
    body: str = Field(max_length=100_000)
    sent_at: AwareDatetime | None = None

    def to_domain(self) -> Message:
        m = Message(self.direction, self.author, self.body, self.subject)
        if self.sent_at is not None:
            m.sent_at = self.sent_at
        return m


class MessageOut(BaseModel):
    id: str
    direction: Direction
    author: str
    subject: str
    body: str
    sent_at: datetime

    @classmethod
    def from_domain(cls, m: Message) -> MessageOut:
        return cls(
            id=m.id,
            direction=m.direction,
            author=m.author,
            subject=m.subject,
            body=m.body,
            sent_at=m.sent_at,
        )


class AttachmentOut(BaseModel):
    id: str
    file_name: str
    content_type: str
    size: int
    sha256: str
    message_id: str | None
    added_by: str
    created_at: datetime

    @classmethod
    def from_domain(cls, a: Attachment) -> AttachmentOut:
        return cls(
            id=a.id,
            file_name=a.file_name,
            content_type=a.content_type,
            size=a.size,
            sha256=a.sha256,
            message_id=a.message_id,
            added_by=a.added_by,
            created_at=a.created_at,
        )


class RequestHitOut(BaseModel):
    subject_id: str
    person_id: str
    score: float
    reasons: list[str]

    @classmethod
    def from_domain(cls, h: RequestHit) -> RequestHitOut:
        return cls(subject_id=h.subject_id, person_id=h.person_id, score=h.score, reasons=h.reasons)


class RequestIn(BaseModel):
    direction: Direction
    channel: Channel
    type: RequestType
    subject: str = Field(max_length=300)
    body: str = Field(default="", max_length=100_000)
    counterpart_country: str | None = Field(default=None, max_length=2)
    counterpart_agency: str = Field(default="", max_length=200)
    reference: str = Field(default="", max_length=200)
    priority: Priority = Priority.NORMAL
    received_at: AwareDatetime | None = None
    due_at: AwareDatetime | None = Field(
        default=None, description="Leave out to take the deadline from the type and priority."
    )
    person_ids: list[str] = Field(default_factory=list, max_length=50)
    notice_ids: list[str] = Field(default_factory=list, max_length=50)
    handling_codes: list[HandlingCode] = Field(default_factory=list)
    restrictions: str = Field(default="", max_length=4000)
    assignee: str | None = Field(default=None, max_length=100)
    queue: str = Field(default="", max_length=200)

    def to_domain(self) -> Request:
        r = Request(
            direction=self.direction,
            channel=self.channel,
            type=self.type,
            subject=self.subject,
            body=self.body,
            counterpart_country=self.counterpart_country,
            counterpart_agency=self.counterpart_agency,
            reference=self.reference,
            priority=self.priority,
            due_at=self.due_at,
            person_ids=list(self.person_ids),
            notice_ids=list(self.notice_ids),
            handling=Handling(list(self.handling_codes), self.restrictions),
            assignee=self.assignee,
            queue=self.queue,
        )
        if self.received_at is not None:
            r.received_at = self.received_at
        return r


class StatusChangeOut(BaseModel):
    status: RequestStatus
    at: datetime
    by: str
    reason: str


class RequestSummaryOut(BaseModel):
    id: str
    direction: Direction
    channel: Channel
    type: RequestType
    priority: Priority
    status: RequestStatus
    subject: str
    counterpart_country: str | None
    counterpart_agency: str
    reference: str
    received_at: datetime
    due_at: datetime | None
    due_local: str = Field(description="The deadline in the bureau's time zone.")
    overdue: bool
    escalated_at: datetime | None
    assignee: str | None
    queue: str
    owner_bureau: str
    version: int

    @classmethod
    def fields_of(cls, r: Request, zone: str) -> dict[str, Any]:
        return dict(
            id=r.id,
            direction=r.direction,
            channel=r.channel,
            type=r.type,
            priority=r.priority,
            status=r.status,
            subject=r.subject,
            counterpart_country=r.counterpart_country,
            counterpart_agency=r.counterpart_agency,
            reference=r.reference,
            received_at=r.received_at,
            due_at=r.due_at,
            due_local=show(r.due_at, zone) if r.due_at else "",
            overdue=r.is_overdue(utcnow()),
            escalated_at=r.escalated_at,
            assignee=r.assignee,
            queue=r.queue,
            owner_bureau=r.owner_bureau,
            version=r.version,
        )

    @classmethod
    def from_domain(cls, r: Request, zone: str) -> RequestSummaryOut:
        return cls(**cls.fields_of(r, zone))


class RequestOut(RequestSummaryOut):
    body: str
    person_ids: list[str]
    notice_ids: list[str]
    handling_codes: list[HandlingCode]
    handling_labels: list[str]
    answered_at: datetime | None
    closed_at: datetime | None
    history: list[StatusChangeOut]
    messages: list[MessageOut]
    attachments: list[AttachmentOut]
    possible_hits: list[RequestHitOut]
    information_owner: str = Field(
        description="The bureau whose handling codes bind others: the sender of an incoming "
        "request, the first sender of a forwarded copy, else this bureau."
    )
    forwarded_from: str | None = Field(None, description="The request this one passes on.")
    forward_permission_received: bool = Field(
        False,
        description="The information owner's permission to forward is on record "
        "(details: GET /requests/{id}/forwarding).",
    )

    @classmethod
    def from_domain(cls, r: Request, zone: str) -> RequestOut:
        return cls(
            **cls.fields_of(r, zone),
            body=r.body,
            person_ids=r.person_ids,
            notice_ids=r.notice_ids,
            handling_codes=r.handling.codes,
            handling_labels=r.handling.labels(),
            answered_at=r.answered_at,
            closed_at=r.closed_at,
            history=[
                StatusChangeOut(status=h.status, at=h.at, by=h.by, reason=h.reason)
                for h in r.history
            ],
            messages=[MessageOut.from_domain(m) for m in r.messages],
            attachments=[AttachmentOut.from_domain(a) for a in r.attachments],
            possible_hits=[RequestHitOut.from_domain(h) for h in r.hits],
            information_owner=r.information_owner,
            forwarded_from=r.forwarded_from,
            forward_permission_received=r.forward_permission is not None,
        )


class AssignIn(BaseModel):
    assignee: str = Field(min_length=1, max_length=100)
    reason: str = Field(default="", max_length=4000)
    version: int | None = None


class StatusIn(BaseModel):
    status: RequestStatus
    reason: str = Field(default="", max_length=4000)
    version: int | None = None


class EscalatedOut(BaseModel):
    escalated: int
    ids: list[str]


class RuleIn(BaseModel):
    name: str = Field(max_length=200)
    priority: int = 100
    type: RequestType | None = None
    country: str | None = Field(default=None, max_length=2)
    agency: str = Field(default="", max_length=200)
    words: list[str] = Field(default_factory=list, max_length=50)
    queue: str = Field(default="", max_length=200)
    assignee: str | None = Field(default=None, max_length=100)
    active: bool = True
    version: int | None = None

    def to_domain(self) -> RoutingRule:
        return RoutingRule(
            name=self.name,
            priority=self.priority,
            type=self.type,
            country=self.country,
            agency=self.agency,
            words=list(self.words),
            queue=self.queue,
            assignee=self.assignee,
            active=self.active,
        )


class RuleOut(BaseModel):
    id: str
    name: str
    priority: int
    type: RequestType | None
    country: str | None
    agency: str
    words: list[str]
    queue: str
    assignee: str | None
    active: bool
    version: int

    @classmethod
    def from_domain(cls, r: RoutingRule) -> RuleOut:
        return cls(
            id=r.id,
            name=r.name,
            priority=r.priority,
            type=r.type,
            country=r.country,
            agency=r.agency,
            words=r.words,
            queue=r.queue,
            assignee=r.assignee,
            active=r.active,
            version=r.version,
        )


class RequestPageOut(PageOut[RequestSummaryOut]):
    more: bool = Field(
        default=False,
        description="True when more requests matched a full-text search than it lists "
        "and counts (the newest 1,000): narrow the search.",
    )


def _page(page: Page[Request], zone: str) -> RequestPageOut:
    """The one shape of every request list: summaries, the count, the window."""
    return RequestPageOut(
        items=[RequestSummaryOut.from_domain(r, zone) for r in page.items],
        total=page.total,
        offset=page.offset,
        limit=page.limit,
        more=isinstance(page, RequestPage) and page.more,
    )


# -- requests --------------------------------------------------------------


@router.get("/requests", response_model=RequestPageOut)
def list_requests(
    uow: Uow,
    actor: Reader,
    ctx: Ctx,
    q: Annotated[str, Query(max_length=300, description="Words in requests or messages.")] = "",
    type: RequestType | None = None,
    status: RequestStatus | None = None,
    direction: Direction | None = None,
    country: Annotated[str, Query(max_length=2)] = "",
    assignee: Annotated[str, Query(max_length=100)] = "",
    received_from: AwareDatetime | None = None,
    received_to: AwareDatetime | None = None,
    overdue: bool = False,
    offset: Offset = 0,
    limit: Limit = 50,
    purpose: Annotated[str, Query(max_length=300)] = "",
) -> RequestPageOut:
    f = RequestFilter(
        text=q,
        type=type,
        status=status,
        direction=direction,
        country=country,
        assignee=assignee,
        received_from=received_from,
        received_to=received_to,
        statuses=OPEN_STATUSES if overdue else frozenset(),
        due_before=utcnow() if overdue else None,
    )
    limit = min(limit, ctx.settings.page_size_max)
    page = svc.list_requests(uow, actor, f, offset, limit, purpose=purpose)
    return _page(page, ctx.settings.timezone)


@router.post("/requests", status_code=201, response_model=RequestOut, responses=ERRORS)
def create_request(
    body: RequestIn, uow: Uow, actor: Writer, ctx: Ctx, response: Response, index: LoadedIndex
) -> RequestOut:
    r = svc.register_request(uow, actor, body.to_domain(), _config(ctx), index)
    response.headers["Location"] = f"/api/v1/requests/{r.id}"
    return RequestOut.from_domain(r, ctx.settings.timezone)


@router.get("/requests/queue", response_model=RequestPageOut, responses=ERRORS)
def queue(
    uow: Uow,
    actor: Reader,
    ctx: Ctx,
    assignee: Annotated[str | None, Query(max_length=100)] = None,
    queue: Annotated[str, Query(max_length=200)] = "",
    offset: Offset = 0,
    limit: Limit = 50,
) -> RequestPageOut:
    """An officer's requests in hand (yours unless a supervisor names another), or a queue's."""
    limit = min(limit, ctx.settings.page_size_max)
    page = svc.queue(uow, actor, assignee, queue, offset, limit)
    return _page(page, ctx.settings.timezone)


def _deadline_list(kind: str, doc: str) -> Callable[..., RequestPageOut]:
    def endpoint(
        uow: Uow,
        actor: Reader,
        ctx: Ctx,
        assignee: Annotated[str | None, Query(max_length=100)] = None,
        offset: Offset = 0,
        limit: Limit = 200,
    ) -> RequestPageOut:
        page = svc.deadline_list(uow, actor, kind, assignee, _config(ctx), None, offset, limit)
        return _page(page, ctx.settings.timezone)

    endpoint.__name__ = kind
    endpoint.__doc__ = doc
    return endpoint


for _path, _kind, _doc in (
    (
        "/requests/overdue",
        "overdue",
        "Open requests past their deadline: an officer's, or the bureau's for a supervisor.",
    ),
    ("/requests/due-soon", "due_soon", "Open requests due within NCBDESK_REQUEST_DUE_SOON_HOURS."),
):
    router.add_api_route(
        _path,
        _deadline_list(_kind, _doc),
        methods=["GET"],
        response_model=RequestPageOut,
        responses=ERRORS,
    )


@router.post("/requests/escalate", response_model=EscalatedOut, responses=ERRORS)
def escalate(uow: Uow, actor: Assigner) -> EscalatedOut:
    """Mark every open overdue request as escalated (each recorded in the audit trail)."""
    done = svc.escalate_overdue(uow, actor)
    return EscalatedOut(escalated=len(done), ids=[r.id for r in done])


@router.get("/requests/{request_id}", response_model=RequestOut, responses=ERRORS)
def get_request(
    request_id: str,
    uow: Uow,
    actor: Reader,
    ctx: Ctx,
    purpose: Annotated[str, Query(max_length=300)] = "",
) -> RequestOut:
    return RequestOut.from_domain(
        svc.get_request(uow, actor, request_id, purpose), ctx.settings.timezone
    )


@router.post("/requests/{request_id}/assign", response_model=RequestOut, responses=ERRORS)
def assign(request_id: str, body: AssignIn, uow: Uow, actor: Writer, ctx: Ctx) -> RequestOut:
    """A supervisor hands a request to an officer; an officer may take one themselves."""
    r = svc.assign_request(uow, actor, request_id, body.assignee, body.reason, body.version)
    return RequestOut.from_domain(r, ctx.settings.timezone)


@router.post("/requests/{request_id}/status", response_model=RequestOut, responses=ERRORS)
def change_status(request_id: str, body: StatusIn, uow: Uow, actor: Writer, ctx: Ctx) -> RequestOut:
    r = svc.change_status(uow, actor, request_id, body.status, body.reason, body.version)
    return RequestOut.from_domain(r, ctx.settings.timezone)


@router.post(
    "/requests/{request_id}/messages",
    status_code=201,
    response_model=MessageOut,
    responses=ERRORS,
)
def add_message(request_id: str, body: MessageIn, uow: Uow, actor: Writer) -> MessageOut:
    return MessageOut.from_domain(svc.add_message(uow, actor, request_id, body.to_domain()))


@router.post(
    "/requests/{request_id}/attachments",
    status_code=201,
    response_model=AttachmentOut,
    responses=ERRORS | {413: ERRORS[422]},
)
def add_attachment(
    request_id: str,
    uow: Uow,
    actor: Writer,
    ctx: Ctx,
    file: Annotated[UploadFile, File(description="The file; its type is read from its bytes.")],
    message_id: Annotated[str | None, Form(max_length=32)] = None,
) -> AttachmentOut:
    limit = ctx.settings.attachment_max_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"Attachments may be at most {limit} bytes.")
    a = files_svc.add_attachment(
        uow, actor, _storage(ctx), request_id, file.filename or "", data, _config(ctx), message_id
    )
    return AttachmentOut.from_domain(a)


@router.get(
    "/requests/{request_id}/attachments/{attachment_id}",
    responses=ERRORS | {200: {"content": {"application/octet-stream": {}}}},
    response_class=Response,
)
def download_attachment(
    request_id: str, attachment_id: str, uow: Uow, actor: Reader, ctx: Ctx
) -> Response:
    a, data = files_svc.get_attachment(uow, actor, _storage(ctx), request_id, attachment_id)
    # Always a download, never rendered in the browser; the name is RFC 5987-quoted.
    return Response(
        data,
        media_type=a.content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(a.file_name, safe='')}",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )


# -- routing rules ---------------------------------------------------------


@router.get("/routing-rules", response_model=list[RuleOut], tags=["routing rules"])
def list_rules(uow: Uow, actor: Reader) -> list[RuleOut]:
    return [RuleOut.from_domain(r) for r in rules_svc.list_rules(uow, actor)]


@router.post(
    "/routing-rules",
    status_code=201,
    response_model=RuleOut,
    responses=ERRORS,
    tags=["routing rules"],
)
def create_rule(body: RuleIn, uow: Uow, actor: RuleManager) -> RuleOut:
    return RuleOut.from_domain(rules_svc.create_rule(uow, actor, body.to_domain()))


@router.get(
    "/routing-rules/{rule_id}", response_model=RuleOut, responses=ERRORS, tags=["routing rules"]
)
def get_rule(rule_id: str, uow: Uow, actor: Reader) -> RuleOut:
    return RuleOut.from_domain(rules_svc.get_rule(uow, actor, rule_id))


@router.put(
    "/routing-rules/{rule_id}", response_model=RuleOut, responses=ERRORS, tags=["routing rules"]
)
def update_rule(rule_id: str, body: RuleIn, uow: Uow, actor: RuleManager) -> RuleOut:
    rule = rules_svc.update_rule(uow, actor, rule_id, body.to_domain(), body.version)
    return RuleOut.from_domain(rule)


@router.delete(
    "/routing-rules/{rule_id}", status_code=204, responses=ERRORS, tags=["routing rules"]
)
def delete_rule(rule_id: str, uow: Uow, actor: RuleManager) -> Response:
    rules_svc.delete_rule(uow, actor, rule_id)
    return Response(status_code=204)
