"""What the webhook tests share: subscribing, reading the outbox, and checking
each signature of a delivery on its own."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine
from standardwebhooks.webhooks import Webhook

from app.db.models import WebhookDeliveryRow


async def subscribe(
    client: httpx.AsyncClient, path: str, url: str, types: list[str], **headers: str
) -> dict[str, Any]:
    """Create an endpoint at `path` (an account's or the platform's)."""
    response = await client.post(
        f"{path}/webhook-endpoints", json={"url": url, "event_types": types}, headers=headers
    )
    assert response.status_code == 201, response.text
    endpoint: dict[str, Any] = response.json()
    assert endpoint["secret"].startswith("whsec_")
    return endpoint


async def outbox(engine: AsyncEngine, endpoint_id: str) -> list[Any]:
    """The endpoint's delivery rows, in the order they were written."""
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(WebhookDeliveryRow.__table__)
            .where(WebhookDeliveryRow.endpoint_id == endpoint_id)
            .order_by(WebhookDeliveryRow.seq)
        )
        return list(rows.all())


def signed_by(delivery: dict[str, Any], secret: str) -> bool:
    """Whether one of the delivery's signatures is this secret's (over the
    delivery's own timestamp: the tests move the service's clock)."""
    headers = delivery["headers"]
    moment = datetime.fromtimestamp(int(headers["webhook-timestamp"]), UTC)
    body = delivery["raw"]
    expected = Webhook(secret).sign(headers["webhook-id"], moment, body)
    return expected in headers["webhook-signature"].split(" ")
