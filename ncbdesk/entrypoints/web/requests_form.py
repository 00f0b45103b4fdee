"""The registration form: a new request from the form's fields, errors beside each field.

Input names are the domain's field names, so a `FieldError` from the domain or
the service lands beside its input. Persons and notices are linked by their
record ids (`?person=<id>` or `?notice=<id>` fills them in from those pages).
After registering, the request's page says where routing put it and when it is due.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ncbdesk.domain.country_codes import COUNTRIES
from ncbdesk.domain.errors import Conflict, Problems, ValidationFailed
from ncbdesk.domain.persons import utcnow
from ncbdesk.domain.requests import Channel, Direction, Priority, RequestType
from ncbdesk.domain.requests import Request as RegistryRequest
from ncbdesk.domain.security import Handling, HandlingCode, Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.forms import (
    FormState,
    FormValues,
    IndexMap,
    choice_value,
    country_choices,
    split_list,
    text_value,
    validate_all,
)
from ncbdesk.entrypoints.web.rendering import LoadedIndex, Uow, form_values, render, see_other
from ncbdesk.entrypoints.web.requests import Writer, choices, common, registry_config
from ncbdesk.services import requests as svc
from ncbdesk.services.context import Actor

router = APIRouter(prefix="/requests", include_in_schema=False)

Form = Annotated[FormValues, Depends(form_values)]
MAX_LINKS = 50
HANDLING_FIELDS = tuple(f"handling.{c.value}" for c in HandlingCode)
REQUEST_FIELDS = (
    "direction",
    "channel",
    "type",
    "priority",
    "counterpart",
    "counterpart_country",
    "counterpart_agency",
    "reference",
    "subject",
    "body",
    "received_at",
    "due_at",
    "person_ids",
    "notice_ids",
    "assignee",
    "queue",
    "handling",
    *HANDLING_FIELDS,
    "handling.restrictions",
)


def _local_moment(values: Mapping[str, str], name: str, zone: str, p: Problems) -> datetime | None:
    """A `datetime-local` value, read as the bureau's wall clock; None when blank."""
    raw = text_value(values, name)
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        p.add(name, f"'{raw[:40]}' is not a date and time (YYYY-MM-DDTHH:MM)")
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def _ids(values: Mapping[str, str], name: str, p: Problems) -> list[str]:
    ids = list(dict.fromkeys(split_list(values.get(name, ""))))
    if len(ids) > MAX_LINKS:
        p.add(name, f"at most {MAX_LINKS} records")
    return ids[:MAX_LINKS]


def parse_request(values: Mapping[str, str], zone: str) -> RegistryRequest:
    """Build a Request from the form, or raise ValidationFailed with the form's field names."""
    p = Problems()
    for name in ("direction", "channel", "type"):
        if not text_value(values, name):
            p.add(name, "choose one")
    received = _local_moment(values, "received_at", zone, p)
    if received is not None and received > utcnow():
        p.add("received_at", "is in the future")
    request = RegistryRequest(
        direction=choice_value(values, "direction", Direction, Direction.INCOMING, p),
        channel=choice_value(values, "channel", Channel, Channel.I247, p),
        type=choice_value(values, "type", RequestType, RequestType.OTHER, p),
        priority=choice_value(values, "priority", Priority, Priority.NORMAL, p),
        subject=text_value(values, "subject"),
        body=values.get("body", "").strip(),
        counterpart_country=text_value(values, "counterpart_country").upper() or None,
        counterpart_agency=text_value(values, "counterpart_agency"),
        reference=text_value(values, "reference"),
        due_at=_local_moment(values, "due_at", zone, p),
        person_ids=_ids(values, "person_ids", p),
        notice_ids=_ids(values, "notice_ids", p),
        assignee=text_value(values, "assignee") or None,
        queue=text_value(values, "queue"),
        handling=Handling(
            [c for c in HandlingCode if text_value(values, f"handling.{c.value}")],
            values.get("handling.restrictions", "").strip(),
        ),
    )
    if received is not None:
        request.received_at = received
    if HandlingCode.OTHER in request.handling.codes and not request.handling.restrictions:
        p.add("handling.restrictions", "H2 needs the restrictions written out")
    message = "The request is not valid; nothing was registered."
    validate_all(p, request.validate, message, IndexMap())
    return request


def _form(
    request: Request, uow: Uow, actor: Actor, state: FormState, status: int = 200
) -> Response:
    supervisor = actor.can(Permission.REQUEST_ASSIGN)
    officers = svc.officers(uow, actor) if supervisor else [actor.username]
    return render(
        request,
        "requests/form.html",
        {
            **common(request),
            "form": state,
            "choices": {n: choices(n) for n in ("direction", "channel", "type", "priority")},
            "countries": country_choices(COUNTRIES),
            "officers": officers,
            "handling_codes": list(HandlingCode),
            "zone": deps.context(request).settings.timezone,
        },
        status=status,
        actor=actor,
    )


@router.get("/new")
def new_form(
    request: Request,
    uow: Uow,
    actor: Writer,
    person: Annotated[str, Query(max_length=64)] = "",
    notice: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """A blank form; `?person=` or `?notice=` links the record it was opened from."""
    values = {"priority": Priority.NORMAL.value, "person_ids": person, "notice_ids": notice}
    return _form(request, uow, actor, FormState(values=values))


@router.post("/new")
def register(
    request: Request, uow: Uow, actor: Writer, values: Form, index: LoadedIndex
) -> Response:
    zone = deps.context(request).settings.timezone
    try:
        parsed = parse_request(values, zone)
        created, rule = svc.register_routed(uow, actor, parsed, registry_config(request), index)
    except (ValidationFailed, Conflict) as exc:
        details = exc if isinstance(exc, ValidationFailed) else None
        state = FormState.failed(values, REQUEST_FIELDS, details, exc.message)
        return _form(request, uow, actor, state, exc.status)
    routed = f"&rule={rule.id}" if rule else ""
    return see_other(f"/requests/{created.id}?done=registered{routed}")
