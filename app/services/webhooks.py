"""Use cases: webhook endpoints and their deliveries."""

from __future__ import annotations

import asyncio
import base64
import secrets
import socket

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import AGENT_MANAGERS, Principal, require_role
from app.domain.errors import NotFound
from app.domain.webhooks import Delivery, WebhookEndpoint, check_addresses, check_url
from app.services.access import check_visible
from app.services.audit import event, record
from app.services.clock import Clock
from app.services.ids import new_id

SECRET_BYTES = 24


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


async def add_endpoint(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    url: str,
    event_types: list[str],
    clock: Clock,
    *,
    allow_private: bool,
) -> WebhookEndpoint:
    async with uow:
        await check_visible(uow, principal, account_id)
    require_role(principal, AGENT_MANAGERS, "manage webhooks")
    host = check_url(url)
    check_addresses(host, await resolve(host), allow_private)
    now = clock.now()
    endpoint = WebhookEndpoint(
        id=new_id("whe"),
        account_id=account_id,
        url=url,
        event_types=tuple(dict.fromkeys(event_types)),
        secret=new_signing_secret(),
        created_at=now,
    )
    async with uow:
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
    uow: UnitOfWork, principal: Principal, account_id: str, cursor: str | None, limit: int
) -> Page[WebhookEndpoint]:
    async with uow:
        await check_visible(uow, principal, account_id)
        require_role(principal, AGENT_MANAGERS, "read webhooks")
        return await uow.webhooks.endpoints_page(account_id, cursor, limit)


async def remove_endpoint(
    uow: UnitOfWork, principal: Principal, account_id: str, endpoint_id: str, clock: Clock
) -> None:
    async with uow:
        await check_visible(uow, principal, account_id)
        require_role(principal, AGENT_MANAGERS, "manage webhooks")
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
    account_id: str,
    endpoint_id: str,
    cursor: str | None,
    limit: int,
) -> Page[Delivery]:
    async with uow:
        await check_visible(uow, principal, account_id)
        require_role(principal, AGENT_MANAGERS, "read webhooks")
        await _endpoint(uow, account_id, endpoint_id)
        return await uow.webhooks.deliveries_page(endpoint_id, cursor, limit)


async def _endpoint(uow: UnitOfWork, account_id: str, endpoint_id: str) -> WebhookEndpoint:
    endpoint = await uow.webhooks.endpoint(account_id, endpoint_id)
    if endpoint is None:
        raise NotFound(f"No webhook endpoint {endpoint_id!r}.")
    return endpoint
