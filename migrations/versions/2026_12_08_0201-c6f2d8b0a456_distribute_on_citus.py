"""distribute on citus

Revision ID: c6f2d8b0a456
Revises: b5e1c7a9f345
Create Date: 2026-12-08 02:01:00.000000

On a database with the `citus` extension, distribute the tables by account
(docs/scaling.md, "Distributing on Citus"): every table of an account's rows
by `account_id`, co-located with `accounts` (by its `id`), so that a unit of
work on one account runs on one worker; the two tables read without an
account, `api_keys` and `webhook_endpoints`, as reference tables, whole on
every node. Elsewhere (plain PostgreSQL, SQLite) it does nothing.

What Citus asks of the schema first:
- a reference table may not refer to a distributed one: the foreign keys of
  api_keys and webhook_endpoints to accounts go (accounts are never deleted,
  only cancelled, so their cascade never ran);
- webhook_deliveries' primary key becomes (account_id, seq); elsewhere it is
  seq alone, the only key SQLite numbers by itself.

Down again, the tables are made local on the coordinator again
(undistribute_table), and the keys and foreign keys restored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c6f2d8b0a456"
down_revision = "b5e1c7a9f345"
branch_labels = None
depends_on = None

REFERENCE = ("api_keys", "webhook_endpoints")
# In an order where each table's foreign keys point at tables already distributed.
BY_ACCOUNT = (
    "subscription_lines",
    "agents",
    "agent_seats",
    "light_agent_products",
    "waiting_agents",
    "events",
    "seat_changes",
    "notifications",
    "idempotency_keys",
    "sales_requests",
    "temporary_seats",
    "webhook_deliveries",
)


def _on_citus() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    found = bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'citus'"))
    return found.scalar() is not None


def _distributed(table: str) -> bool:
    found = op.get_bind().execute(
        sa.text("SELECT 1 FROM pg_dist_partition WHERE logicalrelid = CAST(:t AS regclass)"),
        {"t": table},
    )
    return found.scalar() is not None


def upgrade() -> None:
    if not _on_citus():
        return
    for table in REFERENCE:
        op.drop_constraint(f"fk_{table}_account_id_accounts", table, type_="foreignkey")
    op.execute(
        "ALTER TABLE webhook_deliveries DROP CONSTRAINT pk_webhook_deliveries,"
        " ADD CONSTRAINT pk_webhook_deliveries PRIMARY KEY (account_id, seq)"
    )
    for table in REFERENCE:
        op.execute(f"SELECT create_reference_table('{table}')")
    op.execute("SELECT create_distributed_table('accounts', 'id')")
    for table in BY_ACCOUNT:
        op.execute(
            f"SELECT create_distributed_table('{table}', 'account_id', colocate_with => 'accounts')"
        )


def downgrade() -> None:
    # Nothing to undo where the upgrade did nothing: no Citus, or the
    # extension added after the upgrade (docs/scaling.md: down and up again).
    if not _on_citus() or not _distributed("accounts"):
        return
    for table in (*reversed(BY_ACCOUNT), "accounts", *REFERENCE):
        if _distributed(table):  # or undistributed already, with a table it refers to
            op.execute(f"SELECT undistribute_table('{table}', cascade_via_foreign_keys => true)")
    op.execute(
        "ALTER TABLE webhook_deliveries DROP CONSTRAINT pk_webhook_deliveries,"
        " ADD CONSTRAINT pk_webhook_deliveries PRIMARY KEY (seq)"
    )
    for table in REFERENCE:
        op.create_foreign_key(
            f"fk_{table}_account_id_accounts",
            table,
            "accounts",
            ["account_id"],
            ["id"],
            ondelete="CASCADE",
        )
