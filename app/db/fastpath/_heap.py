"""What start-up built (modules, routes, mappers, the catalog) lives as long as
the app. Frozen, it is left out of every full collection: a large downgrade
triggers several, and each would otherwise walk the whole heap again. Thawed
when the app stops, so apps built one after another in a process (tests) leak
nothing.

A bulk change (a downgrade of thousands of agents) holds tens of thousands of
objects that all live until it ends. Every automatic collection in the middle
of it walks them all and frees none of them (a full one took 40-170 ms of a
10,000-agent downgrade, collecting nothing), so `collections_after` holds the
collector off until the change ends; what was garbage meanwhile is collected
at the next automatic collection after it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen_heap() -> Iterator[None]:
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


_holding = 0  # bulk changes under way in this process (tasks overlap)
_was_enabled = False


@contextmanager
def collections_after() -> Iterator[None]:
    """No automatic garbage collection until the outermost of these ends."""
    global _holding, _was_enabled
    if _holding == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
    _holding += 1
    try:
        yield
    finally:
        _holding -= 1
        if _holding == 0 and _was_enabled:
            gc.enable()
