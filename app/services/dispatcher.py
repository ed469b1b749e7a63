"""The webhook dispatcher: claims due deliveries from the outbox, signs them
(Standard Webhooks), sends them with httpx, and records what happened.

At least once: a delivery is settled only after the receiver answered, so a
dispatcher killed mid-send leaves it leased, and the lease runs out into a
retry. Never twice at once: claims take row locks with SKIP LOCKED and only an
endpoint's oldest unfinished delivery, so endpoints also receive in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from standardwebhooks.webhooks import Webhook

from app.db.unit_of_work import UnitOfWork
from app.db.webhooks import ClaimedDelivery
from app.domain.errors import InvalidRequest
from app.domain.webhooks import Delivery, DeliveryStatus, check_addresses, gives_up, retry_delay
from app.services.clock import Clock
from app.services.webhooks import resolve

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("seatkeeper.dispatcher")

LEASE = timedelta(seconds=60)
TIMEOUT_SECONDS = 10.0
CONNECT_TIMEOUT_SECONDS = 5.0


class Dispatcher:
    def __init__(
        self,
        new_uow: Callable[[], UnitOfWork],
        clock: Clock,
        http: httpx.AsyncClient | None = None,
        *,
        batch: int = 50,
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
        self.jitter = jitter
        self.allow_private = allow_private
        self.resolver = resolver

    async def run_once(self) -> int:
        """Send every delivery due now (one per endpoint); answers how many."""
        async with self.new_uow() as uow:
            claimed = await uow.webhooks.claim_due(self.clock.now(), LEASE, self.batch)
            await uow.commit()
        await asyncio.gather(*(self._deliver(item) for item in claimed))
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
        """Loop until `stop` is set; a round in progress finishes first."""
        try:
            while not stop.is_set():
                try:
                    sent = await self.run_once()
                except Exception:  # a database outage must not kill the loop
                    log.exception("dispatch round failed")
                    sent = 0
                if not sent:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), timeout=interval)
        finally:
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

    async def _deliver(self, item: ClaimedDelivery) -> None:
        import httpx  # deferred to the first delivery: see __init__

        from app.services.pinned import connecting_to  # imports httpx too

        delivery = item.delivery
        now = self.clock.now()
        headers = {
            "content-type": "application/json",
            "webhook-id": delivery.event_id,
            "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(item.secret).sign(
                delivery.event_id, now, delivery.payload
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
            addresses = await self.resolver(host)
            try:
                check_addresses(host, addresses, allow_private=False)
            except InvalidRequest as refused:
                if refused.code == "private_url":
                    await self._refuse(delivery, refused.detail)
                    return
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
        async with self.new_uow() as uow:
            if error is None:
                await uow.webhooks.settle(
                    delivery.seq,
                    DeliveryStatus.DELIVERED,
                    status_code=status_code,
                    error=None,
                    delivered_at=done,
                )
            elif gives_up(delivery.created_at, done):
                await uow.webhooks.settle(
                    delivery.seq, DeliveryStatus.FAILED, status_code=status_code, error=error
                )
            else:
                await uow.webhooks.settle(
                    delivery.seq,
                    DeliveryStatus.PENDING,
                    status_code=status_code,
                    error=error,
                    next_attempt_at=done + retry_delay(delivery.attempts, self.jitter()),
                )
            await uow.commit()

    async def _refuse(self, delivery: Delivery, reason: str) -> None:
        """A target that is not (or no longer) a public address: nothing is
        sent, and the delivery fails with our reason, never a text from there."""
        log.warning("webhook delivery %s refused: %s", delivery.event_id, reason)
        async with self.new_uow() as uow:
            await uow.webhooks.settle(
                delivery.seq, DeliveryStatus.FAILED, status_code=None, error=f"refused: {reason}"
            )
            await uow.commit()
