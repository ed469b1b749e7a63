"""Recording what happened: the audit event and, in the same transaction, the
outbox rows for every webhook endpoint that wants it, so nothing is announced
that did not happen and nothing that happened goes unannounced."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from app.db.unit_of_work import UnitOfWork
from app.domain.events import Event
from app.domain.webhooks import DeliveryStatus, WebhookEndpoint
from app.services.ids import new_id, new_ids

T = TypeVar("T")
SYSTEM = "system"  # the actor of changes no key made: jobs and renewals


def event(account_id: str | None, type: str, actor: str, at: datetime, **data: Any) -> Event:
    return Event(
        id=new_id("evt"), account_id=account_id, type=type, actor=actor, created_at=at, data=data
    )


async def record(uow: UnitOfWork, *recorded: Event) -> None:
    await _record(
        uow, lambda: recorded, {e.account_id for e in recorded if e.account_id is not None}
    )


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
    per agent, so the events are made as they are written and made again for
    the outbox rather than kept: 10,000 events (or their outbox rows) held at
    once were the largest part of its peak memory, which CPython keeps for
    the life of the worker. Only their ids are kept, drawn together (one clock
    reading and one read of the random source)."""
    ids = new_ids("evt", len(items))

    def made() -> Iterator[Event]:
        for event_id, item in zip(ids, items, strict=True):
            yield Event(event_id, account_id, type, actor, created_at=at, data=data(item))

    await _record(uow, made, {account_id})


async def _record(
    uow: UnitOfWork, recorded: Callable[[], Iterable[Event]], accounts: set[str]
) -> None:
    """Write the events, then an outbox row for each endpoint that wants one.
    `recorded` gives the same events each time it is called."""
    # Each account's endpoints, asked for once (the repository reads them once
    # per unit of work).
    endpoints = {
        account_id: await uow.webhooks.endpoints_for(account_id) for account_id in accounts
    }
    await uow.events.add(recorded())
    if any(endpoints.values()):
        await uow.webhooks.enqueue(
            delivery
            for e in recorded()
            if e.account_id is not None
            for delivery in _deliveries(e, endpoints[e.account_id])
        )


def _deliveries(e: Event, endpoints: list[WebhookEndpoint]) -> list[dict[str, Any]]:
    """An outbox row for each endpoint that wants the event."""
    wanting = [endpoint for endpoint in endpoints if endpoint.wants(e.type)]
    if not wanting:
        return []
    body = webhook_body(e)  # once per event, however many endpoints want it
    return [
        {
            "account_id": e.account_id,
            "endpoint_id": endpoint.id,
            "event_id": e.id,
            "event_type": e.type,
            "payload": body,
            "status": DeliveryStatus.PENDING.value,
            "attempts": 0,
            "next_attempt_at": e.created_at,
            "created_at": e.created_at,
        }
        for endpoint in wanting
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
