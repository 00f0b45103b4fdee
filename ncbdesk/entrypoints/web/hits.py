"""The hit queue and the hit page: the query beside the notice, confirm or discard.

The queue lists pending hits first. A hit's page shows the query as it was
received (or the person held here) beside the notice's subject, with the
engine's score and reasons, and offers the desk two forms: confirm (how the
identity was established) and discard (why not). A refused step re-renders the
page with the reason beside its form and changes nothing. Once confirmed, the
page links to the outgoing request that tells the owning bureau.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ncbdesk.adapters.ftm import person_to_ftm
from ncbdesk.domain.errors import Conflict, FieldError, ValidationFailed
from ncbdesk.domain.hits import ConfirmMethod, HitStatus
from ncbdesk.domain.notices import NoticeType
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import FormValues, filter_choice, text_value
from ncbdesk.entrypoints.web.rendering import Uow, form_values, pager, render, see_other, url
from ncbdesk.services import hits as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import HitFilter
from ncbdesk.services.requests import RegistryConfig

router = APIRouter(prefix="/hits", include_in_schema=False)

PAGE_SIZE = 50
Reader = Annotated[Actor, Depends(deps.requires(Permission.NOTICE_READ))]
Decider = Annotated[Actor, Depends(deps.requires(Permission.HIT_DECIDE))]
Form = Annotated[FormValues, Depends(form_values)]
Choice = Annotated[str, Query(max_length=20)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]

SOURCES = ("publish", "border", "api", "batch", "request", "officer")
FLASH = {
    "confirmed": "Confirmed. The owner's notification is ready for you to complete.",
    "discarded": "Discarded; the reason is recorded.",
}
# The properties shown side by side, in this order, with the reader's label
# (FollowTheMoney names, as the border systems send them); others follow.
PROPERTIES = (
    ("name", "Name"),
    ("alias", "Aliases"),
    ("firstName", "Given name"),
    ("lastName", "Family name"),
    ("fatherName", "Patronymic"),
    ("birthDate", "Date of birth"),
    ("birthPlace", "Place of birth"),
    ("nationality", "Nationality"),
    ("gender", "Sex"),
    ("passportNumber", "Passport"),
    ("idNumber", "Identity document"),
)


@dataclass(frozen=True)
class Row:
    label: str
    query: list[str]
    subject: list[str]

    @property
    def same(self) -> bool:
        """Both sides give the same values (case-blind): shown as agreeing."""
        return bool(self.query) and {v.casefold() for v in self.query} == {
            v.casefold() for v in self.subject
        }


def side_by_side(query: dict[str, Any], subject: dict[str, Any]) -> list[Row]:
    """The two sides' properties aligned, known ones first, empty on both sides left out."""
    labels = dict(PROPERTIES)
    keys = [k for k, _ in PROPERTIES] + sorted((set(query) | set(subject)) - set(labels))
    rows = []
    for key in keys:
        q = [str(v) for v in query.get(key) or []]
        s = [str(v) for v in subject.get(key) or []]
        if q or s:
            rows.append(Row(labels.get(key, key), q, s))
    return rows


@dataclass
class Refusal:
    """A refused confirm or discard: which form, the message, per-field errors, the input."""

    action: str
    message: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    values: FormValues = field(default_factory=dict)

    def error(self, action: str, name: str) -> list[str]:
        return self.fields.get(name, []) if action == self.action else []

    def value(self, action: str, name: str) -> str:
        return self.values.get(name, "") if action == self.action else ""


def _listing(
    request: Request, uow: Uow, actor: Actor, filters: dict[str, str], offset: int
) -> dict[str, Any]:
    limit = min(PAGE_SIZE, deps.context(request).settings.page_size_max)
    source = filters["source"]
    if source and source not in SOURCES:
        raise ValidationFailed(
            "The filter is not valid.", [FieldError("source", f"'{source}' is not a source")]
        )
    f = HitFilter(
        status=filter_choice(HitStatus, filters["status"], "status"),
        source=source,
        notice_type=filter_choice(NoticeType, filters["notice_type"], "notice_type"),
    )
    page = svc.hit_queue(uow, actor, f, offset, limit)
    return {
        "page": page,
        "pager": pager("/hits", filters, page),
        "filters": filters,
        "statuses": list(HitStatus),
        "sources": [(s, s) for s in SOURCES],
        "notice_types": list(NoticeType),
        "page_url": url("/hits", {**filters, "offset": offset}),
    }


def _filters(status: str, source: str, notice_type: str) -> dict[str, str]:
    return {"status": status, "source": source, "notice_type": notice_type}


@router.get("")
def queue_page(
    request: Request,
    uow: Uow,
    actor: Reader,
    status: Choice = "",
    source: Choice = "",
    notice_type: Choice = "",
    offset: Offset = 0,
) -> Response:
    """Pending hits first, then the decided ones, newest first; filters narrow it."""
    context = _listing(request, uow, actor, _filters(status, source, notice_type), offset)
    return render(request, "hits/list.html", context, actor=actor)


@router.get("/table")
def queue_fragment(
    request: Request,
    uow: Uow,
    actor: Reader,
    status: Choice = "",
    source: Choice = "",
    notice_type: Choice = "",
    offset: Offset = 0,
) -> Response:
    context = _listing(request, uow, actor, _filters(status, source, notice_type), offset)
    if request.headers.get("hx-request") != "true":  # opened directly: the whole page
        return render(request, "hits/list.html", context, actor=actor)
    headers = {"HX-Push-Url": context["page_url"]}
    return render(request, "hits/_results.html", context, headers=headers, actor=actor)


def _page(
    request: Request,
    uow: Uow,
    actor: Actor,
    hit_id: str,
    failed: Refusal | None = None,
    status: int = 200,
) -> Response:
    view = svc.get_hit(uow, actor, hit_id)
    hit = view.hit
    if view.person is not None:
        query_props: dict[str, Any] = person_to_ftm(view.person)["properties"]
    else:
        query_props = dict(hit.query.get("properties", {}))
    subject_props = person_to_ftm(view.subject)["properties"] if view.subject else {}
    notification = view.notification
    internal = notification is not None and notification.to_bureau == actor.bureau
    notice = view.notice
    context = {
        "view": view,
        "hit": hit,
        "notice": notice,
        "rows": side_by_side(query_props, subject_props),
        "query_name": svc.query_name(hit, view.person),
        "methods": list(ConfirmMethod),
        "failed": failed,
        "may_decide": actor.can(Permission.HIT_DECIDE) and hit.status == HitStatus.PENDING,
        "internal": internal,
        "bureau": actor.bureau,
        "may_open_case": (
            actor.can(Permission.EXTRADITION_WRITE)
            and hit.status == HitStatus.CONFIRMED
            and notice is not None
            and notice.type == NoticeType.RED
        ),
    }
    if not failed:
        context["flash"] = FLASH.get(request.query_params.get("done", ""), "")
    return render(request, "hits/detail.html", context, status=status, actor=actor)


@router.get("/{hit_id}")
def detail(request: Request, uow: Uow, actor: Reader, hit_id: str) -> Response:
    return _page(request, uow, actor, hit_id)


def _refused(
    request: Request,
    uow: Uow,
    actor: Actor,
    hit_id: str,
    action: str,
    exc: ValidationFailed | Conflict,
    values: FormValues,
) -> Response:
    failed = Refusal(action, exc.message, values=values)
    if isinstance(exc, ValidationFailed):
        for e in exc.errors:
            failed.fields.setdefault(e.field, []).append(e.message)
    return _page(request, uow, actor, hit_id, failed, exc.status)


@router.post("/{hit_id}/confirm")
def confirm(request: Request, uow: Uow, actor: Decider, hit_id: str, values: Form) -> Response:
    """Same person: the checked methods (at least one) and a note."""
    methods = [m for m in ConfirmMethod if values.get(f"method-{m.value}") == "on"]
    config = RegistryConfig.from_settings(deps.context(request).settings)
    try:
        note = text_value(values, "note")
        svc.confirm_hit(uow, actor, hit_id, methods, note, config)
    except (ValidationFailed, Conflict) as exc:
        return _refused(request, uow, actor, hit_id, "confirm", exc, values)
    return see_other(f"/hits/{hit_id}?done=confirmed")


@router.post("/{hit_id}/discard")
def discard(request: Request, uow: Uow, actor: Decider, hit_id: str, values: Form) -> Response:
    """Not the same person: the reason is required."""
    try:
        reason, note = text_value(values, "reason"), text_value(values, "note")
        svc.discard_hit(uow, actor, hit_id, reason, note)
    except (ValidationFailed, Conflict) as exc:
        return _refused(request, uow, actor, hit_id, "discard", exc, values)
    return see_other(f"/hits/{hit_id}?done=discarded")
