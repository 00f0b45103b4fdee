"""Exporting a list of requests as CSV, withholding what the owners' codes forbid.

The list is the one the filters select (as `GET /api/v1/requests`). A request
whose information belongs to another bureau whose handling codes forbid export
(H1: no passing on without permission) is withheld: its row says so and why,
with no content, and the refusal is in the audit trail, as for persons
(services.persons.export_persons).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from ncbdesk.domain.errors import FieldError, PermissionDenied, ValidationFailed
from ncbdesk.domain.requests import Request
from ncbdesk.domain.security import Permission, Use
from ncbdesk.services.access import authorize, check_handling, record
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import UnitOfWork
from ncbdesk.services.requests_ports import RequestFilter, RequestOrder, RequestPage

# One export is one file an analyst opens: beyond this the filters should narrow it.
MAX_EXPORT_ROWS = 100_000
BATCH = 1000

COLUMNS = (
    "id",
    "withheld",
    "owner_bureau",
    "information_owner",
    "handling_codes",
    "direction",
    "channel",
    "type",
    "priority",
    "status",
    "received_at",
    "due_at",
    "answered_at",
    "closed_at",
    "counterpart_country",
    "counterpart_agency",
    "reference",
    "assignee",
    "queue",
    "subject",
    "forwarded_from",
)
# Kept for a withheld request: who holds and owns it, its codes, and why.
WITHHELD_KEEPS = frozenset(
    {"id", "withheld", "owner_bureau", "information_owner", "handling_codes"}
)
# A cell a spreadsheet would run as a formula (CSV injection) starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class RequestExport:
    rows: list[tuple[Request, str]] = field(default_factory=list)  # (request, withheld reason)
    truncated: bool = False  # a full-text search lists only its newest matches

    @property
    def exported(self) -> int:
        return sum(1 for _, why in self.rows if not why)

    @property
    def withheld(self) -> int:
        return sum(1 for _, why in self.rows if why)


def export_requests(
    uow: UnitOfWork,
    actor: Actor,
    f: RequestFilter,
    max_rows: int = MAX_EXPORT_ROWS,
    purpose: str = "",
) -> RequestExport:
    """The requests the filter selects, newest first; withheld ones with their reason."""
    authorize(uow, actor, Permission.REQUEST_READ, "request.export", "request")
    authorize(uow, actor, Permission.EXPORT, "request.export", "request")
    run = RequestExport()
    with uow:
        first = uow.requests.list(f, 0, BATCH, RequestOrder.RECEIVED_DESC)
        if first.total > max_rows:
            raise ValidationFailed(
                f"{first.total} requests match; an export holds at most {max_rows}.",
                [FieldError("filters", "narrow them: dates, type, country, status")],
            )
        run.truncated = isinstance(first, RequestPage) and first.more
        page, offset = first, 0
        while page.items:
            for r in page.items:
                try:
                    check_handling(
                        uow, actor, r.handling, r.information_owner, Use.EXPORT, "request", r.id
                    )
                except PermissionDenied as exc:
                    run.rows.append((r, exc.message))
                    continue
                run.rows.append((r, ""))
            offset += len(page.items)
            if offset >= page.total:
                break
            page = uow.requests.list(f, offset, BATCH, RequestOrder.RECEIVED_DESC)
    record(
        uow,
        actor,
        "request.export",
        "request",
        purpose=purpose,
        query=f.text[:300],
        exported=run.exported,
        withheld=run.withheld,
    )
    return run


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _values(r: Request, why: str) -> dict[str, object]:
    return {
        "id": r.id,
        "withheld": why,
        "owner_bureau": r.owner_bureau,
        "information_owner": r.information_owner,
        "handling_codes": " ".join(c.value for c in r.handling.codes),
        "direction": r.direction.value,
        "channel": r.channel.value,
        "type": r.type.value,
        "priority": r.priority.value,
        "status": r.status.value,
        "received_at": r.received_at.isoformat(),
        "due_at": r.due_at.isoformat() if r.due_at else "",
        "answered_at": r.answered_at.isoformat() if r.answered_at else "",
        "closed_at": r.closed_at.isoformat() if r.closed_at else "",
        "counterpart_country": r.counterpart_country or "",
        "counterpart_agency": r.counterpart_agency,
        "reference": r.reference,
        "assignee": r.assignee or "",
        "queue": r.queue,
        "subject": r.subject,
        "forwarded_from": r.forwarded_from or "",
    }


def to_csv(run: RequestExport) -> str:
    """One row a request; a withheld one keeps only its id, holders, codes and reason."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for r, why in run.rows:
        values = _values(r, why)
        w.writerow(_cell(values[c]) if not why or c in WITHHELD_KEEPS else "" for c in COLUMNS)
    return out.getvalue()
