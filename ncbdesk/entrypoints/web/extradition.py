"""Extradition in the web: the board by stage, a case's timeline and deadlines, the forms.

The board groups open cases by their furthest stage, each card with the days
left to its next deadline (overdue ones marked); closed cases follow. A case's
page shows its stages in date order and every deadline its legal basis sets
(name, due day in the bureau's zone, the rule's text), and offers the owning
bureau's officers the next stage and the outcome. Dates are the bureau's
calendar days (settings.timezone), as the services count them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ncbdesk.domain.country_codes import COUNTRIES
from ncbdesk.domain.errors import Conflict, FieldError, NotFound, Problems, ValidationFailed
from ncbdesk.domain.extradition import (
    TREATIES,
    CaseOutcome,
    Deadline,
    Direction,
    ExtraditionCase,
    Stage,
)
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import (
    FormState,
    FormValues,
    choice_value,
    country_choices,
    date_value,
    parse_version,
    text_value,
)
from ncbdesk.entrypoints.web.rendering import Uow, form_values, render, see_other
from ncbdesk.services import extradition as svc
from ncbdesk.services import hits as hit_svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import CaseFilter

router = APIRouter(prefix="/extradition", include_in_schema=False)

Reader = Annotated[Actor, Depends(deps.requires(Permission.EXTRADITION_READ))]
Writer = Annotated[Actor, Depends(deps.requires(Permission.EXTRADITION_WRITE))]
Form = Annotated[FormValues, Depends(form_values)]
BOARD_OPEN_MAX = 500  # a large bureau has some 90 new cases a year
BOARD_CLOSED = 25
FLASH = {
    "created": "The case is open.",
    "stage": "Stage recorded.",
    "outcome": "Outcome recorded; the case is closed.",
}
CASE_FIELDS = (
    "direction",
    "legal_basis",
    "person_name",
    "person_id",
    "notice_id",
    "hit_id",
    "warrant_reference",
    "offence",
    "requesting_state",
    "requested_state",
    "arrest_on",
)


def _today(request: Request) -> date:
    return svc.today_in(deps.context(request).settings.timezone)


def _zone(request: Request) -> str:
    return deps.context(request).settings.timezone


@dataclass(frozen=True)
class Card:
    case: ExtraditionCase
    next: Deadline | None
    days_left: int | None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


@dataclass
class Column:
    stage: Stage | None
    label: str
    cards: list[Card] = field(default_factory=list)


def stage_label(stage: Stage | None) -> str:
    return stage.value.replace("_", " ").capitalize() if stage else "Opened, no stage yet"


def _card(case: ExtraditionCase, today: date) -> Card:
    nxt = case.next_deadline(today)
    return Card(case, nxt, nxt.days_left(today) if nxt else None)


@router.get("")
def board(
    request: Request,
    uow: Uow,
    actor: Reader,
    direction: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    """Open cases by stage (most urgent first within one), then the latest closed."""
    chosen: Direction | None = None
    if direction:
        try:
            chosen = Direction(direction)
        except ValueError:
            raise ValidationFailed(
                "The filter is not valid.",
                [FieldError("direction", "inbound or outbound")],
            ) from None
    today = _today(request)
    page = svc.list_cases(uow, actor, CaseFilter(direction=chosen, open=True), 0, BOARD_OPEN_MAX)
    closed = svc.list_cases(uow, actor, CaseFilter(direction=chosen, open=False), 0, BOARD_CLOSED)
    columns = {s: Column(s, stage_label(s)) for s in [None, *Stage]}
    for case in page.items:
        columns[case.current_stage].cards.append(_card(case, today))
    for col in columns.values():
        col.cards.sort(key=lambda c: (c.days_left is None, c.days_left or 0, c.case.person_name))
    return render(
        request,
        "extradition/board.html",
        {
            "columns": [c for c in columns.values() if c.cards],
            "open_total": page.total,
            "shown": len(page.items),
            "closed": closed,
            "direction": direction,
            "today": today,
            "treaties": TREATIES,
        },
        actor=actor,
    )


def _form(request: Request, actor: Actor, state: FormState, status: int = 200) -> Response:
    return render(
        request,
        "extradition/new.html",
        {
            "form": state,
            "directions": [(d.value, d.value) for d in Direction],
            "treaties": [(t.id, t.title) for t in TREATIES.values()],
            "countries": country_choices(COUNTRIES),
        },
        status=status,
        actor=actor,
    )


@router.get("/new")
def new_form(
    request: Request,
    uow: Uow,
    actor: Writer,
    hit_id: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """A blank case; from a confirmed hit (`?hit_id=`) an inbound one naming it."""
    values = {"direction": Direction.INBOUND.value, "legal_basis": "ece"}
    if hit_id:
        view = hit_svc.get_hit(uow, actor, hit_id, purpose="open an extradition case")
        values["hit_id"] = view.hit.id
        if view.notice is not None:
            values["requesting_state"] = view.notice.owner_bureau
            values["notice_id"] = view.notice.id
        if view.subject is not None:
            values["person_name"] = view.subject.display_name
    return _form(request, actor, FormState(values=values))


def parse_case(values: FormValues, p: Problems) -> tuple[ExtraditionCase, date | None]:
    direction = choice_value(values, "direction", Direction, Direction.INBOUND, p)
    case = ExtraditionCase(
        direction=direction,
        person_name=text_value(values, "person_name"),
        requesting_state=text_value(values, "requesting_state").upper(),
        requested_state=text_value(values, "requested_state").upper(),
        legal_basis=text_value(values, "legal_basis"),
        person_id=text_value(values, "person_id") or None,
        notice_id=text_value(values, "notice_id") or None,
        hit_id=text_value(values, "hit_id") or None,
        warrant_reference=text_value(values, "warrant_reference"),
        offence=text_value(values, "offence"),
    )
    return case, date_value(values, "arrest_on", p)


@router.post("/new")
def create(request: Request, uow: Uow, actor: Writer, values: Form) -> Response:
    zone = _zone(request)
    try:
        p = Problems()
        case, arrest_on = parse_case(values, p)
        p.raise_if_any("The case is not valid.")
        stages = [svc.StageInput(Stage.PROVISIONAL_ARREST, arrest_on)] if arrest_on else []
        case = svc.create_case(uow, actor, case, stages, zone)
    except (ValidationFailed, Conflict, NotFound) as exc:
        details = exc if isinstance(exc, ValidationFailed) else None
        state = FormState.failed(values, CASE_FIELDS, details, exc.message)
        return _form(request, actor, state, exc.status)
    return see_other(f"/extradition/{case.id}?done=created")


@dataclass
class Refusal:
    action: str  # stage or outcome
    message: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    values: FormValues = field(default_factory=dict)

    def error(self, action: str, name: str) -> list[str]:
        return self.fields.get(name, []) if action == self.action else []

    def value(self, action: str, name: str) -> str:
        return self.values.get(name, "") if action == self.action else ""


def next_stage(case: ExtraditionCase) -> Stage:
    """The stage an officer most likely records next: the first one after the furthest."""
    order = list(Stage)
    current = case.current_stage
    if current is None:
        return Stage.PROVISIONAL_ARREST
    later = order[order.index(current) + 1 :]
    if current == Stage.COURT_APPEARANCE:
        return Stage.CONSENT
    if current in (Stage.CONSENT, Stage.OPPOSITION):
        later = [s for s in later if s not in (Stage.CONSENT, Stage.OPPOSITION)]
    return later[0] if later else current


def _page(
    request: Request,
    uow: Uow,
    actor: Actor,
    case_id: str,
    failed: Refusal | None = None,
    status: int = 200,
) -> Response:
    case = svc.get_case(uow, actor, case_id)
    today = _today(request)
    owned = case.owner_bureau == actor.bureau
    context: dict[str, Any] = {
        "case": case,
        "today": today,
        "zone": _zone(request),
        "treaty": TREATIES.get(case.legal_basis),
        "deadlines": case.deadlines(today),
        "next": case.next_deadline(today),
        "owned": owned,
        "may_write": owned and actor.can(Permission.EXTRADITION_WRITE) and not case.closed,
        "stages": [(s.value, stage_label(s)) for s in Stage],
        "outcomes": [(o.value, o.value) for o in CaseOutcome],
        "suggested": next_stage(case).value,
        "stage_label": stage_label,
        "failed": failed,
    }
    if not failed:
        context["flash"] = FLASH.get(request.query_params.get("done", ""), "")
    return render(request, "extradition/detail.html", context, status=status, actor=actor)


@router.get("/{case_id}")
def detail(request: Request, uow: Uow, actor: Reader, case_id: str) -> Response:
    return _page(request, uow, actor, case_id)


def _refused(
    request: Request,
    uow: Uow,
    actor: Actor,
    case_id: str,
    action: str,
    exc: ValidationFailed | Conflict,
    values: FormValues,
) -> Response:
    failed = Refusal(action, exc.message, values=values)
    if isinstance(exc, ValidationFailed):
        for e in exc.errors:
            failed.fields.setdefault(e.field, []).append(e.message)
    return _page(request, uow, actor, case_id, failed, exc.status)


def _documents(values: FormValues) -> list[str]:
    return [line for line in text_value(values, "documents").splitlines() if line.strip()]


def _required_date(values: FormValues, p: Problems) -> date:
    on = date_value(values, "on", p)
    if on is None and not any(e.field == "on" for e in p.items):
        p.add("on", "give the date")
    return on or date.min


@router.post("/{case_id}/stages")
def record_stage(request: Request, uow: Uow, actor: Writer, case_id: str, values: Form) -> Response:
    """Record the stage on its day; recording it again corrects the date."""
    zone = _zone(request)
    try:
        p = Problems()
        stage = choice_value(values, "stage", Stage, Stage.HIT, p)
        if not text_value(values, "stage"):
            p.add("stage", "choose the stage")
        on = _required_date(values, p)
        version = parse_version(values)
        p.raise_if_any("The stage cannot be recorded.")
        svc.record_stage(
            uow,
            actor,
            case_id,
            stage,
            on,
            text_value(values, "note"),
            _documents(values),
            zone,
            version,
        )
    except (ValidationFailed, Conflict) as exc:
        return _refused(request, uow, actor, case_id, "stage", exc, values)
    return see_other(f"/extradition/{case_id}?done=stage")


@router.post("/{case_id}/outcome")
def record_outcome(
    request: Request, uow: Uow, actor: Writer, case_id: str, values: Form
) -> Response:
    """Close the case: surrendered, refused (with the reason), released or withdrawn."""
    try:
        p = Problems()
        if not text_value(values, "outcome"):
            p.add("outcome", "choose the outcome")
        outcome = choice_value(values, "outcome", CaseOutcome, CaseOutcome.RELEASED, p)
        on = _required_date(values, p)
        version = parse_version(values)
        p.raise_if_any("The outcome cannot be recorded.")
        svc.record_outcome(
            uow,
            actor,
            case_id,
            outcome,
            on,
            text_value(values, "reason"),
            _documents(values),
            version,
            _zone(request),
        )
    except (ValidationFailed, Conflict) as exc:
        return _refused(request, uow, actor, case_id, "outcome", exc, values)
    return see_other(f"/extradition/{case_id}?done=outcome")
