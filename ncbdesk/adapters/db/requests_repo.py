"""SQLAlchemy repository for the request registry, full text per dialect."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Connection,
    and_,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.sql.elements import ColumnElement, TextClause

from ncbdesk.adapters.db import requests_totals
from ncbdesk.adapters.db.mappers import aware
from ncbdesk.adapters.db.requests_search import TextIndex, query_keys
from ncbdesk.adapters.db.requests_totals import (
    CONTRIBUTION_COLUMNS,
    Deltas,
    contribution_of_row,
)
from ncbdesk.adapters.db.tables import (
    notices,
    possible_hits,
    request_attachments,
    request_hits,
    request_messages,
    requests,
    routing_rules,
)
from ncbdesk.domain.errors import Conflict
from ncbdesk.domain.requests import (
    Attachment,
    Channel,
    Direction,
    ForwardPermission,
    Message,
    Priority,
    Request,
    RequestHit,
    RequestStatus,
    RequestType,
    StatusChange,
)
from ncbdesk.domain.requests_routing import RoutingRule
from ncbdesk.domain.security import Handling, HandlingCode
from ncbdesk.services.ports import Page
from ncbdesk.services.requests_ports import (
    RawRequestStats,
    RequestFilter,
    RequestOrder,
    RequestPage,
)

# A search lists and counts at most this many requests, the newest; beyond it
# the page says "more than" and the officer narrows the search (a filter,
# another word). Statistics count everything (from the totals).
MAX_TEXT_MATCHES = 1_000


def request_row(r: Request) -> dict[str, Any]:
    return {
        "id": r.id,
        "direction": r.direction.value,
        "channel": r.channel.value,
        "type": r.type.value,
        "priority": r.priority.value,
        "status": r.status.value,
        "subject": r.subject,
        "body": r.body,
        "counterpart_country": r.counterpart_country,
        "counterpart_agency": r.counterpart_agency,
        "reference": r.reference,
        "received_at": r.received_at,
        "received_ym": r.received_at.strftime("%Y-%m"),
        "due_at": r.due_at,
        "assignee": r.assignee,
        "queue": r.queue,
        "person_ids": list(r.person_ids),
        "notice_ids": list(r.notice_ids),
        "handling_codes": [c.value for c in r.handling.codes],
        "restrictions": r.handling.restrictions,
        "owner_bureau": r.owner_bureau,
        "data_owner": r.information_owner,
        "forwarded_from": r.forwarded_from,
        "forward_permission": _permission_row(r.forward_permission),
        "history": [
            {"status": h.status.value, "at": h.at.isoformat(), "by": h.by, "reason": h.reason}
            for h in r.history
        ],
        "escalated_at": r.escalated_at,
        "answered_at": r.answered_at,
        "closed_at": r.closed_at,
        "handled_seconds": r.handled_seconds,
        "answered_in_time": r.answered_in_time,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
        "version": r.version,
    }


def _opt(value: Any) -> Any:
    return aware(value) if value is not None else None


def _permission_row(p: ForwardPermission | None) -> dict[str, str] | None:
    if p is None:
        return None
    return {
        "received_on": p.received_on.isoformat(),
        "reference": p.reference,
        "recorded_by": p.recorded_by,
        "recorded_at": p.recorded_at.isoformat(),
        "note": p.note,
    }


def _permission(value: Any) -> ForwardPermission | None:
    if not value:
        return None
    return ForwardPermission(
        received_on=date.fromisoformat(value["received_on"]),
        reference=value["reference"],
        recorded_by=value["recorded_by"],
        recorded_at=datetime.fromisoformat(value["recorded_at"]),
        note=value.get("note", ""),
    )


def request_from_row(row: Any) -> Request:
    return Request(
        id=row.id,
        direction=Direction(row.direction),
        channel=Channel(row.channel),
        type=RequestType(row.type),
        priority=Priority(row.priority),
        status=RequestStatus(row.status),
        subject=row.subject,
        body=row.body,
        counterpart_country=row.counterpart_country,
        counterpart_agency=row.counterpart_agency,
        reference=row.reference,
        received_at=aware(row.received_at),
        due_at=_opt(row.due_at),
        assignee=row.assignee,
        queue=row.queue,
        person_ids=list(row.person_ids or []),
        notice_ids=list(row.notice_ids or []),
        handling=Handling(
            [HandlingCode(c) for c in row.handling_codes or []], row.restrictions or ""
        ),
        owner_bureau=row.owner_bureau,
        data_owner=row.data_owner or "",
        forwarded_from=row.forwarded_from,
        forward_permission=_permission(row.forward_permission),
        history=[
            StatusChange(
                RequestStatus(h["status"]), datetime.fromisoformat(h["at"]), h["by"], h["reason"]
            )
            for h in row.history or []
        ],
        escalated_at=_opt(row.escalated_at),
        answered_at=_opt(row.answered_at),
        closed_at=_opt(row.closed_at),
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        version=row.version,
    )


def _message_row(request_id: str, m: Message) -> dict[str, Any]:
    return {
        "id": m.id,
        "request_id": request_id,
        "direction": m.direction.value,
        "author": m.author,
        "sent_at": m.sent_at,
        "subject": m.subject,
        "body": m.body,
    }


def _attachment_row(request_id: str, a: Attachment) -> dict[str, Any]:
    return {
        "id": a.id,
        "request_id": request_id,
        "message_id": a.message_id,
        "file_name": a.file_name,
        "content_type": a.content_type,
        "size": a.size,
        "sha256": a.sha256,
        "storage_key": a.storage_key,
        "added_by": a.added_by,
        "created_at": a.created_at,
    }


def _attachment(row: Any) -> Attachment:
    return Attachment(
        id=row.id,
        message_id=row.message_id,
        file_name=row.file_name,
        content_type=row.content_type,
        size=row.size,
        sha256=row.sha256,
        storage_key=row.storage_key,
        added_by=row.added_by,
        created_at=aware(row.created_at),
    )


def _rule_row(r: RoutingRule) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": r.name,
        "priority": r.priority,
        "type": r.type.value if r.type else None,
        "country": r.country,
        "agency": r.agency,
        "words": list(r.words),
        "queue": r.queue,
        "assignee": r.assignee,
        "active": r.active,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
        "version": r.version,
    }


def _rule(row: Any) -> RoutingRule:
    return RoutingRule(
        id=row.id,
        name=row.name,
        priority=row.priority,
        type=RequestType(row.type) if row.type else None,
        country=row.country,
        agency=row.agency,
        words=list(row.words or []),
        queue=row.queue,
        assignee=row.assignee,
        active=bool(row.active),
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        version=row.version,
    )


class SqlRequestRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"

    # -- full text -------------------------------------------------------

    @staticmethod
    def _request_text(r: Request) -> str:
        return " ".join(p for p in (r.subject, r.body, r.counterpart_agency, r.reference) if p)

    # -- requests --------------------------------------------------------

    def add(self, request: Request) -> None:
        self.add_many([request])

    def add_many(self, batch: Sequence[Request]) -> None:
        """Requests with their messages, attachments and hits: one statement per table."""
        if not batch:
            return
        rows = [request_row(r) for r in batch]
        self.conn.execute(insert(requests), rows)
        messages = [_message_row(r.id, m) for r in batch for m in r.messages]
        if messages:
            self.conn.execute(insert(request_messages), messages)
        attachments = [_attachment_row(r.id, a) for r in batch for a in r.attachments]
        if attachments:
            self.conn.execute(insert(request_attachments), attachments)
        for r in batch:
            self.add_hits(r.id, r.hits)
        TextIndex(self.conn).add(
            [(r.id, r.received_at, self._request_text(r)) for r in batch]
            + [(r.id, r.received_at, f"{m.subject} {m.body}") for r in batch for m in r.messages]
        )
        deltas = Deltas()
        for row in rows:
            deltas.add(contribution_of_row(row))
        deltas.write(self.conn)

    def update(self, request: Request) -> None:
        """Write the row and move its share of the statistics if that changed."""
        row = request_row(request)
        old = self.conn.execute(
            select(*CONTRIBUTION_COLUMNS).where(requests.c.id == request.id)
        ).first()
        result = self.conn.execute(
            update(requests)
            .where(and_(requests.c.id == request.id, requests.c.version == request.version - 1))
            .values(**row)
        )
        if result.rowcount != 1:
            raise Conflict("The request was changed by someone else; reload and try again.")
        if old is not None:
            deltas = Deltas()
            deltas.move(contribution_of_row(old), contribution_of_row(row))
            deltas.write(self.conn)

    def get(self, request_id: str) -> Request | None:
        row = self.conn.execute(select(requests).where(requests.c.id == request_id)).first()
        if row is None:
            return None
        r = request_from_row(row)
        r.messages = [
            Message(
                id=m.id,
                direction=Direction(m.direction),
                author=m.author,
                sent_at=aware(m.sent_at),
                subject=m.subject,
                body=m.body,
            )
            for m in self.conn.execute(
                select(request_messages)
                .where(request_messages.c.request_id == request_id)
                .order_by(request_messages.c.sent_at, request_messages.c.id)
            )
        ]
        r.attachments = [
            _attachment(a)
            for a in self.conn.execute(
                select(request_attachments)
                .where(request_attachments.c.request_id == request_id)
                .order_by(request_attachments.c.created_at, request_attachments.c.id)
            )
        ]
        r.hits = [
            RequestHit(
                id=h.id,
                subject_id=h.subject_id,
                person_id=h.person_id,
                score=h.score,
                reasons=list(h.reasons),
                created_at=aware(h.created_at),
            )
            for h in self.conn.execute(
                select(request_hits)
                .where(request_hits.c.request_id == request_id)
                .order_by(request_hits.c.score.desc())
            )
        ]
        return r

    def add_message(self, request_id: str, message: Message) -> None:
        self.conn.execute(insert(request_messages).values(**_message_row(request_id, message)))
        received = self.conn.execute(
            select(requests.c.received_at).where(requests.c.id == request_id)
        ).scalar_one()
        TextIndex(self.conn).add(
            [(request_id, aware(received), f"{message.subject} {message.body}")]
        )

    def add_attachment(self, request_id: str, attachment: Attachment) -> None:
        self.conn.execute(
            insert(request_attachments).values(**_attachment_row(request_id, attachment))
        )

    def get_attachment(self, request_id: str, attachment_id: str) -> Attachment | None:
        row = self.conn.execute(
            select(request_attachments).where(
                and_(
                    request_attachments.c.request_id == request_id,
                    request_attachments.c.id == attachment_id,
                )
            )
        ).first()
        return _attachment(row) if row else None

    def add_hits(self, request_id: str, hits: Sequence[RequestHit]) -> None:
        if hits:
            self.conn.execute(
                insert(request_hits),
                [
                    {
                        "id": h.id,
                        "request_id": request_id,
                        "subject_id": h.subject_id,
                        "person_id": h.person_id,
                        "score": h.score,
                        "reasons": list(h.reasons),
                        "created_at": h.created_at,
                    }
                    for h in hits
                ],
            )

    def _where(self, f: RequestFilter) -> list[ColumnElement[bool] | TextClause]:
        c = requests.c
        clauses: list[ColumnElement[bool] | TextClause] = []
        if f.type is not None:
            clauses.append(c.type == f.type.value)
        if f.status is not None:
            clauses.append(c.status == f.status.value)
        if f.statuses:
            clauses.append(c.status.in_(sorted(s.value for s in f.statuses)))
        if f.direction is not None:
            clauses.append(c.direction == f.direction.value)
        if f.country:
            clauses.append(c.counterpart_country == f.country.upper())
        if f.assignee:
            clauses.append(c.assignee == f.assignee)
        if f.queue:
            clauses.append(c.queue == f.queue)
        if f.owner_bureau:
            clauses.append(c.owner_bureau == f.owner_bureau)
        if f.forwarded_from:
            clauses.append(c.forwarded_from == f.forwarded_from)
        if f.received_from is not None:
            clauses.append(c.received_at >= f.received_from)
        if f.received_to is not None:
            clauses.append(c.received_at < f.received_to)
        if f.due_before is not None:
            clauses.append(c.due_at < f.due_before)
        if f.due_from is not None:
            clauses.append(c.due_at >= f.due_from)
        if f.escalated is not None:
            clauses.append(c.escalated_at.is_not(None) if f.escalated else c.escalated_at.is_(None))
        return clauses

    def list(
        self,
        filter: RequestFilter,
        offset: int,
        limit: int,
        order: str = RequestOrder.RECEIVED_DESC,
    ) -> Page[Request]:
        where = self._where(filter)
        if query_keys(filter.text):
            return self._search(filter.text, where, offset, limit, order)
        total = self.conn.execute(select(func.count()).select_from(requests).where(*where)).scalar()
        ordering = (
            (requests.c.due_at, requests.c.id)
            if order == RequestOrder.DUE_ASC
            else (requests.c.received_at.desc(), requests.c.id)
        )
        rows = self.conn.execute(
            select(requests).where(*where).order_by(*ordering).offset(offset).limit(limit)
        ).all()
        return Page([request_from_row(r) for r in rows], int(total or 0), offset, limit)

    def _search(
        self,
        q: str,
        where: builtins.list[ColumnElement[bool] | TextClause],
        offset: int,
        limit: int,
        order: str,
    ) -> RequestPage:
        """The newest MAX_TEXT_MATCHES matches, counted; the page among them."""
        ids, more = TextIndex(self.conn).newest(q, where, MAX_TEXT_MATCHES)
        if order == RequestOrder.DUE_ASC:
            ids = [
                r
                for (r,) in self.conn.execute(
                    select(requests.c.id)
                    .where(requests.c.id.in_(ids))
                    .order_by(requests.c.due_at, requests.c.id)
                )
            ]
        wanted = ids[offset : offset + limit]
        rows = {
            r.id: r
            for r in self.conn.execute(select(requests).where(requests.c.id.in_(wanted))).all()
        }
        items = [request_from_row(rows[i]) for i in wanted if i in rows]
        return RequestPage(items, len(ids), offset, limit, more=more)

    # -- routing rules ---------------------------------------------------

    def rules(self) -> builtins.list[RoutingRule]:
        rows = self.conn.execute(
            select(routing_rules).order_by(
                routing_rules.c.priority, routing_rules.c.name, routing_rules.c.id
            )
        )
        return [_rule(r) for r in rows]

    def get_rule(self, rule_id: str) -> RoutingRule | None:
        row = self.conn.execute(select(routing_rules).where(routing_rules.c.id == rule_id)).first()
        return _rule(row) if row else None

    def add_rule(self, rule: RoutingRule) -> None:
        self.conn.execute(insert(routing_rules).values(**_rule_row(rule)))

    def update_rule(self, rule: RoutingRule) -> None:
        result = self.conn.execute(
            update(routing_rules)
            .where(and_(routing_rules.c.id == rule.id, routing_rules.c.version == rule.version - 1))
            .values(**_rule_row(rule))
        )
        if result.rowcount != 1:
            raise Conflict("The rule was changed by someone else; reload and try again.")

    def delete_rule(self, rule_id: str) -> None:
        self.conn.execute(delete(routing_rules).where(routing_rules.c.id == rule_id))

    # -- statistics ------------------------------------------------------

    def statistics(self, year: int, zone: str = "UTC") -> RawRequestStats:
        """The year's counts, months taken in `zone`: requests from the kept totals
        (requests_totals), the rest counted from their (much smaller) tables."""
        tz = ZoneInfo(zone)
        t = requests_totals.read(self.conn, year, tz)

        def month(ym: str) -> int:
            return int(ym[5:7])

        # In UTC: SQLite compares the stored UTC text, whatever the zone's offset.
        start = datetime(year, 1, 1, tzinfo=tz).astimezone(UTC)
        end = datetime(year + 1, 1, 1, tzinfo=tz).astimezone(UTC)
        ph = possible_hits.c
        hits_by_status: dict[Any, Any] = dict(
            self.conn.execute(
                select(ph.status, func.count())
                .where(ph.created_at >= start, ph.created_at < end)
                .group_by(ph.status)
            ).all()
        )
        by_type: dict[Any, Any] = dict(
            self.conn.execute(select(notices.c.type, func.count()).group_by(notices.c.type)).all()
        )
        by_status: dict[Any, Any] = dict(
            self.conn.execute(
                select(notices.c.status, func.count()).group_by(notices.c.status)
            ).all()
        )
        rh = request_hits.c
        return RawRequestStats(
            by_type=[(month(m), k, n) for m, k, n in t.types],
            by_direction=[(month(m), k, n, a, d, i) for m, k, n, a, d, i in t.directions],
            by_country=[(month(m), k, n) for m, k, n in t.countries],
            handled=[(month(m), bucket, n) for m, bucket, n in t.handling],
            notices_by_type={str(k): int(v) for k, v in by_type.items()},
            notices_by_status={str(k): int(v) for k, v in by_status.items()},
            hits_by_status={str(k): int(v) for k, v in hits_by_status.items()},
            request_hits=self._count(
                select(func.count())
                .select_from(request_hits)
                .where(rh.created_at >= start, rh.created_at < end)
            ),
            # Wanted persons found: hits on Red Notices and wanted diffusions
            # confirmed in the year.
            wanted_found=self._count(
                select(func.count())
                .select_from(possible_hits.join(notices, notices.c.id == ph.notice_id))
                .where(
                    ph.status == "confirmed",
                    notices.c.type == "red",
                    ph.decided_at >= start,
                    ph.decided_at < end,
                )
            ),
        )

    def _count(self, stmt: Any) -> int:
        return int(self.conn.execute(stmt).scalar() or 0)
