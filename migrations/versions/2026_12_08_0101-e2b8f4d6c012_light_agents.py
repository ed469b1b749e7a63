"""light agents

Revision ID: e2b8f4d6c012
Revises: c4e1a7d2f9b3
Create Date: 2026-12-08 01:01:00.000000

Light agents hold no paid seat but can be given products: those live in
`light_agent_products`, apart from `agent_seats`, so `assigned` still equals
the rows of `agent_seats` and no downgrade can reach a light agent. Each line
counts its light agents (`subscription_lines.light_agents`); the account caps
them (`accounts.light_agent_limit`, 50 unless a platform admin sets another)
and counts them (`accounts.light_agents`). `agents.role` widens for
`light_agent`. A seat keeps when it was taken (`agent_seats.granted_at`, null
for the seats already there) so the seat explanation can say since when.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e2b8f4d6c012"
down_revision = "c4e1a7d2f9b3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("light_agent_limit", sa.BigInteger(), server_default="50", nullable=False)
        )
        batch_op.add_column(
            sa.Column("light_agents", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_accounts_light_agents_not_negative"), "light_agents >= 0"
        )

    with op.batch_alter_table("subscription_lines", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("light_agents", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_subscription_lines_light_agents_not_negative"), "light_agents >= 0"
        )

    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.alter_column(
            "role",
            existing_type=sa.String(length=10),
            type_=sa.String(length=16),
            existing_nullable=False,
        )

    with op.batch_alter_table("agent_seats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("granted_at", sa.DateTime(timezone=True), nullable=True))

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
    with op.batch_alter_table("light_agent_products", schema=None) as batch_op:
        batch_op.create_index(
            "ix_light_agent_products_account_user", ["account_id", "user_id"], unique=False
        )


def downgrade() -> None:
    # Light agents go back to what the schema before them knows: end users,
    # their free products gone (no paid seat was ever theirs to give back).
    op.execute("UPDATE agents SET role = 'end_user' WHERE role = 'light_agent'")
    with op.batch_alter_table("light_agent_products", schema=None) as batch_op:
        batch_op.drop_index("ix_light_agent_products_account_user")
    op.drop_table("light_agent_products")

    with op.batch_alter_table("agent_seats", schema=None) as batch_op:
        batch_op.drop_column("granted_at")

    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.alter_column(
            "role",
            existing_type=sa.String(length=16),
            type_=sa.String(length=10),
            existing_nullable=False,
        )

    with op.batch_alter_table("subscription_lines", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_subscription_lines_light_agents_not_negative"), type_="check"
        )
        batch_op.drop_column("light_agents")

    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_accounts_light_agents_not_negative"), type_="check")
        batch_op.drop_column("light_agents")
        batch_op.drop_column("light_agent_limit")
