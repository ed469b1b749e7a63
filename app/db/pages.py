"""Keyset pagination, newest first, stable while rows are inserted.

A cursor is the (timestamp, id) of the last row of a page; the next page is
everything strictly older. New rows are newer, so they never shift a page.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, and_, or_
from sqlalchemy.orm import InstrumentedAttribute

from app.domain.errors import InvalidRequest

T = TypeVar("T")
SelectT = TypeVar("SelectT", bound="Select[*tuple[Any, ...]]")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def encode_cursor(moment: datetime, key: str) -> str:
    raw = json.dumps([moment.isoformat(), key]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        moment, key = json.loads(base64.urlsafe_b64decode(padded.encode()))
        parsed = datetime.fromisoformat(moment)
        if parsed.tzinfo is None:
            raise ValueError("a cursor's moment carries its zone")
        return parsed.astimezone(UTC), str(key)
    except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeDecodeError):
        raise InvalidRequest(
            "The cursor is not one this service gave out.", code="invalid_cursor"
        ) from None


def newest_first(
    stmt: SelectT,
    moment_column: InstrumentedAttribute[datetime],
    key_column: InstrumentedAttribute[str],
    cursor: str | None,
    limit: int,
) -> SelectT:
    """Order newest first and start after the cursor; fetches one extra row to
    tell whether a next page exists."""
    if cursor is not None:
        moment, key = decode_cursor(cursor)
        stmt = stmt.where(
            or_(moment_column < moment, and_(moment_column == moment, key_column < key))
        )
    ordered = stmt.order_by(moment_column.desc(), key_column.desc()).limit(limit + 1)
    return ordered


def oldest_first(
    stmt: SelectT,
    moment_column: InstrumentedAttribute[datetime],
    key_column: InstrumentedAttribute[str],
    cursor: str | None,
    limit: int,
) -> SelectT:
    """The same, oldest first (a queue): start strictly after the cursor."""
    if cursor is not None:
        moment, key = decode_cursor(cursor)
        stmt = stmt.where(
            or_(moment_column > moment, and_(moment_column == moment, key_column > key))
        )
    return stmt.order_by(moment_column, key_column).limit(limit + 1)


def cut_page(rows: list[T], limit: int, moment_key: Any) -> Page[T]:
    """Trim the extra row fetched by `newest_first` and build the next cursor."""
    if len(rows) <= limit:
        return Page(rows, None)
    rows = rows[:limit]
    moment, key = moment_key(rows[-1])
    return Page(rows, encode_cursor(moment, key))
