"""The webhook dispatcher: claims due deliveries from the outbox, signs them
(Standard Webhooks), sends them with httpx, and records what happened.

At least once: a delivery is settled only after the receiver answered, so a
dispatcher killed mid-send leaves it leased, and the lease runs out into a
retry. Never twice at once: claims take row locks with SKIP LOCKED (several
dispatchers run side by side) and lease what they took.

No head-of-line blocking, and no order: any due delivery is claimed, whatever
is unfinished before it, and claimed deliveries are sent concurrently
(`concurrency` at once per dispatcher, `per_endpoint` of them to one
endpoint, so a slow receiver cannot take every slot). First attempts are
claimed and started in the order the events were recorded; a receiver that
needs order sorts by the body's `timestamp` (docs/api.md promises no order).

Each outcome is written as soon as its attempt ends, together with whatever
else ended meanwhile (one statement per write): a delivery is never held
back, nor left leased, until the slowest of the others claimed with it is
answered. The loop claims more whenever fewer than `batch x rounds_in_flight`
are unfinished, not when a whole batch is done.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from standardwebhooks.webhooks import Webhook

from app.db.unit_of_work import UnitOfWork
from app.db.webhooks import ClaimedDelivery, Settled
from app.domain.errors import InvalidRequest
from app.domain.webhooks import DeliveryStatus, check_addresses, gives_up, retry_delay
from app.services.clock import Clock
from app.services.webhooks import resolve

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("seatkeeper.dispatcher")

LEASE = timedelta(seconds=60)
TIMEOUT_SECONDS = 10.0
CONNECT_TIMEOUT_SECONDS = 5.0
# How soon a dispatcher that just found work looks again: under load, events
# are made while it sends, and the in-app dispatcher's 1 s idle interval left
# a second of them behind the adds (docs/performance.md, Webhooks).
BUSY_INTERVAL = 0.05


class _Slots:
    """A bounded number of sends to each endpoint; an endpoint's semaphore
    lives only while something is sent to it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._held: dict[str, tuple[asyncio.Semaphore, int]] = {}

    @contextlib.asynccontextmanager
    async def of(self, key: str) -> AsyncIterator[None]:
        semaphore, users = self._held.get(key, (asyncio.Semaphore(self.size), 0))
        self._held[key] = (semaphore, users + 1)
        try:
            async with semaphore:
                yield
        finally:
            semaphore, users = self._held[key]
            if users == 1:
                del self._held[key]
            else:
                self._held[key] = (semaphore, users - 1)


class _Settler:
    """Writes outcomes as attempts end: the first to end starts a write, and
    whatever ends while a write is out goes in the next one, so a busy
    dispatcher writes many outcomes per statement and an idle one at once."""

    def __init__(self, new_uow: Callable[[], UnitOfWork]) -> None:
        self.new_uow = new_uow
        self._waiting: list[Settled] = []
        self._writing: asyncio.Task[None] | None = None

    def add(self, outcome: Settled) -> None:
        self._waiting.append(outcome)
        if self._writing is None:
            self._writing = asyncio.create_task(self._write())

    async def flushed(self) -> None:
        """Until every outcome added so far is written (or its write failed)."""
        while self._writing is not None:
            await asyncio.shield(self._writing)

    async def _write(self) -> None:
        try:
            while self._waiting:
                outcomes, self._waiting = self._waiting, []
                try:
                    async with self.new_uow() as uow:
                        await uow.webhooks.settle(outcomes)
                        await uow.commit()
                except Exception:  # unsettled rows stay leased, and are retried when the lease ends
                    log.exception("settling %d webhook deliveries failed", len(outcomes))
        finally:
            self._writing = None


class Dispatcher:
    def __init__(
        self,
        new_uow: Callable[[], UnitOfWork],
        clock: Clock,
        http: httpx.AsyncClient | None = None,
        *,
        batch: int = 100,
        concurrency: int = 64,
        per_endpoint: int = 8,
        rounds_in_flight: int = 4,
        jitter: Callable[[], float] = random.random,
        allow_private: bool = False,
        resolver: Callable[[str], Awaitable[list[str]]] = resolve,
    ) -> None:
        """Without `http`, the dispatcher opens its own client at its first
        delivery and closes it when `run` ends: httpx and a client (its TLS
        context holds the CA bundle) are a worker's memory for good, and an API
        worker of an install with no webhook endpoints never sends anything."""
        self.new_uow = new_uow
        self.clock = clock
        self.http = http
        self._owns_http = http is None
        self.batch = batch
        self.rounds_in_flight = rounds_in_flight
        self.jitter = jitter
        self.allow_private = allow_private
        self.resolver = resolver
        self._sending = asyncio.Semaphore(concurrency)
        self._endpoints = _Slots(per_endpoint)
        self._settling = _Settler(new_uow)

    async def run_once(self) -> int:
        """Claim one batch of due deliveries, send them, settle them; answers how many."""
        claimed = await self._claim(self.batch)
        if claimed:
            await self._send_round(claimed)
        await self._settling.flushed()
        return len(claimed)

    async def drain(self, rounds: int = 1000) -> int:
        """Run until nothing is due (for tests and the CLI's --once)."""
        total = 0
        for _ in range(rounds):
            sent = await self.run_once()
            if not sent:
                break
            total += sent
        return total

    async def run(self, stop: asyncio.Event, interval: float) -> None:
        """Loop until `stop` is set; the deliveries in progress finish first.

        Claims a batch whenever one fits in `batch x rounds_in_flight`
        unfinished deliveries: a slow receiver holds only its own deliveries,
        and what the others free is claimed again without waiting for it.
        Whole batches only: a claim per freed slot cost a statement per
        delivery. `interval` is how long an idle dispatcher waits; one whose
        last claim found work looks again after BUSY_INTERVAL, so events made
        while it sends wait for no more than that."""
        unfinished: set[asyncio.Task[None]] = set()
        most = self.batch * (self.rounds_in_flight - 1)  # unfinished, for a batch to fit
        room = asyncio.Event()

        def finished(task: asyncio.Task[None]) -> None:
            unfinished.discard(task)
            if len(unfinished) <= most:
                room.set()

        try:
            while not stop.is_set():
                claimed: list[ClaimedDelivery] = []
                fits = len(unfinished) <= most
                if fits:
                    try:
                        claimed = await self._claim(self.batch)
                    except Exception:  # a database outage must not kill the loop
                        log.exception("dispatch claim failed")
                    lookups: dict[str, asyncio.Task[list[str]]] = {}
                    for item in claimed:
                        task = asyncio.create_task(self._guarded_attempt(item, lookups))
                        unfinished.add(task)
                        task.add_done_callback(finished)
                    if len(claimed) == self.batch:
                        continue  # more may be due already
                    fits = len(unfinished) <= most
                room.clear()
                waits = [asyncio.ensure_future(stop.wait())]
                pause: float | None = min(interval, BUSY_INTERVAL) if claimed else interval
                if not fits:  # until a batch fits again
                    waits.append(asyncio.ensure_future(room.wait()))
                    pause = None
                try:
                    await asyncio.wait(waits, timeout=pause, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for waiting in waits:
                        waiting.cancel()
        finally:
            await asyncio.gather(*unfinished, return_exceptions=True)
            await self._settling.flushed()
            await self.aclose()

    async def aclose(self) -> None:
        """Close the client the dispatcher opened itself (never one it was given)."""
        if self._owns_http and self.http is not None:
            await self.http.aclose()
            self.http = None

    def _client(self) -> httpx.AsyncClient:
        if self.http is None:
            import httpx  # deferred to the first delivery: see __init__

            from app.services.pinned import PinnedTransport

            pinned = None if self.allow_private else PinnedTransport()
            self.http = httpx.AsyncClient(transport=pinned)
        return self.http

    async def _claim(self, limit: int) -> list[ClaimedDelivery]:
        async with self.new_uow() as uow:
            claimed = await uow.webhooks.claim_due(self.clock.now(), LEASE, limit)
            await uow.commit()
        return claimed

    async def _send_round(self, claimed: list[ClaimedDelivery]) -> None:
        # One lookup per host and claim: every delivery is still checked at
        # the moment it is sent, not against what was seen at registration.
        lookups: dict[str, asyncio.Task[list[str]]] = {}
        await asyncio.gather(*(self._guarded_attempt(item, lookups) for item in claimed))

    async def _guarded_attempt(
        self, item: ClaimedDelivery, lookups: dict[str, asyncio.Task[list[str]]]
    ) -> None:
        try:
            outcome = await self._attempt(item, lookups)
        except Exception:  # an unsettled row stays leased, and is retried when the lease ends
            log.exception("webhook delivery %s failed", item.delivery.id)
            return
        self._settling.add(outcome)

    async def _attempt(
        self, item: ClaimedDelivery, lookups: dict[str, asyncio.Task[list[str]]]
    ) -> Settled:
        # The endpoint's slot first: waiting for it holds none of the shared ones.
        async with self._endpoints.of(item.delivery.endpoint_id), self._sending:
            return await self._deliver(item, lookups)

    async def _deliver(
        self, item: ClaimedDelivery, lookups: dict[str, asyncio.Task[list[str]]]
    ) -> Settled:
        import httpx  # deferred to the first delivery: see __init__

        from app.services.pinned import connecting_to  # imports httpx too

        delivery = item.delivery
        now = self.clock.now()
        headers = {
            "content-type": "application/json",
            "webhook-id": delivery.event_id,
            "webhook-timestamp": str(int(now.timestamp())),
            # During a rotation, one signature per secret (space separated).
            "webhook-signature": " ".join(
                Webhook(secret).sign(delivery.event_id, now, delivery.payload)
                for secret in item.secrets
            ),
        }
        status_code: int | None = None
        error: str | None = None
        pinned: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
        if not self.allow_private:
            # Checked at every delivery: the name may resolve elsewhere now than
            # when the endpoint was registered (DNS rebinding). The connection
            # goes to the address checked here (see app/services/pinned.py).
            host = httpx.URL(item.url).raw_host.decode("ascii")
            if host not in lookups:
                lookups[host] = asyncio.ensure_future(self.resolver(host))
            addresses = await lookups[host]
            try:
                check_addresses(host, addresses, allow_private=False)
            except InvalidRequest as refused:
                if refused.code == "private_url":
                    # Nothing is sent, and the delivery fails with our reason,
                    # never a text from there.
                    log.warning("webhook delivery %s refused: %s", delivery.id, refused.detail)
                    return Settled(
                        delivery,
                        DeliveryStatus.FAILED,
                        status_code=None,
                        error=f"refused: {refused.detail}",
                    )
                error = refused.detail  # DNS may be back by the next attempt
            else:
                pinned = connecting_to(host, addresses[0])
        if error is None:
            try:
                with pinned:
                    response = await self._client().post(
                        item.url,
                        content=delivery.payload,
                        headers=headers,
                        # A redirect would lead to an address nobody checked.
                        follow_redirects=False,
                        timeout=httpx.Timeout(TIMEOUT_SECONDS, connect=CONNECT_TIMEOUT_SECONDS),
                    )
                status_code = response.status_code
                if not response.is_success:
                    error = f"HTTP {status_code}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
        done = self.clock.now()
        if error is None:
            return Settled(
                delivery,
                DeliveryStatus.DELIVERED,
                status_code=status_code,
                error=None,
                delivered_at=done,
            )
        if gives_up(delivery.retrying_since, done):
            return Settled(delivery, DeliveryStatus.FAILED, status_code=status_code, error=error)
        return Settled(
            delivery,
            DeliveryStatus.PENDING,
            status_code=status_code,
            error=error,
            next_attempt_at=done + retry_delay(delivery.attempts, self.jitter()),
        )
