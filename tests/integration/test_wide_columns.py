"""Seat counts and money are stored 64-bit on every database: a value past
2**31 (a large suite bought for a year, in minor units) is kept exactly."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import select

from app.db.engine import make_engine
from app.db.models import Base

WIDE = 2**40 + 7  # far past a 32-bit column, well inside a 64-bit one
MOMENT = datetime(2026, 3, 1, tzinfo=UTC)

COUNTS_AND_MONEY = {
    "subscription_lines": ("seats", "temporary_seats", "assigned"),
    "seat_changes": ("amount_due",),
    "sales_requests": ("seats",),
    "temporary_seats": ("seats",),
}


def test_every_count_and_amount_column_holds_a_value_past_32_bits(database_url: str) -> None:
    async def round_trip() -> dict[str, list[int]]:
        engine = make_engine(database_url, pool_size=1)
        found: dict[str, list[int]] = {}
        try:
            async with engine.begin() as connection:
                accounts = Base.metadata.tables["accounts"]
                await connection.execute(accounts.insert().values(_row("accounts", {})))
                for name, columns in COUNTS_AND_MONEY.items():
                    table = Base.metadata.tables[name]
                    wide = dict.fromkeys(columns, WIDE)
                    await connection.execute(table.insert().values(_row(name, wide)))
                    result = await connection.execute(select(*(table.c[c] for c in columns)))
                    found[name] = list(result.one())
        finally:
            await engine.dispose()
        return found

    assert asyncio.run(round_trip()) == {
        table: [WIDE] * len(columns) for table, columns in COUNTS_AND_MONEY.items()
    }


def _row(table: str, wide: dict[str, int]) -> dict[str, object]:
    """A row of `table` with `wide` in the columns under test and a plain
    value of the right kind in every other required column."""
    plain: dict[type, object] = {str: "x", int: 0, bool: False, list: [], dict: {}}
    row: dict[str, object] = {}
    for column in Base.metadata.tables[table].columns:
        if column.name in wide:
            row[column.name] = wide[column.name]
        elif column.name in ("id", "account_id"):
            row[column.name] = "acct_w"
        elif not column.nullable:
            row[column.name] = plain.get(column.type.python_type, MOMENT)
    return row
