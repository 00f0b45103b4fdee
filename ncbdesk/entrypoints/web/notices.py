"""Notice pages: list with filters, detail, create, edit, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ncbdesk.domain.errors import Conflict, ValidationFailed
from ncbdesk.domain.notices import Notice, NoticeKind, NoticeStatus, NoticeType
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web import notice_wizard as wizard
from ncbdesk.entrypoints.web.forms import (
    FormState,
    FormValues,
    filter_choice,
    parse_version,
    split_list,
)
from ncbdesk.entrypoints.web.notice_form import NOTICE_FIELDS, notice_values, parse_notice
from ncbdesk.entrypoints.web.notice_lifecycle import detail_context, subjects
from ncbdesk.entrypoints.web.rendering import (
    Uow,
    form_values,
    pager,
    render,
    see_other,
    url,
)
from ncbdesk.services import notices as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import NoticeFilter

router = APIRouter(prefix="/notices", include_in_schema=False)

PAGE_SIZE = 50
Reader = Annotated[Actor, Depends(deps.requires(Permission.NOTICE_READ))]
Writer = Annotated[Actor, Depends(deps.requires(Permission.NOTICE_WRITE))]
EDITABLE = (NoticeStatus.DRAFT, NoticeStatus.REFUSED)  # mirrors services.notices, for display
Form = Annotated[FormValues, Depends(form_values)]
Choice = Annotated[str, Query(max_length=20)]


def _listing(
    request: Request,
    uow: Uow,
    actor: Actor,
    filters: dict[str, str],
    offset: int,
) -> dict[str, Any]:
    limit = min(PAGE_SIZE, deps.context(request).settings.page_size_max)
    type, status, kind, q = filters["type"], filters["status"], filters["kind"], filters["q"]
    f = NoticeFilter(
        type=filter_choice(NoticeType, type, "type"),
        status=filter_choice(NoticeStatus, status, "status"),
        kind=filter_choice(NoticeKind, kind, "kind"),
        text=q,
    )
    page = svc.list_notices(uow, actor, f, offset, limit)
    return {
        "page": page,
        "pager": pager("/notices", filters, page),
        "filters": filters,
        "types": list(NoticeType),
        "statuses": list(NoticeStatus),
        "kinds": list(NoticeKind),
        "page_url": url("/notices", {**filters, "offset": offset}),
    }


@router.get("")
def list_page(
    request: Request,
    uow: Uow,
    actor: Reader,
    type: Choice = "",
    status: Choice = "",
    kind: Choice = "",
    q: Annotated[str, Query(max_length=200)] = "",
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    return render(
        request,
        "notices/list.html",
        _listing(request, uow, actor, _filters(type, status, kind, q), offset),
        actor=actor,
    )


@router.get("/table")
def list_fragment(
    request: Request,
    uow: Uow,
    actor: Reader,
    type: Choice = "",
    status: Choice = "",
    kind: Choice = "",
    q: Annotated[str, Query(max_length=200)] = "",
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    context = _listing(request, uow, actor, _filters(type, status, kind, q), offset)
    if request.headers.get("hx-request") != "true":  # opened directly: the whole page
        return render(request, "notices/list.html", context, actor=actor)
    return render(
        request,
        "notices/_results.html",
        context,
        headers={"HX-Push-Url": context["page_url"]},
        actor=actor,
    )


def _filters(type: str, status: str, kind: str, q: str) -> dict[str, str]:
    return {"type": type, "status": status, "kind": kind, "q": q}


def _form(
    request: Request,
    uow: Uow,
    actor: Actor,
    state: FormState,
    notice: Notice | None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "notices/form.html",
        {
            "form": state,
            "notice": notice,
            "action": f"/notices/{notice.id}/edit" if notice else "/notices/new",
            "types": list(NoticeType),
            "kinds": list(NoticeKind),
            "subjects": subjects(uow, actor, split_list(state.value("subject_ids"))[:50]),
        },
        status=status,
        actor=actor,
    )


def _failed(
    request: Request,
    uow: Uow,
    actor: Actor,
    values: FormValues,
    notice: Notice | None,
    exc: ValidationFailed | Conflict,
) -> Response:
    details = exc if isinstance(exc, ValidationFailed) else None
    state = FormState.failed(values, NOTICE_FIELDS, details, exc.message)
    return _form(request, uow, actor, state, notice, exc.status)


@router.get("/new")
def new_form(
    request: Request, uow: Uow, actor: Writer, subject: Annotated[str, Query(max_length=64)] = ""
) -> Response:
    """Step 1 of the notice wizard; `?subject=<person id>` chooses the person (step 2)."""
    return wizard.render_step(request, uow, actor, {"subject_ids": subject} if subject else {}, 1)


@router.post("/new/step")
def new_step(request: Request, uow: Uow, actor: Writer, values: Form) -> Response:
    """Move between the wizard's steps; going forward checks the step being left."""
    kept = wizard.carried(values)
    current = _step_number(values.get("step", "1"))
    go = values.get("go", "")
    if go == "search":
        q = values.get("person_q", "")
        found = wizard.found_persons(uow, actor, q)
        return wizard.render_step(request, uow, actor, kept, 2, found=found, searched=q)
    if values.get("pick"):
        kept = {k: v for k, v in kept.items() if k not in wizard.NEW_PERSON}
        kept["subject_ids"] = values["pick"][:64]
        return wizard.render_step(request, uow, actor, kept, 2)
    target = _step_number(go)
    if target > current:
        if current == 1 and not kept.get("type"):
            return wizard.render_step(
                request, uow, actor, kept, 1, show_checks=True, status=422,
                message="Choose the type of notice first.",
            )  # fmt: skip
        draft = wizard.build(uow, actor, kept)
        if any(wizard.step_of(e.field) == current for e in draft.errors):
            return wizard.render_step(
                request, uow, actor, kept, current, status=422,
                message="Correct the fields marked below to go on.",
            )  # fmt: skip
    return wizard.render_step(request, uow, actor, kept, target, show_checks=current >= 3)


@router.post("/new/check")
def new_check(request: Request, uow: Uow, actor: Writer, values: Form) -> Response:
    """The current step's body again, with the checks beside its fields (for htmx)."""
    step = _step_number(values.get("step", "3"))
    return wizard.render_step(
        request, uow, actor, wizard.carried(values), step, show_checks=True, partial=True
    )


@router.post("/new")
def create(request: Request, uow: Uow, actor: Writer, values: Form) -> Response:
    """Save the wizard's notice as a draft, or save and submit it (`action=submit`)."""
    action = "submit" if values.get("action") == "submit" else "draft"
    return wizard.save(request, uow, actor, wizard.carried(values), action)


def _step_number(raw: str) -> int:
    try:
        return min(max(int(raw), 1), len(wizard.STEPS))
    except ValueError:
        return 1


@router.get("/{notice_id}")
def detail(request: Request, uow: Uow, actor: Reader, notice_id: str) -> Response:
    notice = svc.get_notice(uow, actor, notice_id)
    return render(request, "notices/detail.html", detail_context(uow, actor, notice), actor=actor)


@router.get("/{notice_id}/edit")
def edit_form(request: Request, uow: Uow, actor: Writer, notice_id: str) -> Response:
    notice = svc.get_notice(uow, actor, notice_id)
    return _form(request, uow, actor, FormState(values=notice_values(notice)), notice)


@router.post("/{notice_id}/edit")
def update(request: Request, uow: Uow, actor: Writer, notice_id: str, values: Form) -> Response:
    current = svc.get_notice(uow, actor, notice_id)
    try:
        changes = parse_notice(values, current.owner_bureau)
        # What the form does not edit stays as it was (the service replaces the content).
        changes.handling = current.handling
        changes.assessment = current.assessment
        changes.reviews = current.reviews
        svc.update_notice(uow, actor, notice_id, changes, parse_version(values))
    except (ValidationFailed, Conflict) as exc:
        return _failed(request, uow, actor, values, current, exc)
    return see_other(f"/notices/{notice_id}?done=updated")


@router.get("/{notice_id}/delete")
def confirm_delete(request: Request, uow: Uow, actor: Writer, notice_id: str) -> Response:
    notice = svc.get_notice(uow, actor, notice_id)
    return render(request, "notices/delete.html", {"notice": notice}, actor=actor)


@router.post("/{notice_id}/delete")
def delete(request: Request, uow: Uow, actor: Writer, notice_id: str) -> Response:
    svc.delete_notice(uow, actor, notice_id)
    return see_other("/notices?done=deleted")
