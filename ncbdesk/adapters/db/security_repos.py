"""Repositories for accounts, API tokens, sessions and the audit trail."""

from __future__ import annotations

import json
import threading
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

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


def _row(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at,
        "actor": entry.actor,
        "bureau": entry.bureau,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "outcome": entry.outcome.value,
        "purpose": entry.purpose,
        "source": entry.source,
        "details": entry.details,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


_HEAD = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
_INSERT = (
    "INSERT INTO audit_log (seq, at, actor, bureau, action, object_type, object_id, outcome, "
    "purpose, source, details, prev_hash, hash)"
)
_VALUES = (
    "%(seq)s, %(at)s, %(actor)s, %(bureau)s, %(action)s, %(object_type)s, %(object_id)s, "
    "%(outcome)s, %(purpose)s, %(source)s, CAST(%(details)s AS json), %(prev_hash)s, %(hash)s"
)
# One statement, one round trip: the entry goes in only if its predecessor is
# the stored entry `seq - 1` with the hash this entry was sealed over, and the
# primary key refuses a second entry with the same `seq`. Together they keep the
# chain whole whatever this process believes the head to be; a stale belief
# (another process appended, or a crash lost the newest entries) inserts
# nothing, and the writer re-reads the head and seals again.
_PG_APPEND = (
    f"{_INSERT} SELECT {_VALUES} WHERE EXISTS "  # noqa: S608 (constants, no input)
    "(SELECT 1 FROM audit_log WHERE seq = %(seq)s - 1 AND hash = %(after)s)"
)
_PG_APPEND_FIRST = f"{_INSERT} VALUES ({_VALUES})"


class _ChainWriter:
    """One per engine and process: the appends' lock, the chain head, the connection.

    On PostgreSQL the writer keeps the head (seq, hash) in memory and appends
    with one guarded INSERT on a connection of its own (autocommit, no pre-ping,
    asynchronous commit), so an entry costs one round trip; the guard makes
    other processes' appends safe (see `_PG_APPEND`). On SQLite, where a round
    trip is a function call, each append takes the database's write lock up
    front (BEGIN IMMEDIATE), reads the head and inserts: other processes wait
    on the lock.
    """

    MAX_ATTEMPTS = 100  # a retry means another process appended meanwhile

    def __init__(self, engine: Engine) -> None:
        self.lock = threading.Lock()
        self.head: tuple[int, str] | None = None
        self.postgres = engine.dialect.name == "postgresql"
        self.engine = _audit_engine(engine) if self.postgres else engine

    def append(self, entry: AuditEntry) -> None:
        with self.lock:
            if self.postgres:
                self._append_postgres(entry)
            else:
                self._append_sqlite(entry)

    def _append_sqlite(self, entry: AuditEntry) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            last = conn.exec_driver_sql(_HEAD).first()
            entry.seal(last[0] + 1, last[1]) if last else entry.seal(1, GENESIS)
            conn.execute(insert(audit_log).values(**_row(entry)))
            conn.commit()

    def _append_postgres(self, entry: AuditEntry) -> None:
        for attempt in range(self.MAX_ATTEMPTS):
            try:
                with self.engine.connect() as conn:
                    if self.head is None:
                        last = conn.exec_driver_sql(_HEAD).first()
                        self.head = (last[0], last[1]) if last else (0, GENESIS)
                    seq, prev = self.head
                    entry.seal(seq + 1, prev)
                    params = _row(entry)
                    params["details"] = json.dumps(entry.details, ensure_ascii=False, default=str)
                    params["after"] = prev  # a parameter of its own: typed apart from prev_hash
                    sql = _PG_APPEND_FIRST if entry.seq == 1 else _PG_APPEND
                    inserted = conn.exec_driver_sql(sql, params).rowcount == 1
            except IntegrityError:
                inserted = False  # another process took this seq first
            except DBAPIError as exc:
                # A connection the server closed (restart, idle timeout) is
                # found here rather than by a ping before every append: the
                # pool drops it and the next attempt connects afresh.
                self.head = None
                if not exc.connection_invalidated or attempt:
                    raise
                continue
            if inserted:
                self.head = (entry.seq, entry.hash)
                return
            self.head = None
        raise RuntimeError(f"audit append gave up after {self.MAX_ATTEMPTS} contended attempts")


def _audit_engine(engine: Engine) -> Engine:
    """A small engine of the audit trail's own, disposed with `engine`.

    Autocommit (each append is its one statement), no pre-ping (a round trip
    per append; a dead connection is retried instead), and asynchronous commit
    for these sessions only: a server crash may lose the last fraction of a
    second of audit entries (never the chain's integrity), which is the price of
    not waiting for a WAL flush on every request. The README's audit section
    states it.
    """
    audit = create_engine(
        engine.url,
        isolation_level="AUTOCOMMIT",
        pool_pre_ping=False,
        pool_size=1,
        max_overflow=2,
        pool_reset_on_return=None,
    )

    @event.listens_for(audit, "connect")
    def _asynchronous_commit(dbapi_conn: Any, _record: Any) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute("SET synchronous_commit TO OFF")
        dbapi_conn.commit()

    @event.listens_for(engine, "engine_disposed")
    def _dispose(_engine: Any) -> None:
        audit.dispose()

    return audit


_WRITERS: weakref.WeakKeyDictionary[Engine, _ChainWriter] = weakref.WeakKeyDictionary()
_WRITERS_LOCK = threading.Lock()


def chain_writer(engine: Engine) -> _ChainWriter:
    """The engine's audit writer, made on first use (never at import time)."""
    with _WRITERS_LOCK:
        writer = _WRITERS.get(engine)
        if writer is None:
            writer = _WRITERS[engine] = _ChainWriter(engine)
        return writer


@dataclass
class SqlAuditLog:
    """Appends entries outside the caller's transaction, each chained onto the last.

    An entry is written whether or not the caller's own transaction commits, so
    refused attempts are recorded too. Appends within a process are serialised
    by the engine's writer; appends from other processes are kept in one chain
    by the database (see `_ChainWriter`).
    """

    engine: Engine

    def append(self, entry: AuditEntry) -> AuditEntry:
        chain_writer(self.engine).append(entry)
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
