"""Which database errors are an outage (503 `database_unavailable`) and which
are bugs (500): the driver errors seen while PostgreSQL stops and starts."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.api.problems import database_unavailable


def wrapped(driver_error: Exception, **kw: bool) -> DBAPIError:
    """As SQLAlchemy raises it: a DBAPIError whose orig carries the SQLSTATE,
    raised from asyncpg's own exception."""

    class AdaptedError(Exception):
        sqlstate = getattr(driver_error, "sqlstate", None)

    orig = AdaptedError(str(driver_error))
    orig.__cause__ = driver_error
    return DBAPIError("SELECT 1", {}, orig, **kw)


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        ConnectionResetError(104, "Connection reset by peer"),
        wrapped(asyncpg.exceptions.CannotConnectNowError("the database system is starting up")),
        wrapped(asyncpg.exceptions.AdminShutdownError("terminating connection")),
        wrapped(asyncpg.exceptions.ConnectionDoesNotExistError("closed mid-operation")),
        wrapped(asyncpg.exceptions.TooManyConnectionsError("too many clients")),
        wrapped(ValueError("anything"), connection_invalidated=True),
        OperationalError("SELECT 1", {}, Exception("database is locked")),
        PoolTimeout("QueuePool limit of size 5 overflow 10 reached"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_an_unreachable_database_is_503(error: Exception) -> None:
    assert database_unavailable(error)


@pytest.mark.parametrize(
    "error",
    [
        wrapped(asyncpg.exceptions.UndefinedTableError('relation "x" does not exist')),
        IntegrityError("INSERT", {}, Exception("duplicate key")),
        ValueError("a bug"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_a_failing_statement_is_not(error: Exception) -> None:
    assert not database_unavailable(error)
