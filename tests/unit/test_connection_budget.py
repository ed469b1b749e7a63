"""The connection budget: one setting for the whole process, split by a rule."""

from __future__ import annotations

import pytest

from app.config import ConfigurationError, ConnectionBudget, Settings, load_settings

POSTGRES = "postgresql://u@db:5432/sk"
PGBOUNCER = "postgresql://u@pgbouncer:6432/sk?pgbouncer=true"


def test_the_default_fits_eight_processes_in_a_default_postgresql() -> None:
    budget = Settings(database_url=POSTGRES).connection_budget()
    assert budget == ConnectionBudget(total=10, writers=5, readers=4, listener=1)
    # max_connections 100, less superuser_reserved_connections 3
    assert 8 * budget.total <= 100 - 3


def test_through_pgbouncer_nobody_listens_and_the_pools_share_the_whole_budget() -> None:
    settings = Settings(database_url=PGBOUNCER, db_connections=7)
    assert not settings.listens_for_notifications()
    assert settings.connection_budget() == ConnectionBudget(
        total=7, writers=4, readers=3, listener=0
    )


def test_sqlite_holds_no_listener() -> None:
    budget = Settings(database_url="sqlite:///x.db", db_connections=4).connection_budget()
    assert budget == ConnectionBudget(total=4, writers=2, readers=2, listener=0)


def test_the_deprecated_pool_size_keeps_what_it_opened_before() -> None:
    assert Settings(database_url=POSTGRES, db_pool_size=4).connection_budget() == (
        ConnectionBudget(total=9, writers=4, readers=4, listener=1)
    )
    # The budget wins when both are set.
    both = Settings(database_url=POSTGRES, db_pool_size=4, db_connections=3)
    assert both.connection_budget() == ConnectionBudget(total=3, writers=1, readers=1, listener=1)


@pytest.mark.parametrize("value", ["2", "0", "1001", "ten"])
def test_a_budget_out_of_range_stops_the_process(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SEATKEEPER_DB_CONNECTIONS", value)
    with pytest.raises(ConfigurationError, match=r"^SEATKEEPER_DB_CONNECTIONS: "):
        load_settings()


@pytest.mark.parametrize(
    ("url", "expected"),
    [(PGBOUNCER, True), (POSTGRES, False), (f"{POSTGRES}?pgbouncer=false", False)],
)
def test_the_url_says_whether_pgbouncer_is_in_between(url: str, expected: bool) -> None:
    assert Settings(database_url=url).listens_for_notifications() is not expected
