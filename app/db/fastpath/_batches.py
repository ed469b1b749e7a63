"""Reads of one key each, asked for in the same turn of the event loop, sent to
the database as one query (the DataLoader pattern).

Under load the event loop takes in many requests per turn, and each reaches
its first read before the turn ends. A query has a fixed cost whatever it
reads (the round trip, and the backend's protocol work even for SELECT 1),
paid here once per batch rather than once per request. That cost is what the
workers of a machine compete for with the database; paid per request, it kept
a second worker from adding much.

A batch is sent in the turn after its first read was asked for, so every read
in it was asked for before the query left: each still sees every commit that
completed before it was asked.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Awaitable, Callable, Hashable, Mapping
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Batcher(Generic[K, V]):
    def __init__(self, load: Callable[[list[K]], Awaitable[Mapping[K, V]]]) -> None:
        """`load` answers the values of the keys it found, in one query."""
        self._load = load
        self._asked: dict[K, list[asyncio.Future[V | None]]] = {}
        self._loading: set[asyncio.Task[None]] = set()

    async def get(self, key: K) -> V | None:
        loop = asyncio.get_running_loop()
        if not self._asked:
            loop.call_soon(self._send)
        future: asyncio.Future[V | None] = loop.create_future()
        self._asked.setdefault(key, []).append(future)
        return await future

    def _send(self) -> None:
        asked, self._asked = self._asked, {}
        task = asyncio.create_task(self._answer(asked))
        self._loading.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(self._loading.discard)

    async def _answer(self, asked: dict[K, list[asyncio.Future[V | None]]]) -> None:
        try:
            found = await self._load(list(asked))
        except BaseException as exc:
            for futures in asked.values():
                for future in futures:
                    if future.done():  # its waiter was cancelled
                        continue
                    if isinstance(exc, Exception):
                        # Each waiter raises its own copy: one exception raised
                        # in many tasks would collect all their tracebacks.
                        future.set_exception(_copy(exc))
                    else:
                        future.cancel()
            if not isinstance(exc, Exception):
                raise
            return
        for key, futures in asked.items():
            for future in futures:
                if not future.done():
                    future.set_result(found.get(key))


def _copy(exc: Exception) -> Exception:
    twin = copy.copy(exc)
    twin.__cause__ = exc.__cause__
    return twin
