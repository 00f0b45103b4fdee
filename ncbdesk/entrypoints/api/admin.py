"""/api/v1/me and /api/v1/audit."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from ncbdesk.adapters.db.engine import SqlUnitOfWork
from ncbdesk.domain.audit import AuditEntry
from ncbdesk.domain.security import Permission
from ncbdesk.entrypoints import deps
from ncbdesk.entrypoints.api.schemas import PageOut
from ncbdesk.services import audit as svc
from ncbdesk.services.context import Actor
from ncbdesk.services.ports import AuditFilter

router = APIRouter(tags=["accounts and audit"])
Uow = Annotated[SqlUnitOfWork, Depends(deps.uow)]
Auditor = Annotated[Actor, Depends(deps.requires(Permission.AUDIT_READ))]


class MeOut(BaseModel):
    username: str
    bureau: str
    roles: list[str]
    permissions: list[str]
    via_token: bool


class AuditEntryOut(BaseModel):
    seq: int
    at: datetime
    actor: str
    bureau: str
    action: str
    object_type: str
    object_id: str
    outcome: str
    purpose: str
    source: str
    details: dict[str, object]
    hash: str

    @classmethod
    def from_domain(cls, e: AuditEntry) -> AuditEntryOut:
        return cls(
            seq=e.seq, at=e.at, actor=e.actor, bureau=e.bureau, action=e.action,
            object_type=e.object_type, object_id=e.object_id, outcome=e.outcome.value,
            purpose=e.purpose, source=e.source, details=e.details, hash=e.hash,
        )  # fmt: skip


class VerifyOut(BaseModel):
    entries: int
    intact: bool
    problems: list[str]


@router.get("/me", response_model=MeOut)
def me(actor: Annotated[Actor, Depends(deps.signed_in)]) -> MeOut:
    return MeOut(
        username=actor.username,
        bureau=actor.bureau,
        roles=sorted(r.value for r in actor.roles),
        permissions=sorted(p.value for p in actor.permissions),
        via_token=actor.via_token,
    )


def _filter(
    actor: str = "",
    action: str = "",
    object_id: str = "",
    outcome: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> AuditFilter:
    return AuditFilter(actor, action, object_id, outcome, since, until)


@router.get("/audit", response_model=PageOut[AuditEntryOut])
def audit(
    uow: Uow,
    who: Auditor,
    f: Annotated[AuditFilter, Depends(_filter)],
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> PageOut[AuditEntryOut]:
    page = svc.list_entries(uow, who, f, offset, limit)
    return PageOut(
        items=[AuditEntryOut.from_domain(e) for e in page.items],
        total=page.total,
        offset=page.offset,
        limit=page.limit,
    )


@router.get("/audit/export.csv")
def audit_export(uow: Uow, who: Auditor) -> StreamingResponse:
    entries = svc.export_entries(uow, who)

    def rows() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["seq", "at", "actor", "bureau", "action", "object_type", "object_id",
                         "outcome", "purpose", "source", "prev_hash", "hash"])  # fmt: skip
        for e in entries:
            writer.writerow([e.seq, e.at.isoformat(), e.actor, e.bureau, e.action,
                             e.object_type, e.object_id, e.outcome.value, e.purpose, e.source,
                             e.prev_hash, e.hash])  # fmt: skip
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="audit.csv"'},
    )


@router.get("/audit/verify", response_model=VerifyOut)
def audit_verify(uow: Uow, who: Auditor) -> VerifyOut:
    count, problems = svc.verify(uow.audit)
    return VerifyOut(entries=count, intact=not problems, problems=[str(p) for p in problems])
