"""The light agents migration keeps every row, both ways, on both databases:
on SQLite a rebuild of `accounts` or `agents` would have deleted the rows
under them through ON DELETE CASCADE."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import text

from app.db import migrate
from app.db.engine import make_engine

REVISION = "e2b8f4d6c012"
AT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


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


def _counts(url: str) -> list[list[tuple[object, ...]]]:
    return _run(
        url,
        *(
            (f"SELECT count(*) FROM {table}", {})
            for table in ("accounts", "subscription_lines", "agents", "agent_seats")
        ),
    )


def test_every_row_survives_the_migration_up_and_down(database_url: str) -> None:
    migrate.downgrade(database_url, f"{REVISION}-1")
    at = AT if database_url.startswith("postgresql") else AT.replace(tzinfo=None)
    _run(
        database_url,
        (
            "INSERT INTO accounts (id, name, billing_mode, self_manageable, legacy_sell, "
            "owner_user_id, billing_cycle, currency, term_start, term_end, version, created_at, "
            "updated_at) VALUES ('acct_old', 'Old', 'self_service', false, false, 'u1', "
            "'monthly', 'USD', :at, :at, 1, :at, :at)",
            {"at": at},
        ),
        (
            "INSERT INTO subscription_lines (account_id, product, suite, seats, temporary_seats, "
            "assigned, alert_level) VALUES ('acct_old', 'support', NULL, 3, 0, 1, 0)",
            {},
        ),
        *(
            (
                "INSERT INTO agents (account_id, user_id, email, name, role, is_owner, added_at, "
                "updated_at, agent_since) VALUES ('acct_old', :u, :e, :u, :r, :o, :at, :at, :at)",
                {"u": user, "e": f"{user}@old.example", "r": role, "o": user == "u1", "at": at},
            )
            for user, role in (("u1", "agent"), ("u2", "end_user"))
        ),
        (
            "INSERT INTO agent_seats (account_id, product, user_id) "
            "VALUES ('acct_old', 'support', 'u1')",
            {},
        ),
    )
    before = _counts(database_url)

    migrate.upgrade(database_url, "head")
    assert _counts(database_url) == before
    [account, line, roles] = _run(
        database_url,
        ("SELECT light_agent_limit, light_agents FROM accounts", {}),
        ("SELECT assigned, light_agents FROM subscription_lines", {}),
        ("SELECT user_id, role FROM agents ORDER BY user_id", {}),
    )
    assert account == [(50, 0)]
    assert line == [(1, 0)]
    assert roles == [("u1", "agent"), ("u2", "end_user")]
    _run(database_url, ("UPDATE agents SET role = 'light_agent' WHERE user_id = 'u2'", {}))

    migrate.downgrade(database_url, f"{REVISION}-1")
    assert _counts(database_url) == before
    [roles] = _run(database_url, ("SELECT user_id, role FROM agents ORDER BY user_id", {}))
    assert roles == [("u1", "agent"), ("u2", "end_user")]
    migrate.upgrade(database_url, "head")
