"""Notice review: the Article 3 context and assessment, and legal reviewers' decisions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 00:12:48.618694
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notice_reviews",
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=100), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("risk", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["notices.id"],
            name=op.f("fk_notice_reviews_notice_id_notices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("notice_id", "position", name=op.f("pk_notice_reviews")),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("context", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("assessment", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_column("assessment")
        batch_op.drop_column("context")

    op.drop_table("notice_reviews")
