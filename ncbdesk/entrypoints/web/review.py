"""Records due for review: this bureau's persons and notices whose review date has come
or comes within N days, for supervisors; a person is kept (new date, reason) or deleted.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ncbdesk.domain.errors import FieldError, Problems, ValidationFailed
from ncbdesk.domain.notices import Notice
from ncbdesk.domain.persons import Person
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import FormState, FormValues, text_value
from ncbdesk.entrypoints.web.rendering import (
    LoadedIndex,
    Pager,
    Uow,
    form_values,
    pager,
    render,
    see_other,
    url,
)
from ncbdesk.services import persons as person_svc
from ncbdesk.services import retention
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import Page

router = APIRouter(prefix="/review-due", include_in_schema=False)

PAGE_SIZE = 50
Keeper = Annotated[Actor, Depends(deps.requires(Permission.RETENTION_MANAGE))]
Form = Annotated[FormValues, Depends(form_values)]
Days = Annotated[int, Query(ge=0, le=retention.MAX_WINDOW_DAYS)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
FIELDS = ("review_on", "reason")


@router.get("")
def review_due(
    request: Request,
    uow: Uow,
    actor: Keeper,
    days: Days = 30,
    offset: Offset = 0,
    notices_offset: Offset = 0,
) -> Response:
    """Persons page with `offset`, notices with `notices_offset`."""
    due = retention.review_due(
        uow, actor, days, offset=offset, limit=PAGE_SIZE, notices_offset=notices_offset
    )
    return render(
        request,
        "review/due.html",
        {
            "due": due,
            "days": days,
            "persons_pager": pager(
                "/review-due", {"days": days, "notices_offset": notices_offset}, due.persons
            ),
            "notices_pager": notices_pager(days, offset, due.notices),
        },
        actor=actor,
    )


def notices_pager(days: int, offset: int, page: Page[Notice]) -> Pager:
    """The notices' pager: its links move `notices_offset` and keep the persons' page."""
    shown = len(page.items)
    base = {"days": days, "offset": offset}
    prev_url = next_url = ""
    if page.offset > 0:
        prev_url = url("/review-due", {**base, "notices_offset": max(0, page.offset - page.limit)})
    if page.offset + shown < page.total:
        next_url = url("/review-due", {**base, "notices_offset": page.offset + page.limit})
    first = page.offset + 1 if shown else 0
    return Pager(page.total, first, page.offset + shown, prev_url, next_url)


def _person_page(
    request: Request,
    actor: Actor,
    person: Person,
    extend: FormState | None = None,
    delete: FormState | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "review/person.html",
        {
            "person": person,
            "today": date.today(),
            "owned": person.owner_bureau == actor.bureau,
            "extend": extend or FormState(),
            "delete": delete or FormState(),
        },
        status=status,
        actor=actor,
    )


@router.get("/persons/{person_id}")
def review_person(request: Request, uow: Uow, actor: Keeper, person_id: str) -> Response:
    person = person_svc.get_person(uow, actor, person_id, purpose="retention review")
    return _person_page(request, actor, person)


def _day(values: FormValues, name: str, p: Problems) -> date | None:
    raw = text_value(values, name)
    if not raw:
        p.add(name, "enter the date (YYYY-MM-DD)")
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        p.add(name, f"'{raw[:20]}' is not a date (use YYYY-MM-DD)")
        return None


@router.post("/persons/{person_id}/extend")
def extend(request: Request, uow: Uow, actor: Keeper, person_id: str, values: Form) -> Response:
    p = Problems()
    review_on = _day(values, "review_on", p)
    try:
        p.raise_if_any("The review cannot be extended.")
        assert review_on is not None
        person_svc.extend_review(uow, actor, person_id, review_on, text_value(values, "reason"))
    except ValidationFailed as exc:
        person = person_svc.get_person(uow, actor, person_id, purpose="retention review")
        state = FormState.failed(values, FIELDS, exc, exc.message)
        return _person_page(request, actor, person, extend=state, status=422)
    return see_other("/review-due?done=updated")


@router.post("/persons/{person_id}/delete")
def delete(
    request: Request, uow: Uow, actor: Keeper, person_id: str, values: Form, index: LoadedIndex
) -> Response:
    reason = text_value(values, "delete_reason")
    if not reason:
        person = person_svc.get_person(uow, actor, person_id, purpose="retention review")
        exc = ValidationFailed(
            "The record was not deleted.", [FieldError("delete_reason", "say why it is deleted")]
        )
        state = FormState.failed(values, ["delete_reason"], exc, exc.message)
        return _person_page(request, actor, person, delete=state, status=422)
    person_svc.delete_person(uow, actor, person_id, index, reason=f"retention review: {reason}")
    return see_other("/review-due?done=deleted")
