"""Request registry: requests, threads, attachments, hits, routing rules, full text.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 00:33:18.054415
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "requests",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("counterpart_country", sa.String(length=2), nullable=True),
        sa.Column("counterpart_agency", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_ym", sa.String(length=7), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("assignee", sa.String(length=100), nullable=True),
        sa.Column("queue", sa.String(length=200), nullable=False),
        sa.Column("person_ids", sa.JSON(), nullable=False),
        sa.Column("notice_ids", sa.JSON(), nullable=False),
        sa.Column("handling_codes", sa.JSON(), nullable=False),
        sa.Column("restrictions", sa.Text(), nullable=False),
        sa.Column("owner_bureau", sa.String(length=2), nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_seconds", sa.Integer(), nullable=True),
        sa.Column("answered_in_time", sa.Boolean(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requests")),
    )
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_requests_assignee_status_due", ["assignee", "status", "due_at"], unique=False
        )
        batch_op.create_index(
            "ix_requests_country_received", ["counterpart_country", "received_at"], unique=False
        )
        batch_op.create_index(
            "ix_requests_queue_status_due", ["queue", "status", "due_at"], unique=False
        )
        batch_op.create_index("ix_requests_received_at", ["received_at"], unique=False)
        batch_op.create_index(
            "ix_requests_stats",
            [
                "received_ym",
                "type",
                "direction",
                "counterpart_country",
                "answered_in_time",
                "handled_seconds",
            ],
            unique=False,
        )
        batch_op.create_index("ix_requests_status_due", ["status", "due_at"], unique=False)
        batch_op.create_index("ix_requests_type_received", ["type", "received_at"], unique=False)

    op.create_table(
        "routing_rules",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("queue", sa.String(length=200), nullable=False),
        sa.Column("assignee", sa.String(length=100), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_rules")),
    )
    op.create_table(
        "request_attachments",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.String(length=32), nullable=False),
        sa.Column("message_id", sa.String(length=32), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=64), nullable=False),
        sa.Column("added_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_attachments_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_attachments")),
    )
    with op.batch_alter_table("request_attachments", schema=None) as batch_op:
        batch_op.create_index("ix_request_attachments_request_id", ["request_id"], unique=False)

    op.create_table(
        "request_hits",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_hits_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_hits")),
    )
    with op.batch_alter_table("request_hits", schema=None) as batch_op:
        batch_op.create_index("ix_request_hits_request_id", ["request_id"], unique=False)

    op.create_table(
        "request_messages",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.String(length=32), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_messages_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_messages")),
    )
    with op.batch_alter_table("request_messages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_request_messages_request_id", ["request_id", "sent_at"], unique=False
        )
    _create_full_text()


def _create_full_text() -> None:
    """Full text over requests and messages, Cyrillic and Latin alike, per dialect."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # One row per request (subject, body, counterpart, reference) and one per
        # message; the repository keeps it in step. unicode61 folds case in
        # every script and, with remove_diacritics 2, accents too.
        op.execute(
            "CREATE VIRTUAL TABLE request_fts USING fts5("
            "request_id UNINDEXED, text, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif dialect == "postgresql":
        # 'simple' keeps words as written (lower-cased): no stemming, which
        # would serve one language and spoil names in every other.
        op.execute(
            "CREATE INDEX ix_requests_fts ON requests USING gin "
            "(to_tsvector('simple', subject || ' ' || body || ' ' || counterpart_agency "
            "|| ' ' || reference))"
        )
        op.execute(
            "CREATE INDEX ix_request_messages_fts ON request_messages USING gin "
            "(to_tsvector('simple', subject || ' ' || body))"
        )


def _drop_full_text() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS request_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_request_messages_fts")
        op.execute("DROP INDEX IF EXISTS ix_requests_fts")


def downgrade() -> None:
    _drop_full_text()
    with op.batch_alter_table("request_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_request_messages_request_id")

    op.drop_table("request_messages")
    with op.batch_alter_table("request_hits", schema=None) as batch_op:
        batch_op.drop_index("ix_request_hits_request_id")

    op.drop_table("request_hits")
    with op.batch_alter_table("request_attachments", schema=None) as batch_op:
        batch_op.drop_index("ix_request_attachments_request_id")

    op.drop_table("request_attachments")
    op.drop_table("routing_rules")
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_type_received")
        batch_op.drop_index("ix_requests_status_due")
        batch_op.drop_index("ix_requests_stats")
        batch_op.drop_index("ix_requests_received_at")
        batch_op.drop_index("ix_requests_queue_status_due")
        batch_op.drop_index("ix_requests_country_received")
        batch_op.drop_index("ix_requests_assignee_status_due")

    op.drop_table("requests")
