"""SQLAlchemy repositories for the hit workflow and extradition cases (issue 7).

Hits keep the `possible_hits` table of screening on publish; this repository
adds what the workflow needs (one hit, a queue, decisions, the owner's
notification) on top of the publish-time repository.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, and_, case, delete, func, insert, select, update

from ncbdesk.adapters.db.mappers import aware
from ncbdesk.adapters.db.repositories import SqlPossibleHitRepository
from ncbdesk.adapters.db.tables import (
    extradition_cases,
    extradition_stages,
    hit_notifications,
    notices,
    possible_hits,
)
from ncbdesk.domain.errors import Conflict
from ncbdesk.domain.extradition import CaseOutcome, Direction, ExtraditionCase, Stage, StageEvent
from ncbdesk.domain.hits import (
    ConfirmMethod,
    HitStatus,
    NotificationStatus,
    OwnerNotification,
    PossibleHit,
)
from ncbdesk.services.ports import CaseFilter, HitFilter, Page


def hit_row(h: PossibleHit) -> dict[str, Any]:
    return {
        "id": h.id,
        "notice_id": h.notice_id,
        "subject_id": h.subject_id,
        "person_id": h.person_id or None,
        "score": h.score,
        "reasons": list(h.reasons),
        "source": h.source,
        "status": h.status.value,
        "created_at": h.created_at,
        "query": h.query or None,
        "location": h.location,
        "raised_by": h.raised_by,
        "methods": [m.value for m in h.methods],
        "note": h.note,
        "discard_reason": h.discard_reason,
        "decided_by": h.decided_by,
        "decided_at": h.decided_at,
    }


def hit_from_row(r: Any) -> PossibleHit:
    return PossibleHit(
        id=r.id,
        notice_id=r.notice_id,
        subject_id=r.subject_id,
        person_id=r.person_id or "",
        score=r.score,
        reasons=list(r.reasons),
        source=r.source,
        status=HitStatus(r.status),
        created_at=aware(r.created_at),
        query=dict(r.query or {}),
        location=r.location or "",
        raised_by=r.raised_by or "",
        methods=[ConfirmMethod(m) for m in (r.methods or [])],
        note=r.note or "",
        discard_reason=r.discard_reason or "",
        decided_by=r.decided_by or "",
        decided_at=aware(r.decided_at) if r.decided_at else None,
    )


class SqlHitRepository(SqlPossibleHitRepository):
    """Hits of every source, their decisions and the owners' notifications."""

    def add(self, hit: PossibleHit) -> None:
        self.conn.execute(insert(possible_hits).values(**hit_row(hit)))

    def get(self, hit_id: str) -> PossibleHit | None:
        row = self.conn.execute(select(possible_hits).where(possible_hits.c.id == hit_id)).first()
        return hit_from_row(row) if row is not None else None

    def save_decision(self, hit: PossibleHit) -> None:
        """Write a decision, only if the hit was still pending (two officers at once)."""
        self._update_pending(
            hit, ("status", "methods", "note", "discard_reason", "decided_by", "decided_at")
        )

    def report(self, hit: PossibleHit) -> None:
        """Complete a pending hit with a client's report: source, place, query, who."""
        self._update_pending(hit, ("source", "location", "query", "raised_by", "score", "reasons"))

    def _update_pending(self, hit: PossibleHit, columns: tuple[str, ...]) -> None:
        """Write `columns` of the hit, only if it is still pending; Conflict if not."""
        row = hit_row(hit)
        result = self.conn.execute(
            update(possible_hits)
            .where(
                and_(
                    possible_hits.c.id == hit.id,
                    possible_hits.c.status == HitStatus.PENDING.value,
                )
            )
            .values({c: row[c] for c in columns})
        )
        if result.rowcount != 1:
            raise Conflict("Someone else decided this hit meanwhile; reload it.")

    def for_notice(self, notice_id: str) -> list[PossibleHit]:
        rows = self.conn.execute(
            select(possible_hits)
            .where(possible_hits.c.notice_id == notice_id)
            .order_by(possible_hits.c.score.desc())
        )
        return [hit_from_row(r) for r in rows]

    def list(self, f: HitFilter, offset: int, limit: int) -> Page[PossibleHit]:
        where: list[Any] = []
        if f.status is not None:
            where.append(possible_hits.c.status == f.status.value)
        if f.notice_id:
            where.append(possible_hits.c.notice_id == f.notice_id)
        if f.source:
            where.append(possible_hits.c.source == f.source)
        if f.notice_type is not None:
            of_type = select(notices.c.id).where(notices.c.type == f.notice_type.value)
            where.append(possible_hits.c.notice_id.in_(of_type))
        total = self.conn.execute(
            select(func.count()).select_from(possible_hits).where(*where)
        ).scalar()
        # The queue: what still waits for an officer first, then the newest.
        waiting = case((possible_hits.c.status == HitStatus.PENDING.value, 0), else_=1)
        rows = self.conn.execute(
            select(possible_hits)
            .where(*where)
            .order_by(waiting, possible_hits.c.created_at.desc(), possible_hits.c.id)
            .offset(offset)
            .limit(limit)
        )
        return Page([hit_from_row(r) for r in rows], int(total or 0), offset, limit)

    def add_notification(self, n: OwnerNotification) -> None:
        self.conn.execute(
            insert(hit_notifications).values(
                id=n.id,
                hit_id=n.hit_id,
                notice_id=n.notice_id,
                to_bureau=n.to_bureau,
                subject=n.subject,
                body=n.body,
                proposed_action=n.proposed_action,
                person_ids=list(n.person_ids),
                due_at=n.due_at,
                status=n.status.value,
                request_id=n.request_id,
                created_by=n.created_by,
                created_at=n.created_at,
            )
        )

    def notification_for(self, hit_id: str) -> OwnerNotification | None:
        r = self.conn.execute(
            select(hit_notifications).where(hit_notifications.c.hit_id == hit_id)
        ).first()
        if r is None:
            return None
        return OwnerNotification(
            id=r.id,
            hit_id=r.hit_id,
            notice_id=r.notice_id,
            to_bureau=r.to_bureau,
            subject=r.subject,
            body=r.body,
            proposed_action=r.proposed_action,
            person_ids=list(r.person_ids),
            due_at=aware(r.due_at),
            status=NotificationStatus(r.status),
            request_id=r.request_id,
            created_by=r.created_by,
            created_at=aware(r.created_at),
        )


def _case_row(c: ExtraditionCase) -> dict[str, Any]:
    stage = c.current_stage
    return {
        "id": c.id,
        "direction": c.direction.value,
        "person_name": c.person_name,
        "person_id": c.person_id,
        "notice_id": c.notice_id,
        "hit_id": c.hit_id,
        "warrant_reference": c.warrant_reference,
        "offence": c.offence,
        "requesting_state": c.requesting_state,
        "requested_state": c.requested_state,
        "legal_basis": c.legal_basis,
        "owner_bureau": c.owner_bureau,
        "current_stage": stage.value if stage else None,
        "opened_on": c.opened_on,
        "outcome": c.outcome.value if c.outcome else None,
        "outcome_on": c.outcome_on,
        "outcome_reason": c.outcome_reason,
        "outcome_documents": list(c.outcome_documents),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "version": c.version,
    }


def _stage_rows(c: ExtraditionCase) -> list[dict[str, Any]]:
    return [
        {
            "case_id": c.id,
            "stage": e.stage.value,
            "happened_on": e.on,
            "note": e.note,
            "documents": list(e.documents),
            "recorded_by": e.recorded_by,
            "recorded_at": e.recorded_at,
        }
        for e in c.stages
    ]


def _case_from_rows(r: Any, stages: Sequence[Any]) -> ExtraditionCase:
    events = [
        StageEvent(
            stage=Stage(s.stage),
            on=s.happened_on,
            note=s.note,
            documents=list(s.documents),
            recorded_by=s.recorded_by,
            recorded_at=aware(s.recorded_at),
        )
        for s in stages
    ]
    events.sort(key=lambda e: (e.on, list(Stage).index(e.stage)))
    return ExtraditionCase(
        id=r.id,
        direction=Direction(r.direction),
        person_name=r.person_name,
        person_id=r.person_id,
        notice_id=r.notice_id,
        hit_id=r.hit_id,
        warrant_reference=r.warrant_reference,
        offence=r.offence,
        requesting_state=r.requesting_state,
        requested_state=r.requested_state,
        legal_basis=r.legal_basis,
        owner_bureau=r.owner_bureau,
        stages=events,
        outcome=CaseOutcome(r.outcome) if r.outcome else None,
        outcome_on=r.outcome_on,
        outcome_reason=r.outcome_reason,
        outcome_documents=list(r.outcome_documents),
        created_at=aware(r.created_at),
        updated_at=aware(r.updated_at),
        version=r.version,
    )


class SqlExtraditionRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, case: ExtraditionCase) -> None:
        self.conn.execute(insert(extradition_cases).values(**_case_row(case)))
        rows = _stage_rows(case)
        if rows:
            self.conn.execute(insert(extradition_stages), rows)

    def update(self, case: ExtraditionCase) -> None:
        """Write `case`, whose version the service has bumped by one."""
        result = self.conn.execute(
            update(extradition_cases)
            .where(
                and_(
                    extradition_cases.c.id == case.id,
                    extradition_cases.c.version == case.version - 1,
                )
            )
            .values(**_case_row(case))
        )
        if result.rowcount != 1:
            raise Conflict("The case was changed by someone else; reload and try again.")
        self.conn.execute(delete(extradition_stages).where(extradition_stages.c.case_id == case.id))
        rows = _stage_rows(case)
        if rows:
            self.conn.execute(insert(extradition_stages), rows)

    def _load(self, rows: Sequence[Any]) -> list[ExtraditionCase]:
        if not rows:
            return []
        stages: dict[str, list[Any]] = defaultdict(list)
        ids = [r.id for r in rows]
        for s in self.conn.execute(
            select(extradition_stages).where(extradition_stages.c.case_id.in_(ids))
        ):
            stages[s.case_id].append(s)
        return [_case_from_rows(r, stages[r.id]) for r in rows]

    def get(self, case_id: str) -> ExtraditionCase | None:
        rows = self.conn.execute(
            select(extradition_cases).where(extradition_cases.c.id == case_id)
        ).all()
        loaded = self._load(rows)
        return loaded[0] if loaded else None

    def _where(self, f: CaseFilter) -> list[Any]:
        c = extradition_cases.c
        where: list[Any] = []
        if f.direction is not None:
            where.append(c.direction == f.direction.value)
        if f.stage is not None:
            where.append(c.current_stage == f.stage.value)
        if f.open is True:
            where.append(c.outcome.is_(None))
        elif f.open is False:
            where.append(c.outcome.is_not(None))
        if f.person_id:
            where.append(c.person_id == f.person_id)
        if f.notice_id:
            where.append(c.notice_id == f.notice_id)
        if f.hit_id:
            where.append(c.hit_id == f.hit_id)
        return where

    def list(self, f: CaseFilter, offset: int, limit: int) -> Page[ExtraditionCase]:
        where = self._where(f)
        total = self.conn.execute(
            select(func.count()).select_from(extradition_cases).where(*where)
        ).scalar()
        rows = self.conn.execute(
            select(extradition_cases)
            .where(*where)
            .order_by(extradition_cases.c.opened_on.desc(), extradition_cases.c.id)
            .offset(offset)
            .limit(limit)
        ).all()
        return Page(self._load(rows), int(total or 0), offset, limit)

    def iter_all(self, f: CaseFilter, batch: int = 500) -> Iterator[ExtraditionCase]:
        """Every case the filter selects, in batches (deadline alerts, statistics)."""
        last = ""
        where = self._where(f)
        while True:
            rows = self.conn.execute(
                select(extradition_cases)
                .where(*where, extradition_cases.c.id > last)
                .order_by(extradition_cases.c.id)
                .limit(batch)
            ).all()
            if not rows:
                return
            yield from self._load(rows)
            last = rows[-1].id
