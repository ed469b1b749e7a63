"""Use cases: webhook endpoints and their deliveries."""

from __future__ import annotations

import asyncio
import base64
import secrets
import socket
from dataclasses import dataclass, replace

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import AGENT_MANAGERS, PLATFORM_ADMIN_ONLY, Principal, require_role
from app.domain.errors import Conflict, NotFound
from app.domain.event_types import check_subscription
from app.domain.webhooks import (
    OLD_SECRET_SIGNS_FOR,
    Delivery,
    DeliveryStatus,
    WebhookEndpoint,
    check_addresses,
    check_retry,
    check_url,
)
from app.services.access import check_visible
from app.services.audit import event, outbox_rows, record
from app.services.clock import Clock
from app.services.ids import new_id

SECRET_BYTES = 24


@dataclass(frozen=True, slots=True)
class EndpointChanges:
    """A PATCH: each field left None stays as it is."""

    url: str | None = None
    event_types: list[str] | None = None
    enabled: bool | None = None


def new_signing_secret() -> str:
    """The Standard Webhooks form: whsec_ and the base64 of random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


async def resolve(host: str) -> list[str]:
    """The host's addresses, in the resolver's order of preference."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def _door(uow: UnitOfWork, principal: Principal, account_id: str | None, action: str) -> None:
    """An account's endpoints are its managers'; the platform's (no account),
    the platform admin's. Inside a unit of work."""
    if account_id is None:
        require_role(principal, PLATFORM_ADMIN_ONLY, action)
        return
    await check_visible(uow, principal, account_id)
    require_role(principal, AGENT_MANAGERS, action)


async def _check_target(url: str, allow_private: bool) -> None:
    host = check_url(url)
    check_addresses(host, await resolve(host), allow_private)


async def add_endpoint(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str | None,
    url: str,
    event_types: list[str],
    clock: Clock,
    *,
    allow_private: bool,
) -> WebhookEndpoint:
    """An account's endpoint, or (account_id None) a platform endpoint that
    receives the events of every account."""
    async with uow:
        await _door(uow, principal, account_id, "manage webhooks")
    wanted = check_subscription(event_types)
    await _check_target(url, allow_private)
    now = clock.now()
    endpoint = WebhookEndpoint(
        id=new_id("whe"),
        account_id=account_id,
        url=url,
        event_types=wanted,
        secret=new_signing_secret(),
        created_at=now,
    )
    async with uow:
        if account_id is not None:
            # The account's lock: use cases holding it may rely on "no endpoints"
            # read with the account (see HAS_ENDPOINTS in app/db/accounts.py).
            await uow.accounts.get(account_id, lock=True)
        await uow.webhooks.add_endpoint(endpoint)
        await record(
            uow,
            event(
                account_id,
                "webhook_endpoint.created",
                principal.actor,
                now,
                endpoint_id=endpoint.id,
                url=url,
                event_types=list(endpoint.event_types),
            ),
        )
        await uow.commit()
    return endpoint


async def list_endpoints(
    uow: UnitOfWork, principal: Principal, account_id: str | None, cursor: str | None, limit: int
) -> Page[WebhookEndpoint]:
    async with uow:
        await _door(uow, principal, account_id, "read webhooks")
        return await uow.webhooks.endpoints_page(account_id, cursor, limit)


async def get_endpoint(
    uow: UnitOfWork, principal: Principal, account_id: str | None, endpoint_id: str
) -> WebhookEndpoint:
    async with uow:
        await _door(uow, principal, account_id, "read webhooks")
        return await _endpoint(uow, account_id, endpoint_id)


async def update_endpoint(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str | None,
    endpoint_id: str,
    changes: EndpointChanges,
    clock: Clock,
    *,
    allow_private: bool,
) -> WebhookEndpoint:
    """PATCH: a new URL is checked as on creation; types as on creation."""
    async with uow:
        await _door(uow, principal, account_id, "manage webhooks")
        await _endpoint(uow, account_id, endpoint_id)
    wanted = check_subscription(changes.event_types) if changes.event_types is not None else None
    if changes.url is not None:
        await _check_target(changes.url, allow_private)
    async with uow:
        if account_id is not None:
            # Enabling may give the account its first endpoint: as on creation.
            await uow.accounts.get(account_id, lock=True)
        endpoint = await _endpoint(uow, account_id, endpoint_id, lock=True)
        updated = replace(
            endpoint,
            url=endpoint.url if changes.url is None else changes.url,
            event_types=endpoint.event_types if wanted is None else wanted,
            enabled=endpoint.enabled if changes.enabled is None else changes.enabled,
        )
        changed = {
            name: {"from": before, "to": after}
            for name, before, after in (
                ("url", endpoint.url, updated.url),
                ("event_types", list(endpoint.event_types), list(updated.event_types)),
                ("enabled", endpoint.enabled, updated.enabled),
            )
            if before != after
        }
        if not changed:
            return endpoint
        now = clock.now()
        await uow.webhooks.save_endpoint(updated, now)
        await record(
            uow,
            event(
                account_id,
                "webhook_endpoint.updated",
                principal.actor,
                now,
                endpoint_id=endpoint_id,
                changes=changed,
            ),
        )
        await uow.commit()
    return updated


async def rotate_secret(
    uow: UnitOfWork, principal: Principal, account_id: str | None, endpoint_id: str, clock: Clock
) -> WebhookEndpoint:
    """A new secret; the one it replaces signs too for a day, so a receiver
    can move to the new one without missing a delivery."""
    async with uow:
        await _door(uow, principal, account_id, "manage webhooks")
        endpoint = await _endpoint(uow, account_id, endpoint_id, lock=True)
        now = clock.now()
        rotated = replace(
            endpoint,
            secret=new_signing_secret(),
            previous_secret=endpoint.secret,
            previous_secret_expires_at=now + OLD_SECRET_SIGNS_FOR,
        )
        await uow.webhooks.save_endpoint(rotated, now)
        await record(
            uow,
            event(
                account_id,
                "webhook_endpoint.secret_rotated",
                principal.actor,
                now,
                endpoint_id=endpoint_id,
                previous_secret_expires_at=rotated.previous_secret_expires_at,
            ),
        )
        await uow.commit()
    return rotated


async def send_test(
    uow: UnitOfWork, principal: Principal, account_id: str | None, endpoint_id: str, clock: Clock
) -> Delivery:
    """Queue a `webhook.test` event for this endpoint only. It changes
    nothing, so it is not in the audit trail; its delivery row is its record."""
    async with uow:
        await _door(uow, principal, account_id, "manage webhooks")
        endpoint = await _endpoint(uow, account_id, endpoint_id)
        if not endpoint.enabled:
            raise Conflict(
                "The endpoint is disabled: enable it (PATCH) to test it.",
                code="webhook_endpoint_disabled",
            )
        ping = event(
            account_id, "webhook.test", principal.actor, clock.now(), endpoint_id=endpoint_id
        )
        rows = outbox_rows(ping, [endpoint_id])
        await uow.webhooks.enqueue(rows)
        delivery = await uow.webhooks.delivery(account_id, rows[0]["id"])
        await uow.commit()
    assert delivery is not None  # written just above, in this transaction
    return delivery


async def remove_endpoint(
    uow: UnitOfWork, principal: Principal, account_id: str | None, endpoint_id: str, clock: Clock
) -> None:
    async with uow:
        await _door(uow, principal, account_id, "manage webhooks")
        await _endpoint(uow, account_id, endpoint_id)
        await uow.webhooks.remove_endpoint(account_id, endpoint_id)
        await record(
            uow,
            event(
                account_id,
                "webhook_endpoint.deleted",
                principal.actor,
                clock.now(),
                endpoint_id=endpoint_id,
            ),
        )
        await uow.commit()


async def list_deliveries(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str | None,
    endpoint_id: str,
    cursor: str | None,
    limit: int,
) -> Page[Delivery]:
    async with uow:
        await _door(uow, principal, account_id, "read webhooks")
        await _endpoint(uow, account_id, endpoint_id)
        return await uow.webhooks.deliveries_page(endpoint_id, cursor, limit)


async def retry_delivery(
    uow: UnitOfWork, principal: Principal, account_id: str | None, delivery_id: str, clock: Clock
) -> Delivery:
    """Send a delivery again now, whatever became of it, with a fresh day of
    retries; refused while it is being sent."""
    async with uow:
        await _door(uow, principal, account_id, "manage webhooks")
        delivery = await uow.webhooks.delivery(account_id, delivery_id, lock=True)
        if delivery is None:
            raise NotFound(f"No delivery {delivery_id!r}.")
        check_retry(delivery)
        now = clock.now()
        await uow.webhooks.requeue(delivery, now)
        await record(
            uow,
            event(
                account_id,
                "webhook_delivery.retried",
                principal.actor,
                now,
                endpoint_id=delivery.endpoint_id,
                delivery_id=delivery_id,
            ),
        )
        await uow.commit()
    return replace(
        delivery,
        status=DeliveryStatus.PENDING,
        next_attempt_at=now,
        retried_at=now,
        delivered_at=None,
    )


async def _endpoint(
    uow: UnitOfWork, account_id: str | None, endpoint_id: str, *, lock: bool = False
) -> WebhookEndpoint:
    endpoint = await uow.webhooks.endpoint(account_id, endpoint_id, lock=lock)
    if endpoint is None:
        raise NotFound(f"No webhook endpoint {endpoint_id!r}.")
    return endpoint
