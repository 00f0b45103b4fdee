"""/api/v1/extradition-cases and /api/v1/extradition-treaties.

A case's body carries `deadlines`: each `{name, due, rule}` (with its status and
the days left) computed from the legal basis and the stage dates, and
`next_deadline`. Dates are calendar days in the bureau's time zone; a stage may
be sent as `on` (a day) or `at` (a moment with its offset, turned into the
bureau's day). The wire format is in `extradition_schemas.py`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.extradition import TREATIES, Direction, Stage
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.api.extradition_schemas import (
    AlertOut,
    CaseIn,
    CaseOut,
    DeadlineOut,
    OutcomeIn,
    StageIn,
    StatsOut,
    TreatyOut,
)
from ncbdesk.entrypoints.api.persons import ERRORS
from ncbdesk.entrypoints.api.schemas import PageOut
from ncbdesk.services import extradition as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import CaseFilter

router = APIRouter(tags=["extradition"])

Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
Reader = Annotated[Actor, Depends(deps.requires(Permission.EXTRADITION_READ))]
Writer = Annotated[Actor, Depends(deps.requires(Permission.EXTRADITION_WRITE))]
Ctx = Annotated[deps.AppContext, Depends(deps.context)]
Purpose = Annotated[
    str, Query(max_length=300, description="Why you look: recorded in the audit trail.")
]

CASES = "/extradition-cases"


def _today(ctx: deps.AppContext, today: date | None) -> date:
    return today or svc.today_in(ctx.settings.timezone)


Today = Annotated[
    date | None,
    Query(description="Compute deadlines as of this day (default: today, the bureau's zone)."),
]


@router.post(CASES, status_code=201, response_model=CaseOut, responses=ERRORS)
def create_case(body: CaseIn, uow: Uow, actor: Writer, ctx: Ctx, response: Response) -> CaseOut:
    """Open a case; from a confirmed hit, the notice, person and requesting state follow."""
    zone = ctx.settings.timezone
    stages = [
        svc.StageInput(s.stage, s.day(zone, f"stages[{i}]."), s.note, tuple(s.documents))
        for i, s in enumerate(body.stages)
    ]
    case = svc.create_case(uow, actor, body.to_domain(), stages, zone)
    response.headers["Location"] = f"/api/v1{CASES}/{case.id}"
    return CaseOut.from_domain(case, _today(ctx, None))


@router.get(CASES, response_model=PageOut[CaseOut])
def list_cases(
    uow: Uow,
    actor: Reader,
    ctx: Ctx,
    direction: Direction | None = None,
    stage: Annotated[Stage | None, Query(description="The case's current stage.")] = None,
    open_: Annotated[bool | None, Query(alias="open", description="true: no outcome yet.")] = None,
    person_id: Annotated[str, Query(max_length=64)] = "",
    notice_id: Annotated[str, Query(max_length=64)] = "",
    today: Today = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> PageOut[CaseOut]:
    limit = min(limit, ctx.settings.page_size_max)
    f = CaseFilter(direction, stage, open_, person_id, notice_id)
    page = svc.list_cases(uow, actor, f, offset, limit)
    day = _today(ctx, today)
    return PageOut(
        items=[CaseOut.from_domain(c, day) for c in page.items],
        total=page.total,
        offset=page.offset,
        limit=page.limit,
    )


@router.get(f"{CASES}/due-soon", response_model=list[AlertOut])
def due_soon(
    uow: Uow,
    actor: Reader,
    ctx: Ctx,
    days: Annotated[int, Query(ge=0, le=svc.MAX_ALERT_DAYS)] = 7,
    today: Today = None,
) -> list[AlertOut]:
    """Open deadlines within `days` (overdue ones too), most urgent first."""
    day = _today(ctx, today)
    return [
        AlertOut(
            case_id=a.case.id,
            person_name=a.case.person_name,
            direction=a.case.direction,
            current_stage=a.case.current_stage,
            deadline=DeadlineOut.from_domain(a.deadline, day),
        )
        for a in svc.due_soon(uow, actor, day, days)
    ]


@router.get(f"{CASES}/statistics", response_model=StatsOut)
def statistics(uow: Uow, actor: Reader) -> StatsOut:
    """Extraditions in and out per year: opened, closed by outcome, median days."""
    return StatsOut.from_domain(svc.extradition_statistics(uow, actor))


@router.get(f"{CASES}/{{case_id}}", response_model=CaseOut, responses=ERRORS)
def get_case(
    case_id: str, uow: Uow, actor: Reader, ctx: Ctx, purpose: Purpose = "", today: Today = None
) -> CaseOut:
    return CaseOut.from_domain(svc.get_case(uow, actor, case_id, purpose), _today(ctx, today))


@router.post(f"{CASES}/{{case_id}}/stages", response_model=CaseOut, responses=ERRORS)
def record_stage(case_id: str, body: StageIn, uow: Uow, actor: Writer, ctx: Ctx) -> CaseOut:
    """Record a stage with its date; recording it again corrects the date."""
    zone = ctx.settings.timezone
    case = svc.record_stage(
        uow,
        actor,
        case_id,
        body.stage,
        body.day(zone),
        body.note,
        body.documents,
        zone,
        body.version,
    )
    return CaseOut.from_domain(case, _today(ctx, None))


@router.post(f"{CASES}/{{case_id}}/outcome", response_model=CaseOut, responses=ERRORS)
def record_outcome(case_id: str, body: OutcomeIn, uow: Uow, actor: Writer, ctx: Ctx) -> CaseOut:
    """Close the case: surrendered, refused (with the reason), released or withdrawn."""
    case = svc.record_outcome(
        uow,
        actor,
        case_id,
        body.outcome,
        body.on,
        body.reason,
        body.documents,
        body.version,
        ctx.settings.timezone,
    )
    return CaseOut.from_domain(case, _today(ctx, None))


@router.get("/extradition-treaties", response_model=list[TreatyOut])
def treaties(actor: Reader) -> list[TreatyOut]:
    """The deadline rules held per legal basis, with their sources."""
    return [TreatyOut.from_domain(t) for t in TREATIES.values()]
