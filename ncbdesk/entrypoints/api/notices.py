"""/api/v1/notices"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.notices import NoticeKind, NoticeStatus, NoticeType
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.api.persons import ERRORS
from ncbdesk.entrypoints.api.schemas import (
    CancelIn,
    DecisionIn,
    NoticeIn,
    NoticeOut,
    PageOut,
    PossibleHitOut,
    RenewIn,
)
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services import notices as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter

router = APIRouter(prefix="/notices", tags=["notices"])

Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
Reader = Annotated[Actor, Depends(deps.requires(Permission.NOTICE_READ))]
Writer = Annotated[Actor, Depends(deps.requires(Permission.NOTICE_WRITE))]
Reviewer = Annotated[Actor, Depends(deps.requires(Permission.NOTICE_REVIEW))]
Index = Annotated[ScreeningIndex, Depends(deps.index)]


@router.get("", response_model=PageOut[NoticeOut])
def list_notices(
    uow: Uow,
    actor: Reader,
    ctx: Annotated[deps.AppContext, Depends(deps.context)],
    type: NoticeType | None = None,
    status: NoticeStatus | None = None,
    kind: NoticeKind | None = None,
    owner_bureau: Annotated[str, Query(max_length=2)] = "",
    subject_id: Annotated[str, Query(max_length=64)] = "",
    q: Annotated[str, Query(max_length=200, description="In the title or reference.")] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> PageOut[NoticeOut]:
    limit = min(limit, ctx.settings.page_size_max)
    page = svc.list_notices(
        uow, actor, NoticeFilter(type, status, kind, owner_bureau, subject_id, q), offset, limit
    )
    return PageOut(
        items=[NoticeOut.from_domain(n) for n in page.items],
        total=page.total,
        offset=page.offset,
        limit=page.limit,
    )


@router.get("/review-due", response_model=PageOut[NoticeOut])
def review_due(
    uow: Uow,
    actor: Reader,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> PageOut[NoticeOut]:
    """This bureau's published notices within six months of expiry."""
    page = svc.review_due(uow, actor, offset=offset, limit=limit)
    return PageOut(
        items=[NoticeOut.from_domain(n) for n in page.items],
        total=page.total,
        offset=page.offset,
        limit=page.limit,
    )


@router.post("", status_code=201, response_model=NoticeOut, responses=ERRORS)
def create_notice(body: NoticeIn, uow: Uow, actor: Writer, response: Response) -> NoticeOut:
    notice = svc.create_notice(uow, actor, body.to_domain(actor.bureau))
    response.headers["Location"] = f"/api/v1/notices/{notice.id}"
    return NoticeOut.from_domain(notice)


@router.get("/{notice_id}", response_model=NoticeOut, responses=ERRORS)
def get_notice(notice_id: str, uow: Uow, actor: Reader) -> NoticeOut:
    return NoticeOut.from_domain(svc.get_notice(uow, actor, notice_id))


@router.put("/{notice_id}", response_model=NoticeOut, responses=ERRORS)
def update_notice(notice_id: str, body: NoticeIn, uow: Uow, actor: Writer) -> NoticeOut:
    notice = svc.update_notice(
        uow,
        actor,
        notice_id,
        body.to_domain(actor.bureau),
        body.version,
        keep_handling=body.handling is None,
    )
    return NoticeOut.from_domain(notice)


@router.delete("/{notice_id}", status_code=204, responses=ERRORS)
def delete_notice(notice_id: str, uow: Uow, actor: Writer) -> Response:
    svc.delete_notice(uow, actor, notice_id)
    return Response(status_code=204)


@router.post("/{notice_id}/submit", response_model=NoticeOut, responses=ERRORS)
def submit(notice_id: str, uow: Uow, actor: Writer) -> NoticeOut:
    """Check minimum data, run the Article 3 assessment, send to compliance review."""
    return NoticeOut.from_domain(svc.submit_notice(uow, actor, notice_id))


@router.post("/{notice_id}/decision", response_model=NoticeOut, responses=ERRORS)
def decide(notice_id: str, body: DecisionIn, uow: Uow, actor: Reviewer, index: Index) -> NoticeOut:
    """A legal reviewer publishes or refuses, with reasons; publication screens the subject."""
    return NoticeOut.from_domain(
        svc.decide_notice(uow, actor, notice_id, body.decision, body.reasons, index)
    )


@router.post("/{notice_id}/publish", response_model=NoticeOut, responses=ERRORS)
def publish(notice_id: str, uow: Uow, actor: Writer, index: Index) -> NoticeOut:
    """Publish a low-risk, non-Red notice that needs no legal review."""
    return NoticeOut.from_domain(svc.publish_notice(uow, actor, notice_id, index))


@router.get("/{notice_id}/possible-hits", response_model=list[PossibleHitOut], responses=ERRORS)
def hits(notice_id: str, uow: Uow, actor: Reader) -> list[PossibleHitOut]:
    """Persons held here who may be the notice's subject, found when it was published."""
    return [PossibleHitOut.from_domain(h) for h in svc.possible_hits(uow, actor, notice_id)]


@router.post("/{notice_id}/renew", response_model=NoticeOut, responses=ERRORS)
def renew(notice_id: str, body: RenewIn, uow: Uow, actor: Writer) -> NoticeOut:
    return NoticeOut.from_domain(svc.renew_notice(uow, actor, notice_id, body.reasons))


@router.post("/{notice_id}/cancel", response_model=NoticeOut, responses=ERRORS)
def cancel(notice_id: str, body: CancelIn, uow: Uow, actor: Writer) -> NoticeOut:
    return NoticeOut.from_domain(
        svc.cancel_notice(uow, actor, notice_id, body.reason, body.details)
    )
