"""Request statistics kept as totals; full text in one Latin spelling, newest first.

- `request_totals` and `request_handling_times`: per month (and slot near a
  month's boundary) and type, direction, country, what came in, was answered
  and answered in time, and a histogram of handling times. The repository
  keeps them in the same transaction as each write; filled here from the rows.
- Full text: every word indexed as the screening engine spells it in Latin
  (ncbdesk.adapters.db.requests_search), so Cyrillic and Latin, accented or
  not, find each other. SQLite: `request_fts` rebuilt with rowids made from the
  time of receipt, and `request_fts_terms` (the words indexed, for prefixes).
  PostgreSQL: a `request_fts` table of tsvectors replaces the two GIN
  expression indexes of 0005.

The refill uses the application's own text and totals code: the words must be
spelled exactly as the running code spells a query.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 03:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_BATCH = 10_000


def upgrade() -> None:
    op.create_table(
        "request_totals",
        sa.Column("ym", sa.String(length=7), nullable=False),
        sa.Column("edge", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("answered_due", sa.Integer(), nullable=False),
        sa.Column("in_time", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "ym", "edge", "type", "direction", "country", name=op.f("pk_request_totals")
        ),
    )
    op.create_table(
        "request_handling_times",
        sa.Column("ym", sa.String(length=7), nullable=False),
        sa.Column("edge", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("ym", "edge", "bucket", name=op.f("pk_request_handling_times")),
    )
    conn = op.get_bind()
    _create_full_text(conn.dialect.name)
    from ncbdesk.adapters.db import requests_totals

    _refill_full_text(conn)
    requests_totals.rebuild(conn)


def _create_full_text(dialect: str) -> None:
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS request_fts")
        op.execute(
            "CREATE VIRTUAL TABLE request_fts USING fts5("
            "request_id UNINDEXED, text, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        op.execute("CREATE TABLE request_fts_terms (term TEXT PRIMARY KEY) WITHOUT ROWID")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_request_messages_fts")
        op.execute("DROP INDEX IF EXISTS ix_requests_fts")
        op.execute(
            "CREATE TABLE request_fts ("
            "request_id VARCHAR(32) NOT NULL REFERENCES requests (id) ON DELETE CASCADE, "
            "doc TSVECTOR NOT NULL)"
        )
        op.execute("CREATE INDEX request_fts_doc ON request_fts USING gin (doc)")
        op.execute("CREATE INDEX request_fts_request_id ON request_fts (request_id)")


def _refill_full_text(conn: sa.Connection) -> None:
    from ncbdesk.adapters.db.mappers import aware
    from ncbdesk.adapters.db.requests_search import TextIndex

    index = TextIndex(conn)
    docs = conn.execute(
        sa.text(
            "SELECT id, received_at, subject, body, counterpart_agency, reference FROM requests"
        ).columns(received_at=sa.DateTime(timezone=True))
    ).all()
    batch = [(r.id, aware(r.received_at), " ".join(p for p in r[2:] if p)) for r in docs]
    messages = conn.execute(
        sa.text(
            "SELECT m.request_id, r.received_at, m.subject, m.body "
            "FROM request_messages m JOIN requests r ON r.id = m.request_id"
        ).columns(received_at=sa.DateTime(timezone=True))
    ).all()
    batch += [(m.request_id, aware(m.received_at), f"{m.subject} {m.body}") for m in messages]
    for i in range(0, len(batch), _BATCH):
        index.add(batch[i : i + _BATCH])


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS request_fts_terms")
        op.execute("DROP TABLE IF EXISTS request_fts")
        op.execute(
            "CREATE VIRTUAL TABLE request_fts USING fts5("
            "request_id UNINDEXED, text, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        op.execute(
            "INSERT INTO request_fts (request_id, text) "
            "SELECT id, subject || ' ' || body || ' ' || counterpart_agency || ' ' || reference "
            "FROM requests"
        )
        op.execute(
            "INSERT INTO request_fts (request_id, text) "
            "SELECT request_id, subject || ' ' || body FROM request_messages"
        )
    elif dialect == "postgresql":
        op.execute("DROP TABLE IF EXISTS request_fts")
        op.execute(
            "CREATE INDEX ix_requests_fts ON requests USING gin "
            "(to_tsvector('simple', subject || ' ' || body || ' ' || counterpart_agency "
            "|| ' ' || reference))"
        )
        op.execute(
            "CREATE INDEX ix_request_messages_fts ON request_messages USING gin "
            "(to_tsvector('simple', subject || ' ' || body))"
        )
    op.drop_table("request_handling_times")
    op.drop_table("request_totals")
