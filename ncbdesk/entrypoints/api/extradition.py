"""/api/v1/extradition-cases and /api/v1/extradition-treaties.

A case's body carries `deadlines`: each `{name, due, rule}` (with its status and
the days left) computed from the legal basis and the stage dates, and
`next_deadline`. Dates are calendar days in the bureau's time zone; a stage may
be sent as `on` (a day) or `at` (a moment with its offset, turned into the
bureau's day).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.errors import FieldError, ValidationFailed
from ncbdesk.domain.extradition import (
    TREATIES,
    CaseOutcome,
    Deadline,
    DeadlineStatus,
    Direction,
    ExtraditionCase,
    Party,
    Stage,
    local_day,
)
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
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

_strict = ConfigDict(extra="forbid")
CASES = "/extradition-cases"


class StageIn(BaseModel):
    """A stage and when it happened: `on` (the bureau's day) or `at` (a moment with offset)."""

    model_config = _strict
    stage: Stage
    on: date | None = None
    at: datetime | None = None
    note: str = Field("", max_length=5000)
    documents: list[str] = Field(default_factory=list, max_length=50)
    version: int | None = Field(None, description="The case version you saw (optional).")

    def day(self, zone: str, where: str = "") -> date:
        if (self.on is None) == (self.at is None):
            raise ValidationFailed(
                "Give the stage's date.", [FieldError(f"{where}on", "give either 'on' or 'at'")]
            )
        if self.at is not None:
            if self.at.tzinfo is None:
                raise ValidationFailed(
                    "The moment needs its offset.",
                    [FieldError(f"{where}at", "include the UTC offset, e.g. +03:00 or Z")],
                )
            return local_day(self.at, zone)
        assert self.on is not None
        return self.on


class CaseIn(BaseModel):
    model_config = _strict
    direction: Direction
    legal_basis: str = Field(
        max_length=80, description="ece, cis-minsk-1993, bilateral:<name>, reciprocity …"
    )
    person_name: str = Field("", max_length=300, description="Filled from the hit or notice.")
    person_id: str | None = Field(None, max_length=64)
    notice_id: str | None = Field(None, max_length=64)
    hit_id: str | None = Field(None, max_length=64, description="A confirmed hit.")
    warrant_reference: str = Field("", max_length=300)
    offence: str = Field("", max_length=2000)
    requesting_state: str = Field("", max_length=10, description="Inbound: from the notice.")
    requested_state: str = Field("", max_length=10, description="Inbound: this bureau.")
    stages: list[StageIn] = Field(default_factory=list, max_length=20)

    def to_domain(self) -> ExtraditionCase:
        return ExtraditionCase(
            direction=self.direction,
            person_name=self.person_name,
            requesting_state=self.requesting_state,
            requested_state=self.requested_state,
            legal_basis=self.legal_basis,
            person_id=self.person_id or None,
            notice_id=self.notice_id or None,
            hit_id=self.hit_id or None,
            warrant_reference=self.warrant_reference,
            offence=self.offence,
        )


class OutcomeIn(BaseModel):
    model_config = _strict
    outcome: CaseOutcome
    on: date
    reason: str = Field("", max_length=5000, description="Required when refused or withdrawn.")
    documents: list[str] = Field(default_factory=list, max_length=50)
    version: int | None = None


class DeadlineOut(BaseModel):
    key: str
    name: str
    due: date
    rule: str
    party: Party
    binding: bool
    status: DeadlineStatus
    answered_on: date | None
    days_left: int

    @classmethod
    def from_domain(cls, d: Deadline, today: date) -> DeadlineOut:
        return cls(
            key=d.key,
            name=d.name,
            due=d.due,
            rule=d.rule,
            party=d.party,
            binding=d.binding,
            status=d.status,
            answered_on=d.answered_on,
            days_left=d.days_left(today),
        )


class StageOut(BaseModel):
    stage: Stage
    on: date
    note: str
    documents: list[str]
    recorded_by: str
    recorded_at: datetime


class CaseOut(BaseModel):
    id: str
    direction: Direction
    person_name: str
    person_id: str | None
    notice_id: str | None
    hit_id: str | None
    warrant_reference: str
    offence: str
    requesting_state: str
    requested_state: str
    legal_basis: str
    legal_basis_title: str | None
    owner_bureau: str
    current_stage: Stage | None
    stages: list[StageOut]
    outcome: CaseOutcome | None
    outcome_on: date | None
    outcome_reason: str
    outcome_documents: list[str]
    today: date = Field(description="The bureau's day the deadlines were computed for.")
    deadlines: list[DeadlineOut]
    next_deadline: DeadlineOut | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def from_domain(cls, c: ExtraditionCase, today: date) -> CaseOut:
        treaty = TREATIES.get(c.legal_basis)
        nxt = c.next_deadline(today)
        return cls(
            id=c.id,
            direction=c.direction,
            person_name=c.person_name,
            person_id=c.person_id,
            notice_id=c.notice_id,
            hit_id=c.hit_id,
            warrant_reference=c.warrant_reference,
            offence=c.offence,
            requesting_state=c.requesting_state,
            requested_state=c.requested_state,
            legal_basis=c.legal_basis,
            legal_basis_title=treaty.title if treaty else None,
            owner_bureau=c.owner_bureau,
            current_stage=c.current_stage,
            stages=[
                StageOut(
                    stage=e.stage,
                    on=e.on,
                    note=e.note,
                    documents=list(e.documents),
                    recorded_by=e.recorded_by,
                    recorded_at=e.recorded_at,
                )
                for e in c.stages
            ],
            outcome=c.outcome,
            outcome_on=c.outcome_on,
            outcome_reason=c.outcome_reason,
            outcome_documents=list(c.outcome_documents),
            today=today,
            deadlines=[DeadlineOut.from_domain(d, today) for d in c.deadlines(today)],
            next_deadline=DeadlineOut.from_domain(nxt, today) if nxt else None,
            created_at=c.created_at,
            updated_at=c.updated_at,
            version=c.version,
        )


class AlertOut(BaseModel):
    case_id: str
    person_name: str
    direction: Direction
    current_stage: Stage | None
    deadline: DeadlineOut


class YearOut(BaseModel):
    year: int
    direction: Direction
    opened: int
    closed: int
    outcomes: dict[str, int]
    median_days: float | None
    median_days_surrendered: float | None


class StatsOut(BaseModel):
    years: list[YearOut]
    open_cases: dict[str, int]


class RuleOut(BaseModel):
    key: str
    name: str
    starts: Stage
    days: int
    months: int
    answered_by: list[Stage]
    requires: list[Stage]
    party: Party
    binding: bool
    rule: str


class TreatyOut(BaseModel):
    id: str
    title: str
    note: str
    rules: list[RuleOut]


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
    stats = svc.extradition_statistics(uow, actor)
    return StatsOut(
        years=[
            YearOut(
                year=y.year,
                direction=y.direction,
                opened=y.opened,
                closed=y.closed,
                outcomes={k.value: v for k, v in y.outcomes.items()},
                median_days=y.median_days,
                median_days_surrendered=y.median_days_surrendered,
            )
            for y in stats.years
        ],
        open_cases={k.value: v for k, v in stats.open_cases.items()},
    )


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
    return [
        TreatyOut(
            id=t.id,
            title=t.title,
            note=t.note,
            rules=[
                RuleOut(
                    key=r.key,
                    name=r.name,
                    starts=r.starts,
                    days=r.days,
                    months=r.months,
                    answered_by=list(r.answered_by),
                    requires=list(r.requires),
                    party=r.party,
                    binding=r.binding,
                    rule=r.rule,
                )
                for r in t.rules
            ],
        )
        for t in TREATIES.values()
    ]
