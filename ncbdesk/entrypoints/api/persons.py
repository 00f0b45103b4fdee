"""/api/v1/persons"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.api.schemas import ErrorOut, PageOut, PersonIn, PersonOut
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services import persons as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import PersonFilter

router = APIRouter(prefix="/persons", tags=["persons"])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut},
    409: {"model": ErrorOut},
    403: {"model": ErrorOut},
    422: {"model": ErrorOut},
}

Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
Reader = Annotated[Actor, Depends(deps.requires(Permission.PERSON_READ))]
Writer = Annotated[Actor, Depends(deps.requires(Permission.PERSON_WRITE))]
Deleter = Annotated[Actor, Depends(deps.requires(Permission.PERSON_DELETE))]
Purpose = Annotated[
    str,
    Query(max_length=300, description="Why you look: recorded in the audit trail."),
]
LoadedIndex = Annotated[ScreeningIndex | None, Depends(deps.loaded_index)]


@router.get("", response_model=PageOut[PersonOut])
def list_persons(
    uow: Uow,
    actor: Reader,
    ctx: Annotated[deps.AppContext, Depends(deps.context)],
    name: Annotated[str, Query(max_length=200, description="Contained in any name.")] = "",
    nationality: Annotated[str, Query(max_length=2, description="ISO 3166 alpha-2.")] = "",
    owner_bureau: Annotated[str, Query(max_length=2)] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    purpose: Purpose = "",
) -> PageOut[PersonOut]:
    limit = min(limit, ctx.settings.page_size_max)
    page = svc.list_persons(
        uow, actor, PersonFilter(name, nationality, owner_bureau), offset, limit, purpose
    )
    return PageOut(
        items=[PersonOut.from_domain(p) for p in page.items],
        total=page.total,
        offset=page.offset,
        limit=page.limit,
    )


@router.post("", status_code=201, response_model=PersonOut, responses=ERRORS)
def create_person(
    body: PersonIn, uow: Uow, actor: Writer, response: Response, index: LoadedIndex
) -> PersonOut:
    person = svc.create_person(uow, actor, body.to_domain(actor.bureau), index)
    response.headers["Location"] = f"/api/v1/persons/{person.id}"
    return PersonOut.from_domain(person)


@router.get("/{person_id}", response_model=PersonOut, responses=ERRORS)
def get_person(person_id: str, uow: Uow, actor: Reader, purpose: Purpose = "") -> PersonOut:
    return PersonOut.from_domain(svc.get_person(uow, actor, person_id, purpose))


@router.put("/{person_id}", response_model=PersonOut, responses=ERRORS)
def update_person(
    person_id: str, body: PersonIn, uow: Uow, actor: Writer, index: LoadedIndex
) -> PersonOut:
    person = svc.update_person(
        uow,
        actor,
        person_id,
        body.to_domain(actor.bureau),
        body.version,
        index,
        keep_handling=body.handling is None,
    )
    return PersonOut.from_domain(person)


@router.delete("/{person_id}", status_code=204, responses=ERRORS)
def delete_person(person_id: str, uow: Uow, actor: Deleter, index: LoadedIndex) -> Response:
    svc.delete_person(uow, actor, person_id, index)
    return Response(status_code=204)
