"""Wire format of /api/v1/extradition-cases and /api/v1/extradition-treaties.

Pydantic models, built from the domain by explicit `from_domain()` (STYLE 6);
the routes are in `extradition.py`. Tests pin this format.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

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
from ncbdesk.domain.extradition_treaties import Treaty
from ncbdesk.services.extradition import ExtraditionStats

_strict = ConfigDict(extra="forbid")


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

    @classmethod
    def from_domain(cls, stats: ExtraditionStats) -> StatsOut:
        return cls(
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

    @classmethod
    def from_domain(cls, t: Treaty) -> TreatyOut:
        return cls(
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
