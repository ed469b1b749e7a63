"""Recording what happened: the audit event and, in the same transaction, the
outbox rows for every webhook endpoint that wants it, so nothing is announced
that did not happen and nothing that happened goes unannounced."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from app.db.unit_of_work import UnitOfWork
from app.domain.events import Event
from app.domain.webhooks import DeliveryStatus
from app.services.ids import new_ids

SYSTEM = "system"  # the actor of changes no key made: jobs and renewals


def event(account_id: str | None, type: str, actor: str, at: datetime, **data: Any) -> Event:
    return events(account_id, type, actor, at, [data])[0]


def events(
    account_id: str | None, type: str, actor: str, at: datetime, payloads: list[dict[str, Any]]
) -> list[Event]:
    """One event of `type` per payload, the ids drawn together."""
    ids = new_ids("evt", len(payloads))
    return [
        Event(id=event_id, account_id=account_id, type=type, actor=actor, created_at=at, data=data)
        for event_id, data in zip(ids, payloads, strict=True)
    ]


async def record(uow: UnitOfWork, *recorded: Event) -> None:
    await uow.events.add(*recorded)
    deliveries = []
    # Each account's endpoints, asked for once (the repository reads them once
    # per unit of work; a downgrade records a thousand events a call).
    endpoints = {
        account_id: await uow.webhooks.endpoints_for(account_id)
        for account_id in {e.account_id for e in recorded if e.account_id is not None}
    }
    for e in recorded:
        if e.account_id is None:
            continue
        wanting = [endpoint for endpoint in endpoints[e.account_id] if endpoint.wants(e.type)]
        if not wanting:
            continue
        body = webhook_body(e)  # once per event, however many endpoints want it
        deliveries += [
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
    await uow.webhooks.enqueue(deliveries)


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
