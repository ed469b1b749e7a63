"""webhooks completed

Revision ID: 5f3c9d2e8a41
Revises: c3a9e5d1f702
Create Date: 2026-12-07 01:03:00.000000

Platform webhook endpoints (no account: they hear every account), the secret a
rotation replaced (it signs too for a day), opaque delivery ids (`dlv_` and
random, where the API showed the outbox sequence), and when a delivery was
retried by hand (its day of retries starts again there). A platform endpoint's
test ping is the one delivery without an account.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "5f3c9d2e8a41"
down_revision = "c3a9e5d1f702"
branch_labels = None
depends_on = None

# Random ids for the deliveries already there, in each database's own SQL.
RANDOM_ID = {
    "postgresql": "'dlv_' || md5(random()::text || seq::text)",
    "sqlite": "'dlv_' || lower(hex(randomblob(16)))",
}


def upgrade() -> None:
    with op.batch_alter_table("webhook_endpoints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_secret", sa.String(length=100), nullable=True))
        batch_op.add_column(
            sa.Column("previous_secret_expires_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.alter_column("account_id", existing_type=sa.String(length=40), nullable=True)

    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("id", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("retried_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(f"UPDATE webhook_deliveries SET id = {RANDOM_ID[op.get_bind().dialect.name]}")
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.alter_column("id", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column("account_id", existing_type=sa.String(length=40), nullable=True)
        batch_op.create_unique_constraint(batch_op.f("uq_webhook_deliveries_id"), ["id"])


def downgrade() -> None:
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_webhook_deliveries_id"), type_="unique")
        batch_op.drop_column("retried_at")
        batch_op.drop_column("id")
    # Platform endpoints (and their deliveries) have no account to go back to.
    op.execute("DELETE FROM webhook_deliveries WHERE account_id IS NULL")
    op.execute(
        "DELETE FROM webhook_deliveries WHERE endpoint_id IN "
        "(SELECT id FROM webhook_endpoints WHERE account_id IS NULL)"
    )
    op.execute("DELETE FROM webhook_endpoints WHERE account_id IS NULL")
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.alter_column("account_id", existing_type=sa.String(length=40), nullable=False)
    with op.batch_alter_table("webhook_endpoints", schema=None) as batch_op:
        batch_op.alter_column("account_id", existing_type=sa.String(length=40), nullable=False)
        batch_op.drop_column("previous_secret_expires_at")
        batch_op.drop_column("previous_secret")
