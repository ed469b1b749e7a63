"""Statements over many rows at once, on both databases: a downgrade touches
one row per agent, 10,000 or more in one transaction.

An IN list takes a parameter per value (both drivers cap them), and
PostgreSQL plans a long one as a filter that compares every row with every
value; an executemany pays a bind and an execute per row on both sides. So
many values to match travel in one parameter (an array on PostgreSQL, a JSON
document elsewhere, which the database takes apart), and many rows to insert
travel in one COPY on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain, islice
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    Text,
    any_,
    bindparam,
    func,
    insert,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.engine import on_postgresql, to_json
from app.db.fastpath._driver import copy_rows

MATCHED = "matched"  # the parameter one_of compares with, which matched() gives


def one_of(session: AsyncSession, column: ColumnElement[str]) -> ColumnElement[bool]:
    """`column` is one of the values passed at execution as
    `matched(session, values)`, a single parameter however many there are.

    On PostgreSQL a text[] parameter: the planner sees its values and probes
    the primary key with them. (The same list as JSON, unpacked into an array
    inside the statement, reached the planner as an unknown and became a filter
    comparing every seat with every id.) On
    SQLite a JSON array, which json_each unpacks. The values travel with the
    execution, not inside the statement: inside it, they were still referenced
    once the request had ended (a downgrade's lists of 10,000 ids, three of
    them, found alive afterwards by what SQLAlchemy keeps of a statement it
    has run).
    """
    if on_postgresql(session):
        return column == any_(bindparam(MATCHED, type_=ARRAY(Text)))
    elements: Select[Any] = select(literal_column("value")).select_from(
        func.json_each(bindparam(MATCHED, type_=Text))
    )
    return column.in_(elements)


def matched(session: AsyncSession, values: list[str]) -> dict[str, list[str] | str]:
    """The execution's parameters for `one_of`: `values` as its database takes them."""
    return {MATCHED: values if on_postgresql(session) else to_json(values)}


async def insert_rows(
    session: AsyncSession, table: Table, rows: Iterable[Mapping[str, Any]]
) -> None:
    """Insert `rows` (each with the same keys), in their order, taking them
    lazily: a downgrade's events built at once were half of its peak memory,
    and CPython keeps a request's peak for the life of the worker. The rows
    arrive in order, so serial keys still follow them."""
    it = iter(rows)
    head = list(islice(it, 2))
    if len(head) == 1:  # one INSERT: a COPY costs a round trip more
        await session.execute(insert(table), head)
    elif head:
        await copy_rows(session, table, chain(head, it))
