"""activity and reclaim

Revision ID: a4d0b6f8e234
Revises: f3c9a5e7d123
Create Date: 2026-12-08 01:03:00.000000

Inactive-seat reclaim: `agents.last_active_at` holds the latest activity
reported for an agent (null: none yet), `accounts.reclaim_after` the
account's policy (an ISO 8601 duration; null: no automatic reclaim).
ix_agents_account_active serves the reclaim's question, "which of this
account's agents were last active before X, or never": a range of
(account_id, last_active_at), nulls included.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a4d0b6f8e234"
down_revision = "f3c9a5e7d123"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reclaim_after", sa.String(length=32), nullable=True))
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_active_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_agents_account_active", ["account_id", "last_active_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_index("ix_agents_account_active")
        batch_op.drop_column("last_active_at")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("reclaim_after")
