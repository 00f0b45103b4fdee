"""/api/v1/hits: the hit queue, a hit side by side, confirm and discard.

A border (or any machine) client that matched a traveller with `POST /match`
reports the hit with `POST /hits`: the traveller as a FollowTheMoney entity,
the matched person's id and the notice's id, both as `/match` returned them.
The server scores the pair itself, so the hit carries the engine's reasons
whatever the client computed. `/match` itself stays a pure look-up: screening
many travellers must not fill the queue with the ones nobody acted on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.ftm import person_from_ftm, person_to_ftm
from ncbdesk.domain.errors import FieldError, NcbError, ValidationFailed
from ncbdesk.domain.hits import ConfirmMethod, HitStatus, OwnerNotification, PossibleHit
from ncbdesk.domain.notices import NoticeType
from ncbdesk.domain.persons import Person
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.api.persons import ERRORS
from ncbdesk.entrypoints.api.schemas import PageOut
from ncbdesk.services import hits as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import HitFilter
from ncbdesk.services.requests import RegistryConfig

router = APIRouter(prefix="/hits", tags=["hits"])

Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
Reader = Annotated[Actor, Depends(deps.requires(Permission.NOTICE_READ))]
Screener = Annotated[Actor, Depends(deps.requires(Permission.SCREEN))]
Decider = Annotated[Actor, Depends(deps.requires(Permission.HIT_DECIDE))]
Ctx = Annotated[deps.AppContext, Depends(deps.context)]
Purpose = Annotated[
    str, Query(max_length=300, description="Why you look: recorded in the audit trail.")
]

_strict = ConfigDict(extra="forbid")


class QueryEntity(BaseModel):
    """The traveller as the border system knows them (a FollowTheMoney Person)."""

    model_config = _strict
    id: str | None = Field(None, max_length=200)
    schema_: str = Field("Person", alias="schema")
    properties: dict[str, Any] = Field(default_factory=dict)


class HitIn(BaseModel):
    model_config = _strict
    query: QueryEntity
    person_id: str = Field(max_length=64, description="The matched person, as /match named it.")
    notice_id: str = Field(max_length=64, description="The notice about that person.")
    location: str = Field("", max_length=300, description="Where: border crossing point …")
    source: str = Field("border", max_length=20, description="border, api, batch, officer …")


class ConfirmIn(BaseModel):
    model_config = _strict
    methods: list[ConfirmMethod] = Field(min_length=1, max_length=4)
    note: str = Field("", max_length=5000)


class DiscardIn(BaseModel):
    model_config = _strict
    reason: str = Field(max_length=5000)
    note: str = Field("", max_length=5000)


class HitOut(BaseModel):
    """One hit in the queue."""

    id: str
    status: HitStatus
    source: str
    notice_id: str
    subject_id: str
    person_id: str | None
    score: float
    reasons: list[str]
    location: str
    raised_by: str
    created_at: datetime
    methods: list[ConfirmMethod]
    note: str
    discard_reason: str
    decided_by: str
    decided_at: datetime | None

    @classmethod
    def from_domain(cls, h: PossibleHit) -> HitOut:
        return cls(
            id=h.id,
            status=h.status,
            source=h.source,
            notice_id=h.notice_id,
            subject_id=h.subject_id,
            person_id=h.person_id or None,
            score=round(h.score, 4),
            reasons=list(h.reasons),
            location=h.location,
            raised_by=h.raised_by,
            created_at=h.created_at,
            methods=list(h.methods),
            note=h.note,
            discard_reason=h.discard_reason,
            decided_by=h.decided_by,
            decided_at=h.decided_at,
        )


class Side(BaseModel):
    """One side of the comparison, as a FollowTheMoney entity."""

    id: str | None
    held_here: bool
    caption: str
    properties: dict[str, Any]


class NoticeSide(BaseModel):
    id: str
    type: str
    type_label: str
    status: str
    reference: str
    title: str
    owner_bureau: str
    subject: Side | None


class NotificationOut(BaseModel):
    id: str
    to_bureau: str
    subject: str
    body: str
    proposed_action: str
    due_at: datetime
    status: str
    request_id: str | None
    created_by: str
    created_at: datetime

    @classmethod
    def from_domain(cls, n: OwnerNotification) -> NotificationOut:
        return cls(
            id=n.id,
            to_bureau=n.to_bureau,
            subject=n.subject,
            body=n.body,
            proposed_action=n.proposed_action,
            due_at=n.due_at,
            status=n.status.value,
            request_id=n.request_id,
            created_by=n.created_by,
            created_at=n.created_at,
        )


def _side(person: Person) -> Side:
    return Side(
        id=person.id,
        held_here=True,
        caption=person.display_name,
        properties=person_to_ftm(person)["properties"],
    )


class HitDetailOut(HitOut):
    """The hit page's data: the query and the notice side by side, with the engine's reasons."""

    query: Side
    notice: NoticeSide | None
    proposed_action: str
    notification: NotificationOut | None

    @classmethod
    def from_view(cls, v: svc.HitView) -> HitDetailOut:
        h = v.hit
        if v.person is not None:
            query = _side(v.person)
        else:
            props = dict(h.query.get("properties", {}))
            names = props.get("name") or []
            query = Side(
                id=h.query.get("id"),
                held_here=False,
                caption=str(names[0]) if names else "",
                properties=props,
            )
        n = v.notice
        notice = (
            NoticeSide(
                id=n.id,
                type=n.type.value,
                type_label=n.type.label,
                status=n.status.value,
                reference=n.reference,
                title=n.title,
                owner_bureau=n.owner_bureau,
                subject=_side(v.subject) if v.subject else None,
            )
            if n is not None
            else None
        )
        return cls(
            **HitOut.from_domain(h).model_dump(),
            query=query,
            notice=notice,
            proposed_action=v.proposed_action,
            notification=NotificationOut.from_domain(v.notification) if v.notification else None,
        )


@router.get("", response_model=PageOut[HitOut])
def list_hits(
    uow: Uow,
    actor: Reader,
    ctx: Ctx,
    status: HitStatus | None = None,
    notice_id: Annotated[str, Query(max_length=64)] = "",
    source: Annotated[str, Query(max_length=20)] = "",
    notice_type: NoticeType | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> PageOut[HitOut]:
    """The queue: pending hits first, then newest first; `status=pending` is what waits."""
    limit = min(limit, ctx.settings.page_size_max)
    f = HitFilter(status, notice_id, source, notice_type)
    page = svc.list_hits(uow, actor, f, offset, limit)
    return PageOut(
        items=[HitOut.from_domain(h) for h in page.items],
        total=page.total,
        offset=page.offset,
        limit=page.limit,
    )


@router.post("", status_code=201, response_model=HitDetailOut, responses=ERRORS)
def raise_hit(body: HitIn, uow: Uow, actor: Screener, ctx: Ctx, response: Response) -> HitDetailOut:
    """Report a traveller who matched a notice's subject; the hit waits for an officer."""
    if body.query.schema_ != "Person":
        raise ValidationFailed(
            "Only a person can be a hit.", [FieldError("query.schema", "expected 'Person'")]
        )
    entity = {
        "id": body.query.id or "query",
        "schema": "Person",
        "properties": body.query.properties,
    }
    try:
        person = person_from_ftm(entity, ctx.settings.bureau)
    except NcbError as exc:
        raise ValidationFailed(
            "The query entity is not valid.",
            [FieldError(f"query.{e.field}", e.message) for e in exc.errors],
        ) from None
    snapshot = {"id": body.query.id, "schema": "Person", "properties": body.query.properties}
    view = svc.raise_hit(
        uow, actor, body.notice_id, body.person_id, person, snapshot, body.location, body.source
    )
    response.headers["Location"] = f"/api/v1/hits/{view.hit.id}"
    return HitDetailOut.from_view(view)


@router.get("/{hit_id}", response_model=HitDetailOut, responses=ERRORS)
def get_hit(hit_id: str, uow: Uow, actor: Reader, purpose: Purpose = "") -> HitDetailOut:
    return HitDetailOut.from_view(svc.get_hit(uow, actor, hit_id, purpose))


@router.post("/{hit_id}/confirm", response_model=HitDetailOut, responses=ERRORS)
def confirm(hit_id: str, body: ConfirmIn, uow: Uow, actor: Decider, ctx: Ctx) -> HitDetailOut:
    """Same person: say how. Notifies the notice's owner and proposes the action.

    A foreign owner is told by an outgoing request registered in the request
    registry (`notification.request_id`, at `/api/v1/requests/{id}`), assigned to
    you with a draft body to complete; for this bureau's own notice the
    notification is an internal note and no request is registered.
    """
    config = RegistryConfig.from_settings(ctx.settings)
    view = svc.confirm_hit(uow, actor, hit_id, body.methods, body.note, config)
    return HitDetailOut.from_view(view)


@router.post("/{hit_id}/discard", response_model=HitDetailOut, responses=ERRORS)
def discard(hit_id: str, body: DiscardIn, uow: Uow, actor: Decider) -> HitDetailOut:
    """Not the same person: say why."""
    return HitDetailOut.from_view(svc.discard_hit(uow, actor, hit_id, body.reason, body.note))
