"""priced temporary seats, one pending change

Revision ID: c3a9e5d1f702
Revises: 5a1e5c0f7e21
Create Date: 2026-12-07 01:01:00.000000

Temporary seats are priced: each grant stores the amount charged for its
period and the currency. Grants made before were free, and say so (0, in the
account's currency).

One scheduled seat change per account: a new one replaces the pending one. A
partial unique index holds it in the database, so no path and no race can
leave two pending. Accounts that already have several keep the newest (which
is what a new schedule does now); the older ones become `cancelled`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c3a9e5d1f702"
down_revision = "5a1e5c0f7e21"
branch_labels = None
depends_on = None

ONE_SCHEDULED = "uq_seat_changes_one_scheduled"
SCHEDULED = sa.text("status = 'scheduled'")


def upgrade() -> None:
    with op.batch_alter_table("temporary_seats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("amount_due", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("currency", sa.String(length=3), nullable=True))
    op.execute(
        "UPDATE temporary_seats SET amount_due = 0, currency = "
        "(SELECT accounts.currency FROM accounts WHERE accounts.id = temporary_seats.account_id)"
    )
    with op.batch_alter_table("temporary_seats", schema=None) as batch_op:
        batch_op.alter_column("amount_due", existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column("currency", existing_type=sa.String(length=3), nullable=False)

    op.execute(
        "UPDATE seat_changes SET status = 'cancelled' "
        "WHERE status = 'scheduled' AND EXISTS ("
        "SELECT 1 FROM seat_changes AS newer "
        "WHERE newer.account_id = seat_changes.account_id AND newer.status = 'scheduled' "
        "AND (newer.created_at > seat_changes.created_at "
        "OR (newer.created_at = seat_changes.created_at AND newer.id > seat_changes.id)))"
    )
    op.create_index(
        ONE_SCHEDULED,
        "seat_changes",
        ["account_id"],
        unique=True,
        postgresql_where=SCHEDULED,
        sqlite_where=SCHEDULED,
    )


def downgrade() -> None:
    op.drop_index(ONE_SCHEDULED, table_name="seat_changes")
    with op.batch_alter_table("temporary_seats", schema=None) as batch_op:
        batch_op.drop_column("currency")
        batch_op.drop_column("amount_due")
