"""Everything stored about one account, to show that a refusal changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

# Per table, the columns that a change would move, in a stable order.
TABLES = {
    "accounts": ("SELECT status, version, owner_user_id, term_end FROM accounts WHERE id = :a"),
    "subscription_lines": (
        "SELECT product, seats, temporary_seats, assigned FROM subscription_lines "
        "WHERE account_id = :a ORDER BY product"
    ),
    "agents": (
        "SELECT user_id, email, name, role, is_owner FROM agents "
        "WHERE account_id = :a ORDER BY user_id"
    ),
    "agent_seats": (
        "SELECT user_id, product FROM agent_seats WHERE account_id = :a ORDER BY user_id, product"
    ),
    "seat_changes": "SELECT id, status FROM seat_changes WHERE account_id = :a ORDER BY id",
    "temporary_seats": "SELECT id, status FROM temporary_seats WHERE account_id = :a ORDER BY id",
    "sales_requests": "SELECT id, status FROM sales_requests WHERE account_id = :a ORDER BY id",
    "events": "SELECT id FROM events WHERE account_id = :a ORDER BY id",
    "notifications": "SELECT id FROM notifications WHERE account_id = :a ORDER BY id",
    "api_keys": "SELECT id, revoked_at FROM api_keys WHERE account_id = :a ORDER BY id",
}


async def account_rows(engine: AsyncEngine, account_id: str) -> dict[str, list[tuple[Any, ...]]]:
    async with engine.connect() as connection:
        return {
            table: [tuple(row) for row in await connection.execute(text(sql), {"a": account_id})]
            for table, sql in TABLES.items()
        }
