"""Possible hits: matches found by screening a notice's subject when it is published.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 00:28:53.505858
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "possible_hits",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("subject_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["notices.id"],
            name=op.f("fk_possible_hits_notice_id_notices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_possible_hits_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_possible_hits")),
    )
    with op.batch_alter_table("possible_hits", schema=None) as batch_op:
        batch_op.create_index("ix_possible_hits_notice_id", ["notice_id"], unique=False)
        batch_op.create_index("ix_possible_hits_status", ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("possible_hits", schema=None) as batch_op:
        batch_op.drop_index("ix_possible_hits_status")
        batch_op.drop_index("ix_possible_hits_notice_id")

    op.drop_table("possible_hits")
