"""Statements over many rows at once, on both databases: a downgrade touches
one row per agent, 10,000 or more in one transaction.

An IN list takes a parameter per value (both drivers cap them), and
PostgreSQL plans a long one as a filter that compares every row with every
value; an executemany pays a bind and an execute per row on both sides. So
many values travel in one parameter: an array on PostgreSQL, a JSON document
elsewhere, which the database takes apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import islice
from typing import Any

from sqlalchemy import (
    JSON,
    BindParameter,
    ColumnElement,
    Insert,
    Select,
    Table,
    Text,
    any_,
    bindparam,
    cast,
    column,
    func,
    insert,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.engine import on_postgresql, to_json


def one_of(
    session: AsyncSession, column: ColumnElement[str], values: list[str]
) -> ColumnElement[bool]:
    """`column` is one of `values`, as a single parameter however many there are.

    On PostgreSQL a text[] parameter: the planner sees its values and probes
    the primary key with them. (The same list as JSON, unpacked into an array
    inside the statement, reached the planner as an unknown and became a filter
    comparing every seat with every id: 1.6 s to release 10,000 seats.) On
    SQLite a JSON array, which json_each unpacks.
    """
    if on_postgresql(session):
        return column == any_(bindparam(None, values, type_=ARRAY(Text)))
    elements: Select[Any] = select(literal_column("value")).select_from(
        func.json_each(_document(values))
    )
    return column.in_(elements)


BATCH = 1_000  # rows per INSERT: what a batch allocates stays in the worker


async def insert_rows(
    session: AsyncSession, table: Table, rows: Iterable[Mapping[str, Any]]
) -> None:
    """Insert `rows` (each with the same keys), in their order, a batch of
    rows per statement.

    Taken lazily, a batch at a time: 10,000 events built at once (a dict per
    row, then the document) were half of a downgrade's peak memory, and CPython
    keeps a request's peak for the life of the worker. On PostgreSQL, each batch
    is one INSERT ... SELECT FROM json_to_recordset() over a JSON document of
    the rows, made by one call into pydantic-core's encoder: arrays of each
    column cost the driver a type check and an encoding per element, and a JSON
    column an encoding per value (10,000 events: about a fifth of a downgrade's
    time in Python). The rows arrive in order, so serial keys still follow them.
    SQLite runs in-process, where the executemany costs no round trips.
    """
    it = iter(rows)
    while batch := list(islice(it, BATCH)):
        if len(batch) == 1 or not on_postgresql(session):
            await session.execute(insert(table), batch)
        else:
            await session.execute(_insert_document(table, batch))


def _insert_document(table: Table, rows: list[Mapping[str, Any]]) -> Insert:
    """A column with one value in every row (the account, the type, the time)
    is bound once rather than repeated in the document."""
    names = list(rows[0])
    first = rows[0]
    varying = [name for name in names if any(row[name] != first[name] for row in rows)]
    varying = varying or names  # identical rows: the document still counts them
    document = _document([{name: row[name] for name in varying} for row in rows])
    source = (
        func.json_to_recordset(cast(document, JSON))
        .table_valued(*(column(name, table.c[name].type) for name in varying))
        .render_derived(with_types=True)
    )
    values = [
        source.c[name]
        if name in varying
        else bindparam(None, first[name], type_=table.c[name].type)
        for name in names
    ]
    return insert(table).from_select(names, select(*values).select_from(source))


def _document(values: list[Any]) -> BindParameter[str]:
    return bindparam(None, to_json(values), type_=Text)
