"""Person pages: list and search, detail, create, edit, delete."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ncbdesk.domain.country_codes import COUNTRIES
from ncbdesk.domain.errors import Conflict, ValidationFailed
from ncbdesk.domain.persons import DocumentType, NameKind, Person, Sex
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import FormState, FormValues, country_choices, parse_version
from ncbdesk.entrypoints.web.person_form import PersonRows, parse_person, person_values
from ncbdesk.entrypoints.web.rendering import (
    LoadedIndex,
    Uow,
    form_values,
    pager,
    render,
    see_other,
    url,
)
from ncbdesk.services import notices as notice_svc
from ncbdesk.services import persons as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter, PersonFilter

router = APIRouter(prefix="/persons", include_in_schema=False)

PAGE_SIZE = 50
Reader = Annotated[Actor, Depends(deps.requires(Permission.PERSON_READ))]
Writer = Annotated[Actor, Depends(deps.requires(Permission.PERSON_WRITE))]
Deleter = Annotated[Actor, Depends(deps.requires(Permission.PERSON_DELETE))]
Form = Annotated[FormValues, Depends(form_values)]
NameQuery = Annotated[str, Query(max_length=200)]
CountryQuery = Annotated[str, Query(max_length=2)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def _listing(
    request: Request, uow: Uow, actor: Actor, name: str, nationality: str, offset: int
) -> dict[str, Any]:
    limit = min(PAGE_SIZE, deps.context(request).settings.page_size_max)
    page = svc.list_persons(uow, actor, PersonFilter(name, nationality), offset, limit)
    params = {"name": name, "nationality": nationality}
    return {
        "page": page,
        "pager": pager("/persons", params, page),
        "name": name,
        "nationality": nationality,
        "countries": country_choices(COUNTRIES),
        "page_url": url("/persons", {**params, "offset": offset}),
    }


@router.get("")
def list_page(
    request: Request,
    uow: Uow,
    actor: Reader,
    name: NameQuery = "",
    nationality: CountryQuery = "",
    offset: Offset = 0,
) -> Response:
    return render(
        request,
        "persons/list.html",
        _listing(request, uow, actor, name, nationality, offset),
        actor=actor,
    )


@router.get("/table")
def list_fragment(
    request: Request,
    uow: Uow,
    actor: Reader,
    name: NameQuery = "",
    nationality: CountryQuery = "",
    offset: Offset = 0,
) -> Response:
    """The results table alone, for htmx; the address bar shows the full page's URL."""
    context = _listing(request, uow, actor, name, nationality, offset)
    if request.headers.get("hx-request") != "true":  # opened directly: the whole page
        return render(request, "persons/list.html", context, actor=actor)
    return render(
        request,
        "persons/_results.html",
        context,
        headers={"HX-Push-Url": context["page_url"]},
        actor=actor,
    )


def _form(
    request: Request,
    actor: Actor,
    state: FormState,
    person: Person | None,
    status: int = 200,
) -> Response:
    rows = PersonRows.for_values(state.values)
    return render(
        request,
        "persons/form.html",
        {
            "form": state,
            "rows": rows,
            "person": person,
            "action": f"/persons/{person.id}/edit" if person else "/persons/new",
            "name_kinds": list(NameKind),
            "sexes": list(Sex),
            "document_types": list(DocumentType),
            "countries": country_choices(COUNTRIES),
        },
        status=status,
        actor=actor,
    )


def _failed(
    request: Request,
    actor: Actor,
    values: FormValues,
    person: Person | None,
    exc: ValidationFailed | Conflict,
) -> Response:
    known = PersonRows.for_values(values).fields()
    details = exc if isinstance(exc, ValidationFailed) else None
    return _form(
        request, actor, FormState.failed(values, known, details, exc.message), person, exc.status
    )


@router.get("/new")
def new_form(request: Request, actor: Writer) -> Response:
    return _form(request, actor, FormState(), None)


@router.post("/new")
def create(request: Request, uow: Uow, actor: Writer, index: LoadedIndex, values: Form) -> Response:
    try:
        person = parse_person(values, actor.bureau, date.today())
        person = svc.create_person(uow, actor, person, index)
    except (ValidationFailed, Conflict) as exc:
        return _failed(request, actor, values, None, exc)
    return see_other(f"/persons/{person.id}?done=created")


@router.get("/{person_id}")
def detail(request: Request, uow: Uow, actor: Reader, person_id: str) -> Response:
    person = svc.get_person(uow, actor, person_id)
    notices = notice_svc.list_notices(uow, actor, NoticeFilter(subject_id=person.id), 0, 100)
    return render(
        request,
        "persons/detail.html",
        {"person": person, "notices": notices, "owned": person.owner_bureau == actor.bureau},
        actor=actor,
    )


@router.get("/{person_id}/edit")
def edit_form(request: Request, uow: Uow, actor: Writer, person_id: str) -> Response:
    person = svc.get_person(uow, actor, person_id)
    return _form(request, actor, FormState(values=person_values(person)), person)


@router.post("/{person_id}/edit")
def update(
    request: Request, uow: Uow, actor: Writer, index: LoadedIndex, person_id: str, values: Form
) -> Response:
    current = svc.get_person(uow, actor, person_id)
    try:
        changes = parse_person(values, current.owner_bureau, date.today())
        # What the form does not edit stays as it was (the service replaces the content).
        changes.handling = current.handling
        changes.review_on = current.review_on
        svc.update_person(uow, actor, person_id, changes, parse_version(values), index)
    except (ValidationFailed, Conflict) as exc:
        return _failed(request, actor, values, current, exc)
    return see_other(f"/persons/{person_id}?done=updated")


@router.get("/{person_id}/delete")
def confirm_delete(request: Request, uow: Uow, actor: Deleter, person_id: str) -> Response:
    person = svc.get_person(uow, actor, person_id)
    return render(
        request,
        "persons/delete.html",
        {"person": person, "owned": person.owner_bureau == actor.bureau},
        actor=actor,
    )


@router.post("/{person_id}/delete")
def delete(
    request: Request, uow: Uow, actor: Deleter, index: LoadedIndex, person_id: str
) -> Response:
    svc.delete_person(uow, actor, person_id, index)
    return see_other("/persons?done=deleted")
