"""Background workers: inside the app for a single-node install, or on their
own (`seatkeeper dispatch`) for a scaled one. Both stop gracefully: the round
in progress finishes, then the loop ends."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from app.runtime import Runtime
from app.services.dispatcher import Dispatcher
from app.services.jobs import run_due_jobs

log = logging.getLogger("seatkeeper.workers")


@asynccontextmanager
async def background_workers(runtime: Runtime) -> AsyncIterator[None]:
    stop = asyncio.Event()
    tasks: list[asyncio.Task[None]] = []
    if runtime.settings.dispatcher:
        dispatcher = Dispatcher(
            runtime.unit_of_work,
            runtime.clock,
            allow_private=runtime.settings.webhook_allow_private,
        )
        tasks.append(asyncio.create_task(dispatcher.run(stop, runtime.settings.dispatch_interval)))
    if runtime.settings.jobs_interval > 0:
        tasks.append(asyncio.create_task(_jobs_loop(runtime, stop)))
    try:
        yield
    finally:
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _jobs_loop(runtime: Runtime, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await run_due_jobs(
                runtime.unit_of_work,
                runtime.catalog,
                runtime.clock,
                runtime.settings.temporary_seats_warning,
                on_failure=runtime.job_item_failed,
            )
        except Exception:  # an outage must not end the loop; the next round retries
            log.exception("scheduled jobs failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=runtime.settings.jobs_interval)


async def run_until_signalled(runtime: Runtime) -> None:
    """Run the workers until SIGTERM or SIGINT."""
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopped.set)
    async with background_workers(runtime):
        await stopped.wait()
