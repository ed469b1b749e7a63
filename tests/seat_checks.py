"""Assertions on the rows behind seat usage."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


async def counters_and_holders(
    engine: AsyncEngine, account_id: str
) -> tuple[dict[str, int], dict[str, int]]:
    """The assigned counter per product, and the seat rows actually held."""
    async with engine.connect() as connection:
        counters = dict(
            (
                await connection.execute(
                    text("SELECT product, assigned FROM subscription_lines WHERE account_id = :a"),
                    {"a": account_id},
                )
            ).all()
        )
        held = dict(
            (
                await connection.execute(
                    text(
                        "SELECT l.product, count(s.user_id) FROM subscription_lines l "
                        "LEFT JOIN agent_seats s "
                        "ON s.account_id = l.account_id AND s.product = l.product "
                        "WHERE l.account_id = :a GROUP BY l.product"
                    ),
                    {"a": account_id},
                )
            ).all()
        )
    return {k: int(v) for k, v in counters.items()}, {k: int(v) for k, v in held.items()}


async def assert_counters_match_rows(engine: AsyncEngine, account_id: str) -> dict[str, int]:
    counters, held = await counters_and_holders(engine, account_id)
    assert counters == held
    return counters
