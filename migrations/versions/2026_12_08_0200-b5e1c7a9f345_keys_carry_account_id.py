"""keys carry account_id

Revision ID: b5e1c7a9f345
Revises: a4d0b6f8e234
Create Date: 2026-12-08 02:00:00.000000

The primary and unique keys of the tables that hold an account's rows
include `account_id`, as a table distributed by account (Citus, the next
revision) requires: each key is then enforced on one shard.

- events, seat_changes, notifications, sales_requests, temporary_seats:
  primary key (account_id, id).
- events and webhook_deliveries: a row of no account (a platform endpoint's
  event or test ping) has account_id '' instead of NULL, since a distributed
  table's key may not be NULL; webhook_deliveries' unique id becomes
  (account_id, id).
- idempotency_keys gains account_id (the account the request's path names,
  '' for none), its primary key (account_id, scope, key). Keys stored before
  this revision are kept under ''; a retry of such a request sent after the
  upgrade to an account's path runs afresh (they expire within 24 hours).

Down again: '' becomes NULL, and of the idempotency keys that differ only by
account the first (by account id) is kept.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b5e1c7a9f345"
down_revision = "a4d0b6f8e234"
branch_labels = None
depends_on = None

ID = sa.String(length=40)
BY_ACCOUNT = ("seat_changes", "notifications", "sales_requests", "temporary_seats")


def upgrade() -> None:
    for table in ("events", "webhook_deliveries"):
        op.execute(f"UPDATE {table} SET account_id = '' WHERE account_id IS NULL")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.alter_column("account_id", existing_type=ID, nullable=False)
        batch_op.drop_constraint("pk_events", type_="primary")
        batch_op.create_primary_key("pk_events", ["account_id", "id"])
    for table in BY_ACCOUNT:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"pk_{table}", type_="primary")
            batch_op.create_primary_key(f"pk_{table}", ["account_id", "id"])
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.alter_column("account_id", existing_type=ID, nullable=False)
        batch_op.drop_constraint("uq_webhook_deliveries_id", type_="unique")
        batch_op.create_unique_constraint("uq_webhook_deliveries_account_id", ["account_id", "id"])
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_id", ID, nullable=False, server_default=""))
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.alter_column("account_id", existing_type=ID, server_default=None)
        batch_op.drop_constraint("pk_idempotency_keys", type_="primary")
        batch_op.create_primary_key("pk_idempotency_keys", ["account_id", "scope", "key"])


def downgrade() -> None:
    op.execute(
        "DELETE FROM idempotency_keys WHERE EXISTS (SELECT 1 FROM idempotency_keys AS first"
        " WHERE first.scope = idempotency_keys.scope AND first.key = idempotency_keys.key"
        " AND first.account_id < idempotency_keys.account_id)"
    )
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.drop_constraint("pk_idempotency_keys", type_="primary")
        batch_op.create_primary_key("pk_idempotency_keys", ["scope", "key"])
        batch_op.drop_column("account_id")
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_constraint("uq_webhook_deliveries_account_id", type_="unique")
        batch_op.create_unique_constraint("uq_webhook_deliveries_id", ["id"])
        batch_op.alter_column("account_id", existing_type=ID, nullable=True)
    for table in reversed(BY_ACCOUNT):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"pk_{table}", type_="primary")
            batch_op.create_primary_key(f"pk_{table}", ["id"])
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint("pk_events", type_="primary")
        batch_op.create_primary_key("pk_events", ["id"])
        batch_op.alter_column("account_id", existing_type=ID, nullable=True)
    for table in ("events", "webhook_deliveries"):
        op.execute(f"UPDATE {table} SET account_id = NULL WHERE account_id = ''")
