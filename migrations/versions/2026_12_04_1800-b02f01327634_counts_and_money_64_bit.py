"""counts and money 64 bit

Revision ID: b02f01327634
Revises: 7d27b882bcc1
Create Date: 2026-12-04 18:00:00.000000

Seat counts and amounts were 32-bit: a valid purchase (12,000 suite seats on an
annual plan) overflowed `amount_due`, and stacked temporary seats overflowed a
line's counters. PostgreSQL rewrites each table once; SQLite stores every
integer in 64 bits already, so there batch mode only renames the declared type
(the autogenerate comparison reads it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b02f01327634"
down_revision = "7d27b882bcc1"
branch_labels = None
depends_on = None

COLUMNS = {
    "subscription_lines": ("seats", "temporary_seats", "assigned"),
    "seat_changes": ("amount_due",),
    "sales_requests": ("seats",),
    "temporary_seats": ("seats",),
}


def upgrade() -> None:
    _retype(sa.Integer(), sa.BigInteger())


def downgrade() -> None:
    # Fails on PostgreSQL if a value no longer fits in 32 bits: nothing is cut.
    _retype(sa.BigInteger(), sa.Integer())


def _retype(old: sa.types.TypeEngine[int], new: sa.types.TypeEngine[int]) -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(column, existing_type=old, type_=new, existing_nullable=False)
