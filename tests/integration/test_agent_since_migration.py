"""The agent_since migration starts every existing agent at its added_at, and
moves the index that walks the downgrade order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import inspect, text

from app.db import migrate
from app.db.engine import make_engine

REVISION = "c4e1a7d2f9b3"
ADDED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _run(url: str, *statements: tuple[str, dict[str, object]]) -> list[list[tuple[object, ...]]]:
    async def go() -> list[list[tuple[object, ...]]]:
        engine = make_engine(url, pool_size=1)
        answers = []
        try:
            async with engine.begin() as connection:
                for sql, params in statements:
                    result = await connection.execute(text(sql), params)
                    answers.append([tuple(row) for row in result] if result.returns_rows else [])
        finally:
            await engine.dispose()
        return answers

    return asyncio.run(go())


def _agent_indexes(url: str) -> set[str]:
    async def read() -> set[str]:
        engine = make_engine(url, pool_size=1)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(
                    lambda c: {ix["name"] for ix in inspect(c).get_indexes("agents")}
                )
        finally:
            await engine.dispose()

    return asyncio.run(read())


def test_existing_agents_become_agents_since_they_were_added(database_url: str) -> None:
    migrate.downgrade(database_url, f"{REVISION}-1")
    assert "ix_agents_account_added" in _agent_indexes(database_url)
    moment = ADDED if database_url.startswith("postgresql") else ADDED.replace(tzinfo=None)
    _run(
        database_url,
        (
            "INSERT INTO accounts (id, name, billing_mode, self_manageable, legacy_sell, "
            "owner_user_id, billing_cycle, currency, term_start, term_end, version, created_at, "
            "updated_at) VALUES ('acct_old', 'Old', 'self_service', false, false, 'u1', "
            "'monthly', 'USD', :at, :at, 1, :at, :at)",
            {"at": moment},
        ),
        *(
            (
                "INSERT INTO agents (account_id, user_id, email, name, role, is_owner, added_at, "
                "updated_at) VALUES ('acct_old', :u, :e, :u, :r, :o, :at, :at)",
                {"u": user, "e": f"{user}@old.example", "r": role, "o": user == "u1", "at": moment},
            )
            for user, role in (("u1", "agent"), ("u2", "end_user"))
        ),
    )

    migrate.upgrade(database_url, "head")

    [rows] = _run(
        database_url,
        ("SELECT user_id FROM agents WHERE agent_since = added_at ORDER BY user_id", {}),
    )
    assert rows == [("u1",), ("u2",)]
    indexes = _agent_indexes(database_url)
    assert "ix_agents_account_since" in indexes
    assert "ix_agents_account_added" not in indexes
