"""What start-up built (modules, routes, mappers, the catalog) lives as long as
the app. Frozen, it is left out of every full collection: a large downgrade
triggers several, and each would otherwise walk the whole heap again. Thawed
when the app stops, so apps built one after another in a process (tests) leak
nothing."""

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
