"""A person's access, correction or deletion request: register, find the records, report,
correct or delete, close. The procedure is docs/data-subject-requests.md.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ncbdesk.adapters.ftm import person_to_ftm
from ncbdesk.domain.errors import Conflict, Problems, ValidationFailed
from ncbdesk.domain.rights import RightsKind, RightsOutcome, SubjectRequest
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import FormState, FormValues, text_value
from ncbdesk.entrypoints.web.rendering import (
    LoadedIndex,
    Uow,
    form_values,
    pager,
    render,
    see_other,
    url,
)
from ncbdesk.matching import ScreeningIndex
from ncbdesk.services import rights as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.screening import ScreeningHit

router = APIRouter(prefix="/rights", include_in_schema=False)

PAGE_SIZE = 50
Officer = Annotated[Actor, Depends(deps.requires(Permission.RETENTION_MANAGE))]
Form = Annotated[FormValues, Depends(form_values)]
Index = Annotated[ScreeningIndex, Depends(deps.index)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
NEW_FIELDS = (
    "kind",
    "requester",
    "subject_name",
    "subject_birth_date",
    "identity_checks",
    "received_on",
    "details",
)


@router.get("")
def list_page(
    request: Request, uow: Uow, actor: Officer, all: bool = False, offset: Offset = 0
) -> Response:
    page = svc.list_requests(uow, actor, open_only=not all, offset=offset, limit=PAGE_SIZE)
    return render(
        request,
        "rights/list.html",
        {
            "page": page,
            "pager": pager("/rights", {"all": int(all)}, page),
            "all": all,
            "today": date.today(),
        },
        actor=actor,
    )


def _new_page(request: Request, actor: Actor, form: FormState, status: int = 200) -> Response:
    deadline = request.app.state.ctx.settings.subject_request_days
    return render(
        request,
        "rights/form.html",
        {"form": form, "kinds": list(RightsKind), "deadline_days": deadline},
        status=status,
        actor=actor,
    )


@router.get("/new")
def new_form(request: Request, actor: Officer) -> Response:
    return _new_page(request, actor, FormState(values={"received_on": date.today().isoformat()}))


@router.post("/new")
def create(request: Request, uow: Uow, actor: Officer, values: Form) -> Response:
    p = Problems()
    kind: RightsKind | None = None
    try:
        kind = svc.parse_kind(text_value(values, "kind"))
    except ValidationFailed as exc:
        p.extend(exc.errors)
    received = text_value(values, "received_on")
    received_on: date | None = None
    try:
        received_on = date.fromisoformat(received)
    except ValueError:
        p.add("received_on", f"'{received[:20]}' is not a date (use YYYY-MM-DD)")
    requester, subject_name, birth_date, checks, details = (
        text_value(values, name)
        for name in ("requester", "subject_name", "subject_birth_date", "identity_checks",
                     "details")
    )  # fmt: skip
    try:
        if p:
            # Check the other fields too, so that every problem shows at once.
            probe = SubjectRequest(kind=RightsKind.ACCESS, bureau=actor.bureau,
                                   received_on=received_on or date.today(),
                                   due_on=date.today(), requester=requester,
                                   subject_name=subject_name, subject_birth_date=birth_date,
                                   identity_checks=checks, details=details)  # fmt: skip
            try:
                probe.validate(date.today())
            except ValidationFailed as exc:
                p.extend(e for e in exc.errors if e.field != "received_on")
            p.raise_if_any("The request is not valid.")
        assert kind is not None and received_on is not None
        made = svc.register(
            uow,
            actor,
            kind=kind,
            received_on=received_on,
            deadline_days=request.app.state.ctx.settings.subject_request_days,
            requester=requester,
            subject_name=subject_name,
            subject_birth_date=birth_date,
            identity_checks=checks,
            details=details,
        )
    except ValidationFailed as exc:
        state = FormState.failed(values, NEW_FIELDS, exc, exc.message)
        return _new_page(request, actor, state, status=422)
    return see_other(f"/rights/{made.id}?done=created")


def _detail(
    request: Request,
    uow: Uow,
    actor: Actor,
    item: SubjectRequest,
    *,
    candidates: list[ScreeningHit] | None = None,
    failed: str = "",
    form: FormState | None = None,
    status: int = 200,
) -> Response:
    linked = {p.id: p for p in uow_persons(uow, item.person_ids)}
    return render(
        request,
        "rights/detail.html",
        {
            "item": item,
            "today": date.today(),
            "linked": [(pid, linked.get(pid)) for pid in item.person_ids],
            "candidates": candidates,
            "outcomes": list(RightsOutcome),
            "failed": failed,
            "form": form or FormState(),
            "bureau": actor.bureau,
        },
        status=status,
        actor=actor,
    )


def uow_persons(uow: Uow, ids: list[str]) -> list[Any]:
    """The linked persons still held (a deleted one is gone; its id stays in the steps)."""
    if not ids:
        return []
    with uow:
        return list(uow.persons.get_many(ids))


@router.get("/{request_id}")
def detail(request: Request, uow: Uow, actor: Officer, request_id: str) -> Response:
    return _detail(request, uow, actor, svc.get_request(uow, actor, request_id))


@router.get("/{request_id}/find")
def find(request: Request, uow: Uow, actor: Officer, request_id: str, index: Index) -> Response:
    """The screening engine's candidates for the person, to link those about them."""
    candidates = svc.find_records(uow, actor, request_id, index)
    item = svc.get_request(uow, actor, request_id)
    return _detail(request, uow, actor, item, candidates=candidates)


def _step(
    request: Request, uow: Uow, actor: Actor, request_id: str, action: str, run: Any
) -> Response:
    """Run a step; a refused one shows the request again with the reason by its form."""
    try:
        run()
    except (ValidationFailed, Conflict) as exc:
        item = svc.get_request(uow, actor, request_id)
        state = FormState.failed({}, (), exc if isinstance(exc, ValidationFailed) else None,
                                 exc.message)  # fmt: skip
        return _detail(request, uow, actor, item, failed=action, form=state, status=422)
    return see_other(f"/rights/{request_id}?done=updated")


@router.post("/{request_id}/link")
def link(request: Request, uow: Uow, actor: Officer, request_id: str, values: Form) -> Response:
    pid = text_value(values, "person_id")
    return _step(request, uow, actor, request_id, "link",
                 lambda: svc.link_record(uow, actor, request_id, pid))  # fmt: skip


@router.post("/{request_id}/unlink")
def unlink(request: Request, uow: Uow, actor: Officer, request_id: str, values: Form) -> Response:
    pid = text_value(values, "person_id")
    return _step(request, uow, actor, request_id, "unlink",
                 lambda: svc.unlink_record(uow, actor, request_id, pid))  # fmt: skip


@router.post("/{request_id}/correction")
def correction(
    request: Request, uow: Uow, actor: Officer, request_id: str, values: Form
) -> Response:
    pid, note = text_value(values, "person_id"), text_value(values, "note")
    return _step(request, uow, actor, request_id, "correction",
                 lambda: svc.record_correction(uow, actor, request_id, pid, note))  # fmt: skip


@router.post("/{request_id}/delete-record")
def delete_record(
    request: Request,
    uow: Uow,
    actor: Officer,
    request_id: str,
    values: Form,
    index: LoadedIndex,
) -> Response:
    pid = text_value(values, "person_id")
    return _step(request, uow, actor, request_id, "delete",
                 lambda: svc.delete_record(uow, actor, request_id, pid, index))  # fmt: skip


@router.post("/{request_id}/note")
def note(request: Request, uow: Uow, actor: Officer, request_id: str, values: Form) -> Response:
    text = text_value(values, "note")
    return _step(request, uow, actor, request_id, "note",
                 lambda: svc.add_note(uow, actor, request_id, text))  # fmt: skip


@router.post("/{request_id}/close")
def close(request: Request, uow: Uow, actor: Officer, request_id: str, values: Form) -> Response:
    def run() -> None:
        outcome = svc.parse_outcome(text_value(values, "outcome"))
        svc.close_request(uow, actor, request_id, outcome, text_value(values, "note"))

    return _step(request, uow, actor, request_id, "close", run)


@router.get("/{request_id}/report")
def report(request: Request, uow: Uow, actor: Officer, request_id: str) -> Response:
    made = svc.access_report(uow, actor, request_id)
    return render(
        request,
        "rights/report.html",
        {"report": made, "download": url(f"/rights/{request_id}/report.json", {})},
        actor=actor,
    )


def report_json(made: svc.AccessReport) -> dict[str, Any]:
    """The access report as a file for the person's answer: FtM entities for the persons."""
    r = made.request
    return {
        "request": {
            "id": r.id,
            "kind": r.kind.value,
            "subject_name": r.subject_name,
            "received_on": r.received_on.isoformat(),
            "due_on": r.due_on.isoformat(),
        },
        "bureau": made.bureau,
        "produced_by": made.produced_by,
        "produced_on": date.today().isoformat(),
        "records": [
            {
                "id": rec.person_id,
                "person": person_to_ftm(rec.person) if rec.person else None,
                "owner_bureau": rec.owner_bureau,
                "review_on": rec.person.review_on.isoformat()
                if rec.person and rec.person.review_on
                else None,
                "handling": rec.person.handling.labels() if rec.person else [],
                "notices": [
                    {
                        "id": n.id,
                        "type": n.type.value,
                        "kind": n.kind.value,
                        "title": n.title,
                        "status": n.status.value,
                        "reference": n.reference,
                        "valid_until": n.valid_until.isoformat() if n.valid_until else None,
                    }
                    for n in rec.notices
                ],
            }
            for rec in made.shown
        ],
        "withheld": [
            {"id": w.person_id, "owner_bureau": w.owner_bureau, "reason": w.withheld_reason}
            for w in made.withheld
        ],
    }


@router.get("/{request_id}/report.json")
def report_download(uow: Uow, actor: Officer, request_id: str) -> Response:
    made = svc.access_report(uow, actor, request_id)
    body = json.dumps(report_json(made), ensure_ascii=False, indent=2)
    return Response(
        body,
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="access-report-{request_id}.json"'},
    )
