"""waiting room

Revision ID: f3c9a5e7d123
Revises: e2b8f4d6c012
Create Date: 2026-12-08 01:02:00.000000

Users added with `wait_for_seat` while no seat is free wait in
`waiting_agents` (one row per user and account, oldest first by
`queued_at`), and each seat line counts how many of them want one of its
seats (`subscription_lines.waiting`), kept under the account's lock like
`assigned`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "f3c9a5e7d123"
down_revision = "e2b8f4d6c012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "waiting_agents",
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("products", sa.JSON(), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_waiting_agents_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "user_id", name=op.f("pk_waiting_agents")),
    )
    with op.batch_alter_table("waiting_agents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_waiting_agents_account_queued", ["account_id", "queued_at", "user_id"], unique=False
        )
    with op.batch_alter_table("subscription_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("waiting", sa.BigInteger(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("subscription_lines", schema=None) as batch_op:
        batch_op.drop_column("waiting")
    with op.batch_alter_table("waiting_agents", schema=None) as batch_op:
        batch_op.drop_index("ix_waiting_agents_account_queued")
    op.drop_table("waiting_agents")
