"""sales requests completed

Revision ID: 5a1e5c0f7e21
Revises: b02f01327634
Create Date: 2026-12-07 01:00:00.000000

A sales request records who works it (`assigned_to`: the rep, or customer
support on an account with no rep), the window of a `temporary_seats` request,
and how it was fulfilled (the seats and date the rep applied, a note, the
temporary seats granted). A notification may be addressed to a sales rep
(`recipient_email`); the account's own notifications leave it null.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5a1e5c0f7e21"
down_revision = "b02f01327634"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sales_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "assigned_to", sa.String(length=20), server_default="sales_rep", nullable=False
            )
        )
        batch_op.add_column(sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("fulfilled_seats", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("effective", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("note", sa.String(length=2000), nullable=True))
        batch_op.add_column(sa.Column("temporary_seats_id", sa.String(length=40), nullable=True))
        batch_op.create_index(
            "ix_sales_requests_assigned_created",
            ["assigned_to", "created_at", "id"],
            unique=False,
        )
    # Requests filed before on accounts with no rep went to nobody: customer support's now.
    op.execute(
        "UPDATE sales_requests SET assigned_to = 'customer_support' WHERE sales_rep_email IS NULL"
    )
    # Requests fulfilled before applied what was asked, at once.
    op.execute(
        "UPDATE sales_requests SET fulfilled_seats = seats, effective = 'immediately' "
        "WHERE status = 'fulfilled'"
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recipient_email", sa.String(length=320), nullable=True))
        batch_op.create_index(
            "ix_notifications_recipient_created",
            ["recipient_email", "created_at", "id"],
            unique=False,
        )


def downgrade() -> None:
    # A rep's notifications and temporary-seat requests have no place in the old schema.
    op.execute("DELETE FROM notifications WHERE recipient_email IS NOT NULL")
    op.execute("DELETE FROM sales_requests WHERE kind = 'temporary_seats'")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_recipient_created")
        batch_op.drop_column("recipient_email")
    with op.batch_alter_table("sales_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_requests_assigned_created")
        batch_op.drop_column("temporary_seats_id")
        batch_op.drop_column("note")
        batch_op.drop_column("effective")
        batch_op.drop_column("fulfilled_seats")
        batch_op.drop_column("ends_at")
        batch_op.drop_column("starts_at")
        batch_op.drop_column("assigned_to")
