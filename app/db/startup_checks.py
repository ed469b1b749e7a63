"""What the `seatkeeper` commands ask of the configured database before they
start, and the one line that says what is wrong and how to fix it.

A command that cannot use its database stops with `seatkeeper: <problem>;
<fix>` and exit status 2 (app/cli.py), never a driver's traceback, and leaves
nothing behind: SQLite creates its file on the first connection, so a file
that is not there is judged without connecting, and one that `migrate`
created and then failed to migrate is removed.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import make_url

from app.db.engine import make_engine
from app.db.schema_version import is_up_to_date

# SQLSTATEs PostgreSQL answers a connection with.
_NO_SUCH_DATABASE = "3D000"
_REFUSED_LOGIN = {"28000", "28P01"}
# What SQLite writes beside its file (WAL mode, or a rollback journal).
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


class DatabaseProblem(Exception):
    """The configured database cannot be used; the message is `<problem>; <fix>`."""


async def check_database(url: str, *, migrated: bool) -> None:
    """Raise DatabaseProblem unless the database can be reached (and, when
    `migrated`, is at the schema this code was written for)."""
    path = sqlite_path(url)
    if path is not None:
        if not path.parent.is_dir():
            raise DatabaseProblem(
                f"the directory {path.parent} for the SQLite database does not exist; "
                "create it, or set SEATKEEPER_DATABASE_URL to a file in an existing directory"
            )
        if not migrated:
            return  # `migrate` creates the file
        if not path.exists():
            raise _not_migrated(url)
    engine = make_engine(url, pool_size=1)
    try:
        if migrated:
            if not await is_up_to_date(engine):
                raise _not_migrated(url)
        else:
            async with engine.connect():
                pass
    except DatabaseProblem:
        raise
    except Exception as exc:
        problem = describe(exc, url)
        if problem is None:
            raise
        raise problem from exc
    finally:
        await engine.dispose()


def describe(exc: BaseException, url: str) -> DatabaseProblem | None:
    """The one line for an error met while connecting to `url`, if it is one
    an operator fixes outside the code (None for anything else: a bug)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if any("unable to open database file" in str(error) for error in _chain(exc)):
            return DatabaseProblem(
                f"cannot open the SQLite database {sqlite_path(url)}; make its directory "
                "writable by this user, or fix SEATKEEPER_DATABASE_URL"
            )
        return None
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
    for error in _chain(exc):
        if isinstance(error, OSError):
            return DatabaseProblem(
                f"cannot reach PostgreSQL at {where} ({_reason(error)}); "
                "start it, or fix SEATKEEPER_DATABASE_URL"
            )
        sqlstate = getattr(error, "sqlstate", None)
        if sqlstate == _NO_SUCH_DATABASE:
            return DatabaseProblem(
                f'database "{parsed.database}" does not exist on {where}; create it '
                f"(createdb -h {parsed.host} -p {parsed.port or 5432} -U {parsed.username} "
                f"{parsed.database}), or fix SEATKEEPER_DATABASE_URL"
            )
        if sqlstate in _REFUSED_LOGIN:
            return DatabaseProblem(
                f'PostgreSQL at {where} refused user "{parsed.username}"; '
                "fix the user or password in SEATKEEPER_DATABASE_URL"
            )
    return None


def sqlite_path(url: str) -> Path | None:
    """The file an SQLite URL names (None for other databases and in-memory ones)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).absolute()


@contextmanager
def removing_new_sqlite_file(url: str) -> Iterator[None]:
    """Remove the SQLite file (and its side files) if the body created it and failed."""
    path = sqlite_path(url)
    existed = path is None or path.exists()
    try:
        yield
    except BaseException:
        if path is not None and not existed:
            for name in (path.name, *(path.name + side for side in _SQLITE_SIDE_FILES)):
                path.with_name(name).unlink(missing_ok=True)
        raise


def _not_migrated(url: str) -> DatabaseProblem:
    path = sqlite_path(url)
    if path is not None:
        where = str(path)
    else:
        parsed = make_url(url)
        where = f'"{parsed.database}" on {parsed.host or "localhost"}:{parsed.port or 5432}'
    return DatabaseProblem(f"the database {where} is not migrated; run `seatkeeper migrate`")


def _reason(error: OSError) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, socket.gaierror):
        return "unknown host"
    if isinstance(error, TimeoutError):
        return "timed out"
    return error.strerror or type(error).__name__


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)  # SQLAlchemy's wrapper of the driver's error
        current = orig if isinstance(orig, BaseException) else current.__cause__
