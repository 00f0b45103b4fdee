"""Forwarding requests: the information owner, the forwarded-from link, the owner's permission.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: on older rows the owner is derived (Request.information_owner).
    # Plain ADD COLUMN (no batch copy), so the full-text triggers stay as they are.
    op.add_column("requests", sa.Column("data_owner", sa.String(length=2), nullable=True))
    op.add_column("requests", sa.Column("forwarded_from", sa.String(length=32), nullable=True))
    op.add_column("requests", sa.Column("forward_permission", sa.JSON(), nullable=True))
    op.create_index("ix_requests_forwarded_from", "requests", ["forwarded_from"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_forwarded_from")
        batch_op.drop_column("forward_permission")
        batch_op.drop_column("forwarded_from")
        batch_op.drop_column("data_owner")
