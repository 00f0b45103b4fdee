"""/api/v1/review-due and /api/v1/persons/{id}/review: records due for review (supervisors)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.notices import Notice
from ncbdesk.domain.persons import Person
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.api.schemas import PageOut
from ncbdesk.services import persons as person_svc
from ncbdesk.services import retention
from ncbdesk.services.context import Actor

router = APIRouter(tags=["retention"])
Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
Keeper = Annotated[Actor, Depends(deps.requires(Permission.RETENTION_MANAGE))]


class PersonDueOut(BaseModel):
    id: str
    name: str
    owner_bureau: str
    review_on: date | None

    @classmethod
    def from_domain(cls, p: Person) -> PersonDueOut:
        return cls(id=p.id, name=p.display_name, owner_bureau=p.owner_bureau,
                   review_on=p.review_on)  # fmt: skip


class NoticeDueOut(BaseModel):
    id: str
    title: str
    type: str
    kind: str
    review_due_on: date | None
    valid_until: date | None

    @classmethod
    def from_domain(cls, n: Notice) -> NoticeDueOut:
        return cls(id=n.id, title=n.title, type=n.type.value, kind=n.kind.value,
                   review_due_on=n.review_due_on, valid_until=n.valid_until)  # fmt: skip


class ReviewDueOut(BaseModel):
    until: date = Field(description="Review dates on or before this day are listed.")
    persons: PageOut[PersonDueOut]
    notices: PageOut[NoticeDueOut]


class ReviewIn(BaseModel):
    review_on: date = Field(description="The next review date, after today, at most 5 years on.")
    reason: str = Field(max_length=4000, description="Why the record is still needed.")


@router.get("/review-due", response_model=ReviewDueOut)
def review_due(
    uow: Uow,
    actor: Keeper,
    days: Annotated[int, Query(ge=0, le=retention.MAX_WINDOW_DAYS)] = 30,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    notices_offset: Annotated[int | None, Query(ge=0, le=10_000_000)] = None,
) -> ReviewDueOut:
    """This bureau's persons and published notices whose review date is within `days`.

    `offset` pages both lists unless `notices_offset` pages the notices apart.
    """
    due = retention.review_due(uow, actor, days, offset=offset, limit=limit,
                               notices_offset=notices_offset)  # fmt: skip
    return ReviewDueOut(
        until=due.until,
        persons=PageOut[PersonDueOut](
            items=[PersonDueOut.from_domain(p) for p in due.persons.items],
            total=due.persons.total, offset=offset, limit=limit,
        ),
        notices=PageOut[NoticeDueOut](
            items=[NoticeDueOut.from_domain(n) for n in due.notices.items],
            total=due.notices.total, offset=due.notices.offset, limit=limit,
        ),
    )  # fmt: skip


@router.post("/persons/{person_id}/review", response_model=PersonDueOut)
def extend_review(uow: Uow, actor: Keeper, person_id: str, body: ReviewIn) -> PersonDueOut:
    """Keep the person's record until a new review date, for the reason given (audited)."""
    person = person_svc.extend_review(uow, actor, person_id, body.review_on, body.reason)
    return PersonDueOut.from_domain(person)
