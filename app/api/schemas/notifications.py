"""Notifications and webhooks on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.api.schemas.common import RequestBody
from app.domain.notifications import Notification, NotificationType
from app.domain.webhooks import Delivery, DeliveryStatus, WebhookEndpoint

# A URL holds no space or control character (RFC 3986); urlsplit would drop some silently.
URL_CHARACTERS = r"^[^\x00-\x20\x7f]*$"
EventType = Annotated[str, StringConstraints(pattern=r"^(\*|[a-z_]+\.[a-z_]+)$", max_length=64)]


class NotificationOut(BaseModel):
    id: str = Field(examples=["ntf_0189f3c5e2a1b4d7a1b2c3d4e5f6"])
    account_id: str = Field(
        description="The account it is about (a rep's notifications span their accounts).",
        examples=["acct_0189f3c5e2a1b4d7a1b2c3d4e5f6"],
    )
    type: NotificationType
    title: str
    body: str = Field(description="What happened and, for seat alerts, how to buy more here.")
    data: dict[str, Any]
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, n: Notification) -> NotificationOut:
        return cls(
            id=n.id,
            account_id=n.account_id,
            type=n.type,
            title=n.title,
            body=n.body,
            data=n.data,
            created_at=n.created_at,
            read_at=n.read_at,
        )


class WebhookEndpointIn(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "https://hooks.example.com/seatkeeper",
                    "event_types": ["seats.full", "agent.downgraded"],
                }
            ]
        }
    )

    url: Annotated[
        str,
        StringConstraints(min_length=8, max_length=2000, pattern=URL_CHARACTERS),
        Field(description="http:// or https:// with a host; no spaces or control characters."),
    ]
    event_types: Annotated[list[EventType], Field(min_length=1, max_length=50)] = Field(
        description='Event types to receive; ["*"] means every type.'
    )


class WebhookEndpointOut(BaseModel):
    id: str = Field(examples=["whe_0189f3c5e2a1b4d7a1b2c3d4e5f6"])
    url: str
    event_types: list[str]
    created_at: datetime

    @classmethod
    def of(cls, endpoint: WebhookEndpoint) -> WebhookEndpointOut:
        return cls(
            id=endpoint.id,
            url=endpoint.url,
            event_types=list(endpoint.event_types),
            created_at=endpoint.created_at,
        )


class WebhookEndpointCreated(WebhookEndpointOut):
    secret: str | None = Field(
        description="The signing secret (whsec_...). Shown only in this answer; null in a "
        "replay (Idempotency-Key), which never stores it."
    )


class DeliveryOut(BaseModel):
    id: str = Field(examples=["dlv_42"])
    event_id: str = Field(description="Sent as webhook-id.")
    event_type: str
    status: DeliveryStatus
    attempts: int
    last_status_code: int | None
    last_error: str | None
    next_attempt_at: datetime | None = Field(
        description="When the next try goes out, while pending."
    )
    created_at: datetime
    delivered_at: datetime | None

    @classmethod
    def of(cls, d: Delivery) -> DeliveryOut:
        return cls(
            id=f"dlv_{d.seq}",
            event_id=d.event_id,
            event_type=d.event_type,
            status=d.status,
            attempts=d.attempts,
            last_status_code=d.last_status_code,
            last_error=d.last_error,
            next_attempt_at=d.next_attempt_at if d.status is DeliveryStatus.PENDING else None,
            created_at=d.created_at,
            delivered_at=d.delivered_at,
        )
