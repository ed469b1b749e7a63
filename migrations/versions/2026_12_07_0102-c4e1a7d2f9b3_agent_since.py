"""agent since

Revision ID: c4e1a7d2f9b3
Revises: 5f3c9d2e8a41
Create Date: 2026-12-07 01:02:00.000000

"Newest" in the downgrade order (R10) is the last time someone became an
agent, not when they were first added: an end user made an agent again is the
newest. `agents.agent_since` holds it; every agent so far became one when
added, so it starts as `added_at`. The index that walks the order moves to it:
ix_agents_account_added gives way to ix_agents_account_since (listings and the
downgrade's newest holders both read it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c4e1a7d2f9b3"
down_revision = "5f3c9d2e8a41"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agent_since", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE agents SET agent_since = added_at")
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.alter_column(
            "agent_since", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.drop_index("ix_agents_account_added")
        batch_op.create_index(
            "ix_agents_account_since", ["account_id", "agent_since", "user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_index("ix_agents_account_since")
        batch_op.create_index(
            "ix_agents_account_added", ["account_id", "added_at", "user_id"], unique=False
        )
        batch_op.drop_column("agent_since")
