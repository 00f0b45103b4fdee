"""The audit trail for supervisors and administrators: filter, page, export, verify."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ncbdesk.domain.audit import Outcome
from ncbdesk.domain.errors import Problems
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.web.rendering import Uow, pager, render, url
from ncbdesk.services import audit as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter

router = APIRouter(prefix="/audit", include_in_schema=False)

PAGE_SIZE = 50
Auditor = Annotated[Actor, Depends(deps.requires(Permission.AUDIT_READ))]
Text = Annotated[str, Query(max_length=100)]
# An action prefix is what actions look like (`person`, `notice.read`, `login`). The
# store matches it with LIKE, so `%` and a leading `_` would match everything.
ACTION = re.compile(r"^[a-z][a-z0-9_.]*$")


def _day(raw: str, name: str, p: Problems) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        p.add(name, f"'{raw[:20]}' is not a date (use YYYY-MM-DD)")
        return None


def _filter(values: dict[str, str]) -> AuditFilter:
    """The filter from the query; every problem reported at once (422)."""
    p = Problems()
    action = values["action"]
    if action and not ACTION.match(action):
        p.add("action", "an action or its start: lower-case letters, digits, '.' and '_'")
    outcome = values["outcome"]
    if outcome and outcome not in {o.value for o in Outcome}:
        p.add("outcome", f"'{outcome[:20]}' is not one of the choices")
    since = _day(values["since"], "since", p)
    until = _day(values["until"], "until", p)
    if since and until and until < since:
        p.add("until", "is before the start date")
    p.raise_if_any("The filter is not valid.")
    return AuditFilter(
        actor=values["actor"].strip().lower(),
        action=action,
        object_id=values["object_id"].strip(),
        outcome=outcome,
        since=datetime.combine(since, time.min, UTC) if since else None,
        # The whole last day: the store's bound is exclusive.
        until=datetime.combine(until + timedelta(days=1), time.min, UTC) if until else None,
    )


@router.get("")
def audit_page(
    request: Request,
    uow: Uow,
    actor: Auditor,
    who: Text = "",
    action: Text = "",
    object_id: Text = "",
    outcome: Annotated[str, Query(max_length=20)] = "",
    since: Annotated[str, Query(max_length=20)] = "",
    until: Annotated[str, Query(max_length=20)] = "",
    offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
) -> Response:
    """Newest first. `who` is the actor filter (`actor` would read as the caller)."""
    filters = {
        "who": who,
        "action": action,
        "object_id": object_id,
        "outcome": outcome,
        "since": since,
        "until": until,
    }
    f = _filter({**filters, "actor": who})
    page = svc.list_entries(uow, actor, f, offset, PAGE_SIZE)
    return render(
        request,
        "audit/list.html",
        {
            "page": page,
            "pager": pager("/audit", filters, page),
            "filters": filters,
            "outcomes": [o.value for o in Outcome],
            "page_url": url("/audit", {**filters, "offset": offset}),
        },
        actor=actor,
    )


@router.get("/verify")
def verify(request: Request, uow: Uow, actor: Auditor) -> Response:
    """Walk the whole hash chain and say whether any entry was edited, removed or moved."""
    count, problems = svc.verify(uow.audit)
    return render(
        request,
        "audit/verify.html",
        {"entries": count, "problems": [str(p) for p in problems]},
        actor=actor,
    )
