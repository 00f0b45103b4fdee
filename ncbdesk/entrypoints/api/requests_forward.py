"""/api/v1/requests: forwarding, the owner's permission to forward, and the CSV export.

Included before the registry's own router (api/requests.py), so
`/requests/export.csv` is not taken for a request id.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import AwareDatetime, BaseModel, Field

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.adapters.storage import FolderStorage
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.requests import (
    OPEN_STATUSES,
    Direction,
    ForwardPermission,
    Request,
    RequestStatus,
    RequestType,
)
from ncbdesk.domain.requests_forwarding import ForwardTarget
from ncbdesk.domain.security import HandlingCode, Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.api.persons import ERRORS
from ncbdesk.services import requests_export as export_svc
from ncbdesk.services import requests_forward as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.requests_core import RegistryConfig
from ncbdesk.services.requests_ports import RequestFilter

router = APIRouter(tags=["requests"])

Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
Ctx = Annotated[deps.AppContext, Depends(deps.context)]
Reader = Annotated[Actor, Depends(deps.requires(Permission.REQUEST_READ))]
Writer = Annotated[Actor, Depends(deps.requires(Permission.REQUEST_WRITE))]
Exporter = Annotated[Actor, Depends(deps.requires(Permission.EXPORT))]


class ForwardIn(BaseModel):
    to_country: str | None = Field(
        default=None, max_length=2, description="A foreign bureau, by country code."
    )
    to_agency: str = Field(default="", max_length=200, description="Or a national agency.")
    note: str = Field(default="", max_length=4000, description="Covering words, above the quote.")
    include_attachments: bool = False


class PermissionIn(BaseModel):
    received_on: date = Field(description="When the owner's permission came in.")
    reference: str = Field(max_length=200, description="The owner's message that gave it.")
    note: str = Field(default="", max_length=4000)
    version: int | None = None


class PermissionOut(BaseModel):
    received_on: date
    reference: str
    recorded_by: str
    recorded_at: datetime
    note: str

    @classmethod
    def from_domain(cls, p: ForwardPermission) -> PermissionOut:
        return cls(
            received_on=p.received_on,
            reference=p.reference,
            recorded_by=p.recorded_by,
            recorded_at=p.recorded_at,
            note=p.note,
        )


class ForwardedOut(BaseModel):
    """A request as forwarding sees it: whose information, its codes, its links."""

    id: str
    direction: Direction
    subject: str
    counterpart_country: str | None
    counterpart_agency: str
    owner_bureau: str = Field(description="The bureau whose registry entry this is.")
    information_owner: str = Field(description="The bureau whose handling codes bind others.")
    handling_codes: list[HandlingCode]
    handling_labels: list[str]
    forwarded_from: str | None
    forward_permission: PermissionOut | None
    due_at: datetime | None
    attachments: int
    version: int

    @classmethod
    def from_domain(cls, r: Request) -> ForwardedOut:
        p = r.forward_permission
        return cls(
            id=r.id,
            direction=r.direction,
            subject=r.subject,
            counterpart_country=r.counterpart_country,
            counterpart_agency=r.counterpart_agency,
            owner_bureau=r.owner_bureau,
            information_owner=r.information_owner,
            handling_codes=r.handling.codes,
            handling_labels=r.handling.labels(),
            forwarded_from=r.forwarded_from,
            forward_permission=PermissionOut.from_domain(p) if p else None,
            due_at=r.due_at,
            attachments=len(r.attachments),
            version=r.version,
        )


class ForwardingOut(BaseModel):
    request: ForwardedOut
    may_forward: bool = Field(description="Whether it may be passed on to a third party now.")
    refusal: str = Field(description="Why not, in words; empty when it may.")
    forwards: list[ForwardedOut] = Field(description="The copies that passed it on.")


@router.get(
    "/requests/export.csv",
    responses=ERRORS | {200: {"content": {"text/csv": {}}}},
    response_class=Response,
)
def export_csv(
    uow: Uow,
    actor: Exporter,
    q: Annotated[str, Query(max_length=300, description="Words in requests or messages.")] = "",
    type: RequestType | None = None,
    status: RequestStatus | None = None,
    direction: Direction | None = None,
    country: Annotated[str, Query(max_length=2)] = "",
    assignee: Annotated[str, Query(max_length=100)] = "",
    received_from: AwareDatetime | None = None,
    received_to: AwareDatetime | None = None,
    overdue: bool = False,
    purpose: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """The requests the filters select (as `GET /requests`), one CSV row each.

    A request whose owner's handling codes forbid export to this bureau is
    withheld: its row keeps only id, bureaus, codes and the reason in
    `withheld`. The counts are in `X-Exported` and `X-Withheld`.
    """
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
    run = export_svc.export_requests(uow, actor, f, purpose=purpose)
    return Response(
        export_svc.to_csv(run),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="ncbdesk-requests.csv"',
            "X-Exported": str(run.exported),
            "X-Withheld": str(run.withheld),
            "X-Truncated": "true" if run.truncated else "false",
            "Cache-Control": "no-store",
        },
    )


@router.post(
    "/requests/{request_id}/forward",
    status_code=201,
    response_model=ForwardedOut,
    responses=ERRORS,
)
def forward(
    request_id: str, body: ForwardIn, uow: Uow, actor: Writer, ctx: Ctx, response: Response
) -> ForwardedOut:
    """Pass the request on: a new outgoing request, linked, quoting it, same subjects.

    403 with the reason when the owner's handling codes forbid forwarding and
    no permission of theirs is recorded (`POST …/forward-permission`).
    """
    copy = svc.forward_request(
        uow,
        actor,
        request_id,
        ForwardTarget(body.to_country, body.to_agency, body.note),
        body.include_attachments,
        FolderStorage(ctx.settings.data_dir / "attachments"),
        RegistryConfig.from_settings(ctx.settings),
    )
    response.headers["Location"] = f"/api/v1/requests/{copy.id}"
    return ForwardedOut.from_domain(copy)


@router.post(
    "/requests/{request_id}/forward-permission",
    response_model=ForwardedOut,
    responses=ERRORS,
)
def forward_permission(
    request_id: str, body: PermissionIn, uow: Uow, actor: Writer
) -> ForwardedOut:
    """Record the owner's permission to forward a request its codes restrict."""
    r = svc.record_forward_permission(
        uow, actor, request_id, body.received_on, body.reference, body.note, body.version
    )
    return ForwardedOut.from_domain(r)


@router.get("/requests/{request_id}/forwarding", response_model=ForwardingOut, responses=ERRORS)
def forwarding(request_id: str, uow: Uow, actor: Reader) -> ForwardingOut:
    """Whose information the request is, whether it may be passed on, and where it went."""
    r, state = svc.get_forwarding(uow, actor, request_id)
    return ForwardingOut(
        request=ForwardedOut.from_domain(r),
        may_forward=not state.refusal,
        refusal=state.refusal,
        forwards=[ForwardedOut.from_domain(c) for c in state.forwards],
    )
