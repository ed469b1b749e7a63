"""Recording what happened: the audit event and, in the same transaction, the
outbox rows for every webhook endpoint that wants it, so nothing is announced
that did not happen and nothing that happened goes unannounced."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from app.db.fastpath import LazyRows
from app.db.unit_of_work import UnitOfWork
from app.domain.event_types import require_known
from app.domain.events import Event
from app.domain.webhooks import DeliveryStatus, WebhookEndpoint
from app.services.ids import new_id, new_ids

T = TypeVar("T")
SYSTEM = "system"  # the actor of changes no key made: jobs and renewals


def event(account_id: str | None, type: str, actor: str, at: datetime, **data: Any) -> Event:
    return Event(
        id=new_id("evt"),
        account_id=account_id,
        type=require_known(type),
        actor=actor,
        created_at=at,
        data=data,
    )


async def record(uow: UnitOfWork, *recorded: Event) -> None:
    await _record(uow, recorded, {e.account_id for e in recorded if e.account_id is not None})


async def record_each(
    uow: UnitOfWork,
    account_id: str,
    type: str,
    actor: str,
    at: datetime,
    items: Sequence[T],
    data: Callable[[T], dict[str, Any]],
) -> None:
    """An event of `type` per item, its `data(item)`. A downgrade records one
    per agent: the events are rows made on demand (see LazyRows), so their
    ids are drawn first, together, to be the same on every pass."""

    require_known(type)

    def made(event_id: str, item: T) -> Event:
        return Event(event_id, account_id, type, actor, created_at=at, data=data(item))

    await _record(uow, LazyRows(made, new_ids("evt", len(items)), items), {account_id})


async def _record(
    uow: UnitOfWork, recorded: tuple[Event, ...] | LazyRows[Event], accounts: set[str]
) -> None:
    """Write the events, then an outbox row for each endpoint that wants one:
    the account's own, and the platform's (which want every account's)."""
    # Each account's endpoints, asked for once (the repository reads them once
    # per unit of work).
    endpoints = {
        account_id: await uow.webhooks.endpoints_for(account_id) for account_id in accounts
    }
    await uow.events.add(recorded)
    if any(endpoints.values()):
        await uow.webhooks.enqueue(
            delivery
            for e in recorded
            if e.account_id is not None
            for delivery in _deliveries(e, endpoints[e.account_id])
        )


def _deliveries(e: Event, endpoints: list[WebhookEndpoint]) -> list[dict[str, Any]]:
    """An outbox row for each endpoint that wants the event."""
    wanting = [endpoint.id for endpoint in endpoints if endpoint.wants(e.type)]
    if not wanting:
        return []
    return outbox_rows(e, wanting)


def outbox_rows(e: Event, endpoint_ids: list[str]) -> list[dict[str, Any]]:
    """The event's outbox rows, one per endpoint, each with its own opaque id."""
    body = webhook_body(e)  # once per event, however many endpoints want it
    return [
        {
            "id": delivery_id,
            "account_id": e.account_id,
            "endpoint_id": endpoint_id,
            "event_id": e.id,
            "event_type": e.type,
            "payload": body,
            "status": DeliveryStatus.PENDING.value,
            "attempts": 0,
            "next_attempt_at": e.created_at,
            "created_at": e.created_at,
        }
        for endpoint_id, delivery_id in zip(
            endpoint_ids, new_ids("dlv", len(endpoint_ids)), strict=True
        )
    ]


def webhook_body(e: Event) -> str:
    """The delivery body: {"type", "timestamp", "data"}; the event id travels as webhook-id."""
    return json.dumps(
        {
            "type": e.type,
            "timestamp": e.created_at.isoformat().replace("+00:00", "Z"),
            "data": {"account_id": e.account_id, **e.data},
        },
        default=str,
        separators=(",", ":"),
    )
