"""Database engines and the SQLAlchemy unit of work."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from ncbdesk.adapters.db.batch_jobs_repo import SqlBatchJobRepository
from ncbdesk.adapters.db.extradition_repo import SqlExtraditionRepository, SqlHitRepository
from ncbdesk.adapters.db.repositories import SqlNoticeRepository, SqlPersonRepository
from ncbdesk.adapters.db.requests_repo import SqlRequestRepository
from ncbdesk.adapters.db.rights_repo import SqlRetentionQueries, SqlSubjectRequestRepository
from ncbdesk.adapters.db.security_repos import (
    SqlAuditLog,
    SqlSessionRepository,
    SqlTokenRepository,
    SqlUserRepository,
)


def make_engine(url: str, echo: bool = False) -> Engine:
    """An engine for `url`; SQLite gets WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # WAL lets readers and one writer work at once; the busy timeout
            # makes a second writer wait instead of failing.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


class SqlUnitOfWork:
    """One transaction on one connection; leaving the block without commit rolls back."""

    persons: SqlPersonRepository
    notices: SqlNoticeRepository
    users: SqlUserRepository
    tokens: SqlTokenRepository
    sessions: SqlSessionRepository
    hits: SqlHitRepository
    requests: SqlRequestRepository
    extradition: SqlExtraditionRepository
    batch_jobs: SqlBatchJobRepository
    subject_requests: SqlSubjectRequestRepository
    retention: SqlRetentionQueries

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        # The audit log writes on its own connection: see SqlAuditLog.
        self.audit = SqlAuditLog(engine)

    def __enter__(self) -> SqlUnitOfWork:
        self._conn = self.engine.connect()
        self._conn.begin()
        self.persons = SqlPersonRepository(self._conn)
        self.notices = SqlNoticeRepository(self._conn)
        self.users = SqlUserRepository(self._conn)
        self.tokens = SqlTokenRepository(self._conn)
        self.sessions = SqlSessionRepository(self._conn)
        self.hits = SqlHitRepository(self._conn)
        self.requests = SqlRequestRepository(self._conn)
        self.extradition = SqlExtraditionRepository(self._conn)
        self.batch_jobs = SqlBatchJobRepository(self._conn)
        self.subject_requests = SqlSubjectRequestRepository(self._conn)
        self.retention = SqlRetentionQueries(self._conn)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._conn is not None
        try:
            if self._conn.in_transaction():
                self._conn.rollback()
        finally:
            self._conn.close()
            self._conn = None

    @property
    def connection(self) -> Connection:
        assert self._conn is not None, "use the unit of work inside a with block"
        return self._conn

    def commit(self) -> None:
        self.connection.commit()
        self.connection.begin()

    def rollback(self) -> None:
        self.connection.rollback()
        self.connection.begin()
