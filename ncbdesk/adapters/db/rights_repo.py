"""Data-subject requests and the retention queries (records due for review)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from ncbdesk.adapters.db.mappers import aware
from ncbdesk.adapters.db.tables import persons, subject_requests
from ncbdesk.domain.errors import Conflict
from ncbdesk.domain.rights import RightsKind, RightsOutcome, Step, StepKind, SubjectRequest
from ncbdesk.services.ports import Page


def _steps(request: SubjectRequest) -> list[dict[str, str]]:
    return [
        {
            "at": s.at.isoformat(),
            "by": s.by,
            "kind": s.kind.value,
            "note": s.note,
            "record_id": s.record_id,
        }
        for s in request.steps
    ]


def _row(r: SubjectRequest) -> dict[str, Any]:
    return {
        "id": r.id,
        "bureau": r.bureau,
        "kind": r.kind.value,
        "requester": r.requester,
        "subject_name": r.subject_name,
        "subject_birth_date": r.subject_birth_date,
        "identity_checks": r.identity_checks,
        "details": r.details,
        "received_on": r.received_on,
        "due_on": r.due_on,
        "person_ids": list(r.person_ids),
        "steps": _steps(r),
        "outcome": r.outcome.value if r.outcome else None,
        "outcome_note": r.outcome_note,
        "closed_on": r.closed_on,
        "registered_by": r.registered_by,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
        "version": r.version,
    }


def _request(row: Any) -> SubjectRequest:
    return SubjectRequest(
        id=row.id,
        kind=RightsKind(row.kind),
        bureau=row.bureau,
        requester=row.requester,
        subject_name=row.subject_name,
        subject_birth_date=row.subject_birth_date,
        identity_checks=row.identity_checks,
        details=row.details,
        received_on=row.received_on,
        due_on=row.due_on,
        person_ids=list(row.person_ids or []),
        steps=[
            Step(
                aware(datetime.fromisoformat(s["at"])),
                s["by"],
                StepKind(s["kind"]),
                s.get("note", ""),
                s.get("record_id", ""),
            )
            for s in row.steps or []
        ],
        outcome=RightsOutcome(row.outcome) if row.outcome else None,
        outcome_note=row.outcome_note,
        closed_on=row.closed_on,
        registered_by=row.registered_by,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        version=row.version,
    )


class SqlSubjectRequestRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, request: SubjectRequest) -> None:
        self.conn.execute(insert(subject_requests).values(**_row(request)))

    def get(self, request_id: str) -> SubjectRequest | None:
        row = self.conn.execute(
            select(subject_requests).where(subject_requests.c.id == request_id)
        ).first()
        return _request(row) if row else None

    def update(self, request: SubjectRequest) -> None:
        """Store the request at `version + 1`; Conflict if someone saved it meanwhile."""
        c = subject_requests.c
        values = _row(request)
        values["version"] = request.version + 1
        done = self.conn.execute(
            update(subject_requests)
            .where(c.id == request.id, c.version == request.version)
            .values(**values)
        )
        if done.rowcount != 1:
            raise Conflict("The request was changed by someone else meanwhile; reload it.")
        request.version += 1

    def list(self, bureau: str, open_only: bool, offset: int, limit: int) -> Page[SubjectRequest]:
        c = subject_requests.c
        where = [c.bureau == bureau]
        if open_only:
            where.append(c.outcome.is_(None))
        total = self.conn.execute(
            select(func.count()).select_from(subject_requests).where(*where)
        ).scalar()
        rows = self.conn.execute(
            select(subject_requests)
            .where(*where)
            # Open first, soonest due first; closed ones newest first after them.
            .order_by(c.outcome.is_not(None), c.due_on, c.created_at.desc())
            .offset(offset)
            .limit(limit)
        ).all()
        return Page([_request(r) for r in rows], int(total or 0), offset, limit)


class SqlRetentionQueries:
    """Which of a bureau's persons are due for review by a given day."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def persons_due(self, owner: str, until: date, offset: int, limit: int) -> Page[str]:
        c = persons.c
        where = [c.owner_bureau == owner, c.review_on <= until]
        total = self.conn.execute(select(func.count()).select_from(persons).where(*where)).scalar()
        ids = self.conn.execute(
            select(c.id).where(*where).order_by(c.review_on, c.sort_name, c.id)
            .offset(offset).limit(limit)
        ).scalars().all()  # fmt: skip
        return Page(list(ids), int(total or 0), offset, limit)
