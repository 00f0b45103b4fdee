"""Repositories for accounts, API tokens, sessions and the audit trail."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from ncbdesk.adapters.db.mappers import aware
from ncbdesk.adapters.db.repositories import like_pattern
from ncbdesk.adapters.db.tables import api_tokens, audit_log, sessions, users
from ncbdesk.domain.audit import GENESIS, AuditEntry, Outcome
from ncbdesk.domain.security import Role
from ncbdesk.domain.users import User
from ncbdesk.services.ports import AuditFilter, Page, SessionRecord, TokenRecord


def _user(row: Any) -> User:
    return User(
        id=row.id,
        username=row.username,
        bureau=row.bureau,
        roles={Role(r) for r in row.roles},
        password_hash=row.password_hash,
        display_name=row.display_name,
        active=bool(row.active),
        failed_logins=row.failed_logins,
        locked_until=aware(row.locked_until) if row.locked_until else None,
        created_at=aware(row.created_at),
    )


class SqlUserRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def _row(self, u: User) -> dict[str, Any]:
        return {
            "id": u.id,
            "username": u.username,
            "bureau": u.bureau,
            "roles": sorted(r.value for r in u.roles),
            "password_hash": u.password_hash,
            "display_name": u.display_name,
            "active": u.active,
            "failed_logins": u.failed_logins,
            "locked_until": u.locked_until,
            "created_at": u.created_at,
        }

    def add(self, user: User) -> None:
        self.conn.execute(insert(users).values(**self._row(user)))

    def update(self, user: User) -> None:
        self.conn.execute(update(users).where(users.c.id == user.id).values(**self._row(user)))

    def get(self, user_id: str) -> User | None:
        row = self.conn.execute(select(users).where(users.c.id == user_id)).first()
        return _user(row) if row else None

    def by_username(self, username: str) -> User | None:
        row = self.conn.execute(select(users).where(users.c.username == username)).first()
        return _user(row) if row else None

    def list(self) -> list[User]:
        return [_user(r) for r in self.conn.execute(select(users).order_by(users.c.username))]

    def count(self) -> int:
        return int(self.conn.execute(select(func.count()).select_from(users)).scalar() or 0)


def _token(row: Any) -> TokenRecord:
    return TokenRecord(
        id=row.id,
        user_id=row.user_id,
        token_hash=row.token_hash,
        name=row.name,
        roles=frozenset(Role(r) for r in row.roles),
        created_at=aware(row.created_at),
        expires_at=aware(row.expires_at) if row.expires_at else None,
        revoked_at=aware(row.revoked_at) if row.revoked_at else None,
        last_used_at=aware(row.last_used_at) if row.last_used_at else None,
    )


class SqlTokenRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, token: TokenRecord) -> None:
        self.conn.execute(
            insert(api_tokens).values(
                id=token.id,
                user_id=token.user_id,
                token_hash=token.token_hash,
                name=token.name,
                roles=sorted(r.value for r in token.roles),
                created_at=token.created_at,
                expires_at=token.expires_at,
                revoked_at=token.revoked_at,
                last_used_at=token.last_used_at,
            )
        )

    def by_hash(self, token_hash: str) -> TokenRecord | None:
        row = self.conn.execute(
            select(api_tokens).where(api_tokens.c.token_hash == token_hash)
        ).first()
        return _token(row) if row else None

    def get(self, token_id: str) -> TokenRecord | None:
        row = self.conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).first()
        return _token(row) if row else None

    def for_user(self, user_id: str) -> list[TokenRecord]:
        rows = self.conn.execute(
            select(api_tokens)
            .where(api_tokens.c.user_id == user_id)
            .order_by(api_tokens.c.created_at)
        )
        return [_token(r) for r in rows]

    def revoke(self, token_id: str, at: datetime) -> None:
        self.conn.execute(
            update(api_tokens).where(api_tokens.c.id == token_id).values(revoked_at=at)
        )

    def touch(self, token_id: str, at: datetime) -> None:
        self.conn.execute(
            update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=at)
        )


class SqlSessionRepository:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, s: SessionRecord) -> None:
        self.conn.execute(
            insert(sessions).values(
                id_hash=s.id_hash,
                user_id=s.user_id,
                csrf=s.csrf,
                created_at=s.created_at,
                last_seen_at=s.last_seen_at,
                expires_at=s.expires_at,
                source=s.source,
            )
        )

    def get(self, id_hash: str) -> SessionRecord | None:
        row = self.conn.execute(select(sessions).where(sessions.c.id_hash == id_hash)).first()
        if row is None:
            return None
        return SessionRecord(
            id_hash=row.id_hash,
            user_id=row.user_id,
            csrf=row.csrf,
            created_at=aware(row.created_at),
            last_seen_at=aware(row.last_seen_at),
            expires_at=aware(row.expires_at),
            source=row.source,
        )

    def touch(self, id_hash: str, at: datetime) -> None:
        self.conn.execute(
            update(sessions).where(sessions.c.id_hash == id_hash).values(last_seen_at=at)
        )

    def delete(self, id_hash: str) -> None:
        self.conn.execute(delete(sessions).where(sessions.c.id_hash == id_hash))

    def delete_for_user(self, user_id: str) -> None:
        self.conn.execute(delete(sessions).where(sessions.c.user_id == user_id))


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        at=aware(row.at),
        actor=row.actor,
        bureau=row.bureau,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        outcome=Outcome(row.outcome),
        purpose=row.purpose,
        source=row.source,
        details=dict(row.details or {}),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


_APPEND_LOCK = threading.Lock()


@dataclass
class SqlAuditLog:
    """Appends entries in a short transaction of their own, one writer at a time.

    An entry is written whether or not the caller's own transaction commits, so
    refused attempts are recorded too. Appends are serialised (a process lock,
    SQLite's write lock taken up front, or a PostgreSQL advisory lock) because
    each entry must chain onto the one before.
    """

    engine: Engine

    # An arbitrary constant naming the audit chain's advisory lock.
    ADVISORY_KEY = 0x4E4342  # "NCB"

    def append(self, entry: AuditEntry) -> AuditEntry:
        with _APPEND_LOCK, self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.begin()
                # One round trip: take the chain's lock, and let this commit
                # return before the WAL flush (synchronous_commit off for this
                # transaction only). A crash can lose the last few hundred
                # milliseconds of entries but never break or reorder the chain.
                conn.exec_driver_sql(
                    "SET LOCAL synchronous_commit TO OFF; "
                    f"SELECT pg_advisory_xact_lock({int(self.ADVISORY_KEY)})"
                )
            last = conn.execute(
                select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)
            ).first()
            seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
            entry.seal(seq, prev)
            conn.execute(
                insert(audit_log).values(
                    seq=entry.seq,
                    at=entry.at,
                    actor=entry.actor,
                    bureau=entry.bureau,
                    action=entry.action,
                    object_type=entry.object_type,
                    object_id=entry.object_id,
                    outcome=entry.outcome.value,
                    purpose=entry.purpose,
                    source=entry.source,
                    details=entry.details,
                    prev_hash=entry.prev_hash,
                    hash=entry.hash,
                )
            )
            conn.commit()
        return entry

    def _where(self, f: AuditFilter) -> list[Any]:
        c = audit_log.c
        clauses: list[Any] = []
        if f.actor:
            clauses.append(c.actor == f.actor)
        if f.action:
            clauses.append(c.action.like(like_pattern(f.action, anywhere=False), escape="\\"))
        if f.object_id:
            clauses.append(c.object_id == f.object_id)
        if f.outcome:
            clauses.append(c.outcome == f.outcome)
        if f.since:
            clauses.append(c.at >= f.since)
        if f.until:
            clauses.append(c.at < f.until)
        return clauses

    def list(self, f: AuditFilter, offset: int, limit: int) -> Page[AuditEntry]:
        where = self._where(f)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(audit_log).where(*where)).scalar()
            rows = conn.execute(
                select(audit_log)
                .where(*where)
                .order_by(audit_log.c.seq.desc())
                .offset(offset)
                .limit(limit)
            ).all()
        return Page([_entry(r) for r in rows], int(total or 0), offset, limit)

    def iter_all(self, batch: int = 5000) -> Iterator[AuditEntry]:
        """Every entry in stored (sequence) order, for verification and export."""
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows: Sequence[Any] = conn.execute(
                    select(audit_log)
                    .where(audit_log.c.seq > last)
                    .order_by(audit_log.c.seq)
                    .limit(batch)
                ).all()
            if not rows:
                return
            yield from (_entry(r) for r in rows)
            last = rows[-1].seq
