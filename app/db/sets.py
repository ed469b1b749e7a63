"""Matching a column against many values in one statement, on both databases."""

from __future__ import annotations

import json

from sqlalchemy import ColumnElement, String, any_, bindparam, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession


def one_of(
    session: AsyncSession, column: ColumnElement[str], values: list[str]
) -> ColumnElement[bool]:
    """`column` is one of `values`, as a single parameter however many there are.

    An IN list takes a parameter per value (both drivers cap them), and PostgreSQL
    plans a long one as a filter that compares every row with every value: a
    downgrade of 10,000 agents in chunks of 1,000 took a second. An array on
    PostgreSQL, and a JSON array that SQLite reads with json_each, stay linear.
    """
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    if dialect == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(String)))
    return column.in_(
        select(literal_column("value")).select_from(func.json_each(json.dumps(values)))
    )
