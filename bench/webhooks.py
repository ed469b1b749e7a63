"""Webhook throughput: how many deliveries a second one dispatcher sends to one
local receiver.

Queues N events for one endpoint (through the service's own recording path),
then runs the dispatcher loop until every delivery is settled, and prints the
rate. The receiver is a separate process on 127.0.0.1 that answers 204 on a
kept-alive connection, so what is measured is the dispatcher and the database.

    .venv/bin/python bench/webhooks.py                      # SQLite in a temp dir
    .venv/bin/python bench/webhooks.py --database-url postgresql://postgres@127.0.0.1:5432/sk_x
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.config import Settings, async_database_url
from app.db.migrate import upgrade
from app.domain.access import Principal, Role
from app.main import create_app
from app.runtime import Runtime
from app.services.audit import event, record
from app.services.clock import SystemClock
from app.services.dispatcher import Dispatcher
from app.services.webhooks import add_endpoint
from tests.builders import account_body

ADMIN_KEY = "bench-webhooks-admin-key-0000"
ANSWER = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"


def _receive(port: int, ready: multiprocessing.synchronize.Event) -> None:
    """A receiver that reads each request and answers 204, nothing more."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                writer.write(ANSWER)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port)
        ready.set()
        async with server:
            await server.serve_forever()

    asyncio.run(main())


async def measure(database_url: str, count: int, port: int, per_endpoint: int) -> None:
    settings = Settings(
        database_url=database_url,
        bootstrap_admin_key=ADMIN_KEY,
        dispatcher=False,
        jobs_interval=0,
        webhook_allow_private=True,  # the receiver is on 127.0.0.1
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        runtime: Runtime = app.state.runtime
        import httpx

        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://bench",
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
        ) as client:
            account = (await client.post("/v1/accounts", json=account_body())).json()
        admin = Principal(key_id="bench", role=Role.PLATFORM_ADMIN)
        await add_endpoint(
            runtime.unit_of_work(),
            admin,
            account["id"],
            f"http://127.0.0.1:{port}/hooks",
            ["agent.added"],
            runtime.clock,
            allow_private=True,
        )
        now = datetime.now(UTC)
        async with runtime.unit_of_work() as uow:
            for n in range(count):
                await record(
                    uow,
                    event(account["id"], "agent.added", "bench", now, user_id=f"u{n}", products=[]),
                )
            await uow.commit()

        dispatcher = Dispatcher(
            runtime.unit_of_work, SystemClock(), allow_private=True, per_endpoint=per_endpoint
        )
        stop = asyncio.Event()
        started = time.perf_counter()
        running = asyncio.create_task(dispatcher.run(stop, interval=0.05))
        async with asyncio.timeout(300):
            while True:
                await asyncio.sleep(0.25)
                async with runtime.unit_of_work() as uow:
                    if await uow.webhooks.backlog() == 0:
                        break
        elapsed = time.perf_counter() - started
        stop.set()
        await running
        print(f"{count} deliveries in {elapsed:.2f} s: {count / elapsed:.0f} a second")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--port", type=int, default=18571)
    parser.add_argument("--per-endpoint", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        url = async_database_url(url)
        upgrade(url)
        ready = multiprocessing.Event()
        receiver = multiprocessing.Process(target=_receive, args=(args.port, ready), daemon=True)
        receiver.start()
        try:
            ready.wait(10)
            asyncio.run(measure(url, args.count, args.port, args.per_endpoint))
        finally:
            receiver.terminate()
            receiver.join(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
