"""account status

Revision ID: d1a7e3c5b901
Revises: c4e1a7d2f9b3
Create Date: 2026-12-08 01:00:00.000000

`accounts.status` is set by the billing system (active, past_due, suspended,
cancelled) and decides what the account may do with its seats. Every account
so far is active, which the server default says without rewriting a row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d1a7e3c5b901"
down_revision = "c4e1a7d2f9b3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=16), server_default="active", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("status")
