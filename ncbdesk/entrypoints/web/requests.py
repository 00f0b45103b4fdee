"""Request registry pages: the list with search and filters, my queue, what is due.

Times are stored in UTC and shown in the bureau's zone (settings.timezone); the
date filters are the bureau's calendar days. The registration form is in
`requests_form.py`, a request's page in `requests_detail.py`, the routing rules
in `requests_rules.py`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ncbdesk.adapters.storage import FolderStorage
from ncbdesk.domain.countries import clean_country
from ncbdesk.domain.country_codes import COUNTRIES
from ncbdesk.domain.errors import Problems, ValidationFailed
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.requests import (
    OPEN_STATUSES,
    Channel,
    Direction,
    Priority,
    RequestStatus,
    RequestType,
)
from ncbdesk.domain.requests import Request as RegistryRequest
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import FormState, country_choices
from ncbdesk.entrypoints.web.rendering import FLASH, Uow, pager, render, see_other, url
from ncbdesk.services import requests as svc
from ncbdesk.services import requests_rules as rules_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.requests_ports import RequestFilter

router = APIRouter(prefix="/requests", include_in_schema=False)

PAGE_SIZE = 50
DUE_LIMIT = 500  # rows of each deadline list; the totals count them all
Reader = Annotated[Actor, Depends(deps.requires(Permission.REQUEST_READ))]
Writer = Annotated[Actor, Depends(deps.requires(Permission.REQUEST_WRITE))]
Assigner = Annotated[Actor, Depends(deps.requires(Permission.REQUEST_ASSIGN))]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Short = Annotated[str, Query(max_length=100)]
E = TypeVar("E", bound=StrEnum)

TYPE_LABELS = {
    RequestType.WANTED_SEARCH: "wanted-person search",
    RequestType.IDENTITY_CHECK: "identity check",
    RequestType.DOCUMENT_CHECK: "document check",
    RequestType.INFORMATION: "information request",
    RequestType.MISSING_PERSON: "missing person",
    RequestType.EXTRADITION: "extradition matter",
    RequestType.NOTICE_REQUEST: "notice request",
    RequestType.OTHER: "other",
}
CHANNEL_LABELS = {
    Channel.I247: "I-24/7 message",
    Channel.DIFFUSION: "diffusion",
    Channel.AGENCY_LETTER: "national agency letter",
    Channel.EMAIL: "e-mail",
    Channel.OTHER: "other",
}
LABELS: dict[str, dict[Any, str]] = {
    "type": TYPE_LABELS,
    "channel": CHANNEL_LABELS,
    "direction": {d: d.value for d in Direction},
    "status": {s: s.value.replace("_", " ") for s in RequestStatus},
    "priority": {p: p.value for p in Priority},
}
# Fixed messages of the request pages; user text is never echoed.
REQUEST_FLASH = {
    "registered": "Registered.",
    "assigned": "Assigned.",
    "status": "Status changed.",
    "message": "Message added to the thread.",
    "escalated": "Overdue requests escalated.",
}


def choices(name: str) -> list[tuple[str, str]]:
    return [(k.value, v) for k, v in LABELS[name].items()]


def flash_of(request: Request) -> str:
    done = request.query_params.get("done", "")
    return REQUEST_FLASH.get(done) or FLASH.get(done, "")


def registry_config(request: Request) -> svc.RegistryConfig:
    return svc.RegistryConfig.from_settings(deps.context(request).settings)


def storage(request: Request) -> FolderStorage:
    """The attachment store the API uses too: keys only, never a user's file name."""
    return FolderStorage(deps.context(request).settings.data_dir / "attachments")


@dataclass(frozen=True)
class Deadlines:
    """Marks a row overdue or due soon, as of one moment for the whole page."""

    now: datetime
    soon: timedelta

    def state(self, r: RegistryRequest) -> str:
        if r.status not in OPEN_STATUSES or r.due_at is None:
            return ""
        if r.due_at < self.now:
            return "overdue"
        if r.due_at < self.now + self.soon:
            return "due-soon"
        return ""


def deadlines(request: Request) -> Deadlines:
    return Deadlines(utcnow(), timedelta(hours=registry_config(request).due_soon_hours))


def common(request: Request) -> dict[str, Any]:
    """What every request page's template uses."""
    return {"labels": LABELS, "deadlines": deadlines(request), "flash": flash_of(request)}


# -- the list ---------------------------------------------------------------

FILTERS = (
    "q",
    "type",
    "status",
    "direction",
    "country",
    "officer",
    "queue",
    "received_from",
    "received_to",
)


def _choice(enum: type[E], raw: str, name: str, p: Problems) -> E | None:
    if not raw:
        return None
    try:
        return enum(raw)
    except ValueError:
        p.add(name, f"'{raw[:40]}' is not one of the choices")
        return None


def _day_start(raw: str, name: str, zone: str, p: Problems, days: int = 0) -> datetime | None:
    """The start of a calendar day in the bureau's zone, in UTC."""
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw) + timedelta(days=days)
    except ValueError:
        p.add(name, f"'{raw[:40]}' is not a date (use YYYY-MM-DD)")
        return None
    return datetime.combine(day, time(), ZoneInfo(zone)).astimezone(UTC)


def parse_filter(filters: dict[str, str], zone: str) -> RequestFilter:
    """The list's query parameters as a RequestFilter, or ValidationFailed naming each."""
    p = Problems()
    country = filters["country"]
    if country:
        code = clean_country(country)
        if code is None:
            p.add("country", f"'{country[:40]}' is not a country code")
        country = code or ""
    received_from = _day_start(filters["received_from"], "received_from", zone, p)
    received_to = _day_start(filters["received_to"], "received_to", zone, p, days=1)
    if received_from and received_to and received_to <= received_from:
        p.add("received_to", "is before the first day")
    f = RequestFilter(
        text=filters["q"],
        type=_choice(RequestType, filters["type"], "type", p),
        status=_choice(RequestStatus, filters["status"], "status", p),
        direction=_choice(Direction, filters["direction"], "direction", p),
        country=country,
        assignee=filters["officer"],
        queue=filters["queue"],
        received_from=received_from,
        received_to=received_to,
    )
    p.raise_if_any("The filters are not valid.")
    return f


def _listing(
    request: Request, uow: Uow, actor: Actor, filters: dict[str, str], offset: int
) -> tuple[dict[str, Any], int]:
    settings = deps.context(request).settings
    limit = min(PAGE_SIZE, settings.page_size_max)
    context: dict[str, Any] = {
        **common(request),
        "filters": filters,
        "form": FormState(values=filters),
        "choices": {name: choices(name) for name in ("type", "status", "direction")},
        "countries": country_choices(COUNTRIES),
        "officers": svc.officers(uow, actor),
        "page_url": url("/requests", {**filters, "offset": offset}),
        "page": None,
        "pager": None,
    }
    try:
        f = parse_filter(filters, settings.timezone)
    except ValidationFailed as exc:
        context["form"] = FormState.failed(filters, FILTERS, exc, exc.message)
        return context, exc.status
    page = svc.list_requests(uow, actor, f, offset, limit)
    context["page"] = page
    context["pager"] = pager("/requests", filters, page)
    return context, 200


def _filters(**given: str) -> dict[str, str]:
    return {name: given.get(name, "").strip() for name in FILTERS}


@router.get("")
def list_page(
    request: Request,
    uow: Uow,
    actor: Reader,
    q: Annotated[str, Query(max_length=300)] = "",
    type: Short = "",
    status: Short = "",
    direction: Short = "",
    country: Short = "",
    officer: Short = "",
    queue: Annotated[str, Query(max_length=200)] = "",
    received_from: Short = "",
    received_to: Short = "",
    offset: Offset = 0,
) -> Response:
    """All requests, newest first; full text over requests and their messages."""
    filters = _filters(
        q=q,
        type=type,
        status=status,
        direction=direction,
        country=country,
        officer=officer,
        queue=queue,
        received_from=received_from,
        received_to=received_to,
    )
    context, status_code = _listing(request, uow, actor, filters, offset)
    if request.headers.get("hx-request") == "true" and request.headers.get("hx-target"):
        return render(
            request,
            "requests/_results.html",
            context,
            status=status_code,
            headers={"HX-Push-Url": context["page_url"]},
            actor=actor,
        )
    return render(request, "requests/list.html", context, status=status_code, actor=actor)


# -- my queue ---------------------------------------------------------------


def _queue_names(uow: Uow, actor: Actor) -> list[str]:
    """The team queues the routing rules send requests to."""
    return sorted({r.queue for r in rules_svc.list_rules(uow, actor) if r.queue})


@router.get("/mine")
def my_queue(
    request: Request,
    uow: Uow,
    actor: Reader,
    officer: Short = "",
    queue: Annotated[str, Query(max_length=200)] = "",
    offset: Offset = 0,
) -> Response:
    """Requests in hand, most urgent first: mine, a colleague's (supervisor), or a team queue's."""
    limit = min(PAGE_SIZE, deps.context(request).settings.page_size_max)
    page = svc.queue(uow, actor, officer or None, queue, offset, limit)
    params = {"officer": officer, "queue": queue}
    whose = f"queue {queue}" if queue else (officer or actor.username)
    return render(
        request,
        "requests/mine.html",
        {
            **common(request),
            "page": page,
            "pager": pager("/requests/mine", params, page),
            "whose": whose,
            "officer": officer,
            "queue": queue,
            "queues": _queue_names(uow, actor),
            "officers": svc.officers(uow, actor) if actor.can(Permission.REQUEST_ASSIGN) else [],
        },
        actor=actor,
    )


# -- due soon and overdue -----------------------------------------------------


@router.get("/due")
def due(request: Request, uow: Uow, actor: Reader, officer: Short = "") -> Response:
    """Overdue and due-soon requests: an officer's own; any officer's or all for a supervisor."""
    supervisor = actor.can(Permission.REQUEST_ASSIGN)
    whose = officer or (None if supervisor else actor.username)
    config = registry_config(request)
    now = utcnow()
    overdue = svc.deadline_list(uow, actor, "overdue", whose, config, now, 0, DUE_LIMIT)
    soon = svc.deadline_list(uow, actor, "due_soon", whose, config, now, 0, DUE_LIMIT)
    by_officer: Counter[str] = Counter()
    soon_by_officer: Counter[str] = Counter()
    for r in overdue.items:
        by_officer[r.assignee or ""] += 1
    for r in soon.items:
        soon_by_officer[r.assignee or ""] += 1
    people = sorted(set(by_officer) | set(soon_by_officer), key=lambda n: (n == "", n))
    return render(
        request,
        "requests/due.html",
        {
            **common(request),
            "overdue": overdue,
            "soon": soon,
            "whose": whose,
            "officer": officer,
            "supervisor": supervisor,
            "officers": svc.officers(uow, actor) if supervisor else [],
            "per_officer": [(n, by_officer[n], soon_by_officer[n]) for n in people],
            "not_escalated": sum(1 for r in overdue.items if r.escalated_at is None),
            "soon_hours": config.due_soon_hours,
            "shown": DUE_LIMIT,
        },
        actor=actor,
    )


@router.post("/escalate")
def escalate(request: Request, uow: Uow, actor: Assigner) -> Response:
    """Mark every open overdue request not yet escalated (each one audited)."""
    svc.escalate_overdue(uow, actor)
    return see_other("/requests/due?done=escalated")
