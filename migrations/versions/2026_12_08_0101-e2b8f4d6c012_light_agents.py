"""light agents

Revision ID: e2b8f4d6c012
Revises: d1a7e3c5b901
Create Date: 2026-12-08 01:01:00.000000

Light agents hold no paid seat but can be given products: those live in
`light_agent_products`, apart from `agent_seats`, so `assigned` still equals
the rows of `agent_seats` and no downgrade can reach a light agent. Each line
counts its light agents (`subscription_lines.light_agents`); the account caps
them (`accounts.light_agent_limit`, 50 unless a platform admin sets another)
and counts them (`accounts.light_agents`). `agents.role` widens for
`light_agent`. A seat keeps when it was taken (`agent_seats.granted_at`, null
for the seats already there) so the seat explanation can say since when.

On SQLite nothing here rebuilds `accounts` or `agents`: with foreign keys on,
a batch rebuild drops the old table, and that drop deletes through ON DELETE
CASCADE every row of the tables under it (agents and seats under accounts,
seats under agents). Columns are added and dropped in place, and `role` is
widened by adding a wider column, copying, and renaming it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e2b8f4d6c012"
down_revision = "d1a7e3c5b901"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "accounts",
        sa.Column("light_agent_limit", sa.BigInteger(), server_default="50", nullable=False),
    )
    op.add_column(
        "accounts", sa.Column("light_agents", sa.BigInteger(), server_default="0", nullable=False)
    )

    # subscription_lines has no table under it: a rebuild on SQLite loses nothing.
    with op.batch_alter_table("subscription_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("light_agents", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_subscription_lines_light_agents_not_negative"), "light_agents >= 0"
        )

    _retype_role(10, 16)
    op.add_column("agent_seats", sa.Column("granted_at", sa.DateTime(timezone=True), nullable=True))

    op.create_table(
        "light_agent_products",
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("product", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id", "user_id"],
            ["agents.account_id", "agents.user_id"],
            name="fk_light_agent_products_agent",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "account_id", "product", "user_id", name=op.f("pk_light_agent_products")
        ),
    )
    op.create_index(
        "ix_light_agent_products_account_user",
        "light_agent_products",
        ["account_id", "user_id"],
        unique=False,
    )


def downgrade() -> None:
    # Light agents go back to what the schema before them knows: end users,
    # their free products gone (no paid seat was ever theirs to give back).
    op.execute("UPDATE agents SET role = 'end_user' WHERE role = 'light_agent'")
    op.drop_index("ix_light_agent_products_account_user", table_name="light_agent_products")
    op.drop_table("light_agent_products")

    op.drop_column("agent_seats", "granted_at")
    _retype_role(16, 10)

    with op.batch_alter_table("subscription_lines", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_subscription_lines_light_agents_not_negative"), type_="check"
        )
        batch_op.drop_column("light_agents")

    op.drop_column("accounts", "light_agents")
    op.drop_column("accounts", "light_agent_limit")


def _retype_role(before: int, after: int) -> None:
    """`agents.role` from VARCHAR(before) to VARCHAR(after), in place."""
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column(
            "agents",
            "role",
            existing_type=sa.String(length=before),
            type_=sa.String(length=after),
            existing_nullable=False,
        )
        return
    op.add_column(
        "agents",
        sa.Column("role_retyped", sa.String(length=after), server_default="agent", nullable=False),
    )
    op.execute("UPDATE agents SET role_retyped = role")
    op.drop_column("agents", "role")
    op.alter_column("agents", "role_retyped", new_column_name="role")
