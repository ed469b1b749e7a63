"""agents fillfactor

Revision ID: 7d27b882bcc1
Revises: 2523b2bfbb46
Create Date: 2026-11-26 05:50:00.000000

Agent pages are filled to half on PostgreSQL, so that demoting every agent of a
page (a downgrade takes the newest, who share pages) rewrites each row in place
(a HOT update) instead of into a new page with a new entry in both indexes.
Only pages written from now on leave the room; SQLite has no such setting.
"""

from __future__ import annotations

from alembic import op

revision = "7d27b882bcc1"
down_revision = "2523b2bfbb46"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE agents SET (fillfactor = 50)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE agents RESET (fillfactor)")
