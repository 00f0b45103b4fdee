"""Hits and extradition: the hit workflow on possible_hits, owner notifications, cases.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 00:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A hit from a border check has no person held here: person_id becomes
    # optional and the query entity is kept instead.
    with op.batch_alter_table("possible_hits", schema=None) as batch_op:
        batch_op.alter_column("person_id", existing_type=sa.String(length=32), nullable=True)
        batch_op.add_column(sa.Column("query", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("location", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("raised_by", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("methods", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("discard_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("decided_by", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))

    op.create_table(
        "hit_notifications",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("hit_id", sa.String(length=32), nullable=False),
        sa.Column("notice_id", sa.String(length=32), nullable=False),
        sa.Column("to_bureau", sa.String(length=2), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("proposed_action", sa.Text(), nullable=False),
        sa.Column("person_ids", sa.JSON(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("request_id", sa.String(length=32), nullable=True),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["hit_id"],
            ["possible_hits.id"],
            name=op.f("fk_hit_notifications_hit_id_possible_hits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hit_notifications")),
    )
    with op.batch_alter_table("hit_notifications", schema=None) as batch_op:
        batch_op.create_index("ix_hit_notifications_hit_id", ["hit_id"], unique=False)
        batch_op.create_index("ix_hit_notifications_status_due", ["status", "due_at"], unique=False)

    op.create_table(
        "extradition_cases",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("person_name", sa.String(length=300), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=True),
        sa.Column("notice_id", sa.String(length=32), nullable=True),
        sa.Column("hit_id", sa.String(length=32), nullable=True),
        sa.Column("warrant_reference", sa.String(length=300), nullable=False),
        sa.Column("offence", sa.Text(), nullable=False),
        sa.Column("requesting_state", sa.String(length=2), nullable=False),
        sa.Column("requested_state", sa.String(length=2), nullable=False),
        sa.Column("legal_basis", sa.String(length=80), nullable=False),
        sa.Column("owner_bureau", sa.String(length=2), nullable=False),
        sa.Column("current_stage", sa.String(length=30), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("outcome_reason", sa.Text(), nullable=False),
        sa.Column("outcome_documents", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extradition_cases")),
    )
    with op.batch_alter_table("extradition_cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_extradition_cases_direction_stage", ["direction", "current_stage"], unique=False
        )
        batch_op.create_index("ix_extradition_cases_opened_on", ["opened_on"], unique=False)
        batch_op.create_index("ix_extradition_cases_outcome", ["outcome"], unique=False)

    op.create_table(
        "extradition_stages",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=30), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["extradition_cases.id"],
            name=op.f("fk_extradition_stages_case_id_extradition_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "stage", name=op.f("pk_extradition_stages")),
    )


def downgrade() -> None:
    op.drop_table("extradition_stages")
    with op.batch_alter_table("extradition_cases", schema=None) as batch_op:
        batch_op.drop_index("ix_extradition_cases_outcome")
        batch_op.drop_index("ix_extradition_cases_opened_on")
        batch_op.drop_index("ix_extradition_cases_direction_stage")
    op.drop_table("extradition_cases")
    with op.batch_alter_table("hit_notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_hit_notifications_status_due")
        batch_op.drop_index("ix_hit_notifications_hit_id")
    op.drop_table("hit_notifications")
    # Hits without a person held here cannot survive the old NOT NULL column.
    op.execute("DELETE FROM possible_hits WHERE person_id IS NULL")
    with op.batch_alter_table("possible_hits", schema=None) as batch_op:
        batch_op.drop_column("decided_at")
        batch_op.drop_column("decided_by")
        batch_op.drop_column("discard_reason")
        batch_op.drop_column("note")
        batch_op.drop_column("methods")
        batch_op.drop_column("raised_by")
        batch_op.drop_column("location")
        batch_op.drop_column("query")
        batch_op.alter_column("person_id", existing_type=sa.String(length=32), nullable=False)
