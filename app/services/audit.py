"""Recording what happened: the audit event and, in the same transaction, the
outbox rows for every webhook endpoint that wants it, so nothing is announced
that did not happen and nothing that happened goes unannounced."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import Any

from app.db.unit_of_work import UnitOfWork
from app.domain.events import Event
from app.domain.webhooks import DeliveryStatus, WebhookEndpoint
from app.services.ids import new_id, new_ids

SYSTEM = "system"  # the actor of changes no key made: jobs and renewals


def event(account_id: str | None, type: str, actor: str, at: datetime, **data: Any) -> Event:
    return Event(
        id=new_id("evt"), account_id=account_id, type=type, actor=actor, created_at=at, data=data
    )


async def record(uow: UnitOfWork, *recorded: Event) -> None:
    await _record(uow, recorded, {e.account_id for e in recorded if e.account_id is not None})


IDS_AT_ONCE = 1_000


async def record_each(
    uow: UnitOfWork,
    account_id: str,
    type: str,
    actor: str,
    at: datetime,
    payloads: Iterable[dict[str, Any]],
) -> None:
    """An event of `type` per payload, each made as it is written: a downgrade
    records one per agent, and 10,000 events made at once were the largest
    part of its peak memory (which CPython keeps for the life of the worker)."""

    def made() -> Iterator[Event]:
        it = iter(payloads)
        while batch := list(islice(it, IDS_AT_ONCE)):
            # The ids drawn together: one clock reading and one read of the
            # random source for a thousand.
            for event_id, data in zip(new_ids("evt", len(batch)), batch, strict=True):
                yield Event(event_id, account_id, type, actor, created_at=at, data=data)

    await _record(uow, made(), {account_id})


async def _record(uow: UnitOfWork, recorded: Iterable[Event], accounts: set[str]) -> None:
    # Each account's endpoints, asked for once (the repository reads them once
    # per unit of work).
    endpoints = {
        account_id: await uow.webhooks.endpoints_for(account_id) for account_id in accounts
    }
    deliveries: list[dict[str, Any]] = []  # filled as the events stream past

    def announced() -> Iterator[Event]:
        for e in recorded:
            if e.account_id is not None:
                deliveries.extend(_deliveries(e, endpoints[e.account_id]))
            yield e

    await uow.events.add(announced())
    await uow.webhooks.enqueue(deliveries)


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
