"""The fast paths: every way this service reaches the database other than
through a SQLAlchemy session, and every trick that exists only for speed or
memory. The rest of app/ imports them from here (`app.db.fastpath`), never
from the private modules, and never imports asyncpg itself; a repository that
needs none of this uses its session and nothing else.

Its rules:

1. Same answer as the session. `execute`, `fetch`, `execute_many` and
   `insert_rows` do what `session.execute` does with the same statement and
   parameters (bind processing included: a naive datetime is still refused),
   and on SQLite they are that call. A caller may always swap one for the other.
2. Statements join the session's transaction, never open their own. `execute`,
   `fetch`, `execute_many` and `insert_rows` send a statement straight to the
   asyncpg connection under the session only once SQLAlchemy has sent BEGIN on
   it (the unit of work's first statement, the account's lock, does that);
   before that, they run through the session. Commit and rollback stay with
   the session.
3. Statements given to these four and to a `Reader` are module constants:
   their compiled SQL is kept per statement object, so a statement built per
   call would be compiled (and kept) per call.
4. Reads outside a unit of work go through a `Reader` (`open_reader`): single
   SELECTs in autocommit, on a pool of their own (asyncpg's on PostgreSQL, a
   second engine's on SQLite, so a writer never waits on readers for a
   connection, nor they on it). Only reads that
   may see the last commit and change nothing (app/db/views.py) use it.
5. Many values to match travel as one parameter: `one_of(session, column)` in
   the statement, `matched(session, values)` with the execution.
6. A failure in the driver is a `DriverError` (`DatabaseUnreachable` when the
   connection, not the statement, failed); the HTTP layer maps both.
7. Rows for a bulk insert may be a `LazyRows`: made on demand each time they
   are iterated, so rows written to two tables are never all held at once.
8. `listening(...)` is the one connection outside every pool: it hears
   NOTIFY on a channel (SQLAlchemy has none), and runs nothing but a check.
9. `frozen_heap()` wraps the life of the app: what start-up built is left out
   of every full garbage collection while the app serves.

What each trick buys, measured, is in docs/performance.md.
"""

from app.db.fastpath._batches import Batcher
from app.db.fastpath._bulk import insert_rows, matched, one_of
from app.db.fastpath._driver import (
    FAILED,
    DatabaseUnreachable,
    DriverError,
    execute,
    execute_many,
    fetch,
)
from app.db.fastpath._heap import frozen_heap
from app.db.fastpath._lazy import LazyRows
from app.db.fastpath._listen import listening
from app.db.fastpath._readers import EngineReader, Reader, Row, open_reader

__all__ = [
    "FAILED",
    "Batcher",
    "DatabaseUnreachable",
    "DriverError",
    "EngineReader",
    "LazyRows",
    "Reader",
    "Row",
    "execute",
    "execute_many",
    "fetch",
    "frozen_heap",
    "insert_rows",
    "listening",
    "matched",
    "one_of",
    "open_reader",
]
