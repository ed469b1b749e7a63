"""Rows made on demand, again each time they are iterated.

A downgrade writes an event per agent and, for the webhook endpoints that want
them, an outbox row per event, in that order (the outbox refers to the event).
Holding every event until both were written was the largest part of its peak
memory, which CPython keeps for the life of the worker; making each event
again for the second table costs less than keeping it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class LazyRows(Generic[T]):
    """`make(a, b, ...)` for each position of the `sources`, zipped. `make`
    must answer equal rows for equal arguments: each pass makes them anew."""

    def __init__(self, make: Callable[..., T], *sources: Sequence[Any]) -> None:
        if len({len(source) for source in sources}) > 1:
            raise ValueError("the sources differ in length")
        self._make = make
        self._sources = sources

    def __len__(self) -> int:
        return len(self._sources[0]) if self._sources else 0

    def __iter__(self) -> Iterator[T]:
        return map(self._make, *self._sources)
