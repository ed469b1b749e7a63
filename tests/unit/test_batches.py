"""Reads asked for in one turn of the event loop go out as one load; a read
asked for after a load left waits for the next one, so it sees what committed
before it was asked."""

from __future__ import annotations

import asyncio

import pytest

from app.db.fastpath import Batcher, DatabaseUnreachable


class Source:
    """A load that records the keys of every call and can be held open."""

    def __init__(self, values: dict[str, int]) -> None:
        self.values = values
        self.calls: list[list[str]] = []
        self.release = asyncio.Event()
        self.release.set()

    async def load(self, keys: list[str]) -> dict[str, int]:
        self.calls.append(keys)
        seen = {key: self.values[key] for key in keys if key in self.values}  # its snapshot
        await self.release.wait()
        return seen


async def test_reads_of_one_turn_share_one_load_and_each_gets_its_own_value() -> None:
    source = Source({"a": 1, "b": 2, "c": 3})
    batcher = Batcher(source.load)

    answers = await asyncio.gather(*(batcher.get(key) for key in ["a", "b", "a", "missing", "c"]))

    assert answers == [1, 2, 1, None, 3]
    assert source.calls == [["a", "b", "missing", "c"]]  # each key asked for once


async def test_a_read_asked_for_while_a_load_is_out_goes_in_the_next_load() -> None:
    source = Source({"a": 1})
    batcher = Batcher(source.load)
    source.release.clear()
    first = asyncio.create_task(batcher.get("a"))
    while not source.calls:  # the first load has left
        await asyncio.sleep(0)

    source.values["a"] = 2  # a commit after the first load left
    second = asyncio.create_task(batcher.get("a"))
    await asyncio.sleep(0)
    source.release.set()

    assert await first == 1
    assert await second == 2
    assert source.calls == [["a"], ["a"]]


async def test_a_failed_load_fails_every_read_with_its_own_error() -> None:
    async def down(keys: list[str]) -> dict[str, int]:
        raise DatabaseUnreachable("ConnectionRefusedError: no server")

    batcher: Batcher[str, int] = Batcher(down)
    results = await asyncio.gather(batcher.get("a"), batcher.get("b"), return_exceptions=True)

    assert all(isinstance(r, DatabaseUnreachable) for r in results)
    assert results[0] is not results[1]
    assert str(results[0]) == "ConnectionRefusedError: no server"


async def test_a_cancelled_read_leaves_the_others_their_answers() -> None:
    source = Source({"a": 1, "b": 2})
    batcher = Batcher(source.load)
    source.release.clear()
    leaving = asyncio.create_task(batcher.get("a"))
    staying = asyncio.create_task(batcher.get("b"))
    await asyncio.sleep(0)
    leaving.cancel()
    source.release.set()

    assert await staying == 2
    with pytest.raises(asyncio.CancelledError):
        await leaving
