"""Background workers: inside the app for a single-node install, or on their
own (`seatkeeper dispatch`) for a scaled one. Both stop gracefully: the round
in progress finishes, then the loop ends."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from app.runtime import Runtime
from app.services.dispatcher import Dispatcher


@asynccontextmanager
async def background_workers(runtime: Runtime) -> AsyncIterator[None]:
    stop = asyncio.Event()
    tasks: list[asyncio.Task[None]] = []
    async with httpx.AsyncClient() as http:
        if runtime.settings.dispatcher:
            dispatcher = Dispatcher(runtime.unit_of_work, runtime.clock, http)
            tasks.append(
                asyncio.create_task(dispatcher.run(stop, runtime.settings.dispatch_interval))
            )
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)


async def run_until_signalled(runtime: Runtime) -> None:
    """Run the workers until SIGTERM or SIGINT."""
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopped.set)
    async with background_workers(runtime):
        await stopped.wait()
