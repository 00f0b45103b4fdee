"""SQLAlchemy repository for the request registry, full text per dialect."""

from __future__ import annotations

import builtins
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    and_,
    case,
    column,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.sql.elements import ColumnElement, TextClause

from ncbdesk.adapters.db.mappers import aware
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
from ncbdesk.services.requests_ports import RawRequestStats, RequestFilter, RequestOrder

_WORD = re.compile(r"\w+")
MAX_QUERY_WORDS = 12
# A search is for finding, not counting: beyond this many matching requests or
# messages only the first so many (SQLite: the newest) are listed and counted.
# Filters and more words narrow it; the statistics count everything.
MAX_TEXT_MATCHES = 2_000

# The PostgreSQL expressions must read exactly as the GIN indexes of migration
# 0005 do, or the planner will not use them.
_PG_REQUEST_DOC = (
    "to_tsvector('simple', requests.subject || ' ' || requests.body || ' ' || "
    "requests.counterpart_agency || ' ' || requests.reference)"
)
_PG_MESSAGE_DOC = "to_tsvector('simple', request_messages.subject || ' ' || request_messages.body)"
# One IN over a UNION, so each side can use its own GIN index (an OR of the
# two would read every request).
_PG_MATCHES = (
    "requests.id IN ((SELECT requests.id FROM requests "  # noqa: S608
    f"WHERE {_PG_REQUEST_DOC} @@ to_tsquery('simple', :q) LIMIT :cap) "
    "UNION (SELECT request_messages.request_id FROM request_messages "
    f"WHERE {_PG_MESSAGE_DOC} @@ to_tsquery('simple', :q) LIMIT :cap))"
)


def query_words(q: str) -> list[str]:
    """The words of a search, for either dialect's query syntax (nothing else passes)."""
    return _WORD.findall(q.casefold())[:MAX_QUERY_WORDS]


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


def request_from_row(row: Any) -> Request:
    from datetime import datetime

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

    def _index_text(self, rows: Sequence[tuple[str, str]]) -> None:
        """SQLite only: add (request id, text) rows to the FTS5 table."""
        if self.sqlite and rows:
            self.conn.execute(
                text("INSERT INTO request_fts (request_id, text) VALUES (:r, :t)"),
                [{"r": r, "t": t} for r, t in rows],
            )

    @staticmethod
    def _request_text(r: Request) -> str:
        return " ".join(p for p in (r.subject, r.body, r.counterpart_agency, r.reference) if p)

    def _text_clause(self, q: str) -> ColumnElement[bool] | TextClause | None:
        words = query_words(q)
        if not words:
            return None
        if self.sqlite:
            # Each word quoted (no FTS syntax gets through) and matched as a
            # prefix, so "иванов" finds "Иванова" and "ivanov" finds "Ivanovs".
            match = " ".join(f'"{w}"*' for w in words)
            sub = text(
                "SELECT request_id FROM request_fts WHERE request_fts MATCH :q "
                "ORDER BY rowid DESC LIMIT :cap"
            ).bindparams(q=match, cap=MAX_TEXT_MATCHES)
            return requests.c.id.in_(sub.columns(column("request_id", String)))
        tsq = " & ".join(f"{w}:*" for w in words)
        # Words only (query_words), so the tsquery syntax cannot be abused.
        return text(_PG_MATCHES).bindparams(q=tsq, cap=MAX_TEXT_MATCHES)

    # -- requests --------------------------------------------------------

    def add(self, request: Request) -> None:
        self.add_many([request])

    def add_many(self, batch: Sequence[Request]) -> None:
        """Requests with their messages, attachments and hits: one statement per table."""
        if not batch:
            return
        self.conn.execute(insert(requests), [request_row(r) for r in batch])
        messages = [_message_row(r.id, m) for r in batch for m in r.messages]
        if messages:
            self.conn.execute(insert(request_messages), messages)
        attachments = [_attachment_row(r.id, a) for r in batch for a in r.attachments]
        if attachments:
            self.conn.execute(insert(request_attachments), attachments)
        for r in batch:
            self.add_hits(r.id, r.hits)
        self._index_text(
            [(r.id, self._request_text(r)) for r in batch]
            + [(r.id, f"{m.subject} {m.body}") for r in batch for m in r.messages]
        )

    def update(self, request: Request) -> None:
        row = request_row(request)
        result = self.conn.execute(
            update(requests)
            .where(and_(requests.c.id == request.id, requests.c.version == request.version - 1))
            .values(**row)
        )
        if result.rowcount != 1:
            raise Conflict("The request was changed by someone else; reload and try again.")

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
        self._index_text([(request_id, f"{message.subject} {message.body}")])

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
        if f.text.strip():
            clause = self._text_clause(f.text)
            if clause is not None:
                clauses.append(clause)
        return clauses

    def list(
        self,
        filter: RequestFilter,
        offset: int,
        limit: int,
        order: str = RequestOrder.RECEIVED_DESC,
    ) -> Page[Request]:
        where = self._where(filter)
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

    def statistics(self, year: int) -> RawRequestStats:
        c = requests.c
        in_year = and_(c.received_ym >= f"{year:04d}-01", c.received_ym <= f"{year:04d}-12")
        answered = func.count(c.answered_in_time)
        in_time = func.coalesce(func.sum(case((c.answered_in_time.is_(True), 1), else_=0)), 0)
        rows = self.conn.execute(
            select(
                c.received_ym,
                c.type,
                c.direction,
                func.coalesce(c.counterpart_country, ""),
                func.count(),
                answered,
                in_time,
            )
            .where(in_year)
            .group_by(c.received_ym, c.type, c.direction, c.counterpart_country)
        ).all()
        minutes = c.handled_seconds // 60
        handled = self.conn.execute(
            select(minutes, func.count())
            .where(and_(in_year, c.handled_seconds.is_not(None)))
            .group_by(minutes)
            .order_by(minutes)
        ).all()
        by_type: dict[str, int] = dict(
            self.conn.execute(select(notices.c.type, func.count()).group_by(notices.c.type)).all()
        )
        by_status: dict[str, int] = dict(
            self.conn.execute(
                select(notices.c.status, func.count()).group_by(notices.c.status)
            ).all()
        )
        return RawRequestStats(
            rows=[(r[0], r[1], r[2], r[3], int(r[4]), int(r[5]), int(r[6])) for r in rows],
            handled_minutes=[(int(m), int(n)) for m, n in handled],
            notices_by_type={str(k): int(v) for k, v in by_type.items()},
            notices_by_status={str(k): int(v) for k, v in by_status.items()},
            possible_hits=self._count(select(func.count()).select_from(possible_hits)),
            request_hits=self._count(select(func.count()).select_from(request_hits)),
            confirmed_hits=self._count(
                select(func.count())
                .select_from(possible_hits)
                .where(possible_hits.c.status == "confirmed")
            ),
        )

    def _count(self, stmt: Any) -> int:
        return int(self.conn.execute(stmt).scalar() or 0)
