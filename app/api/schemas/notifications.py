"""Notifications and webhooks on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.api.schemas.common import RequestBody
from app.domain.event_types import EventType as EventTypeInfo
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
                    "url": "https://example.com/hooks/seatkeeper",
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


class WebhookEndpointPatch(RequestBody):
    """Change what is given; leave out (or null) what stays."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"event_types": ["*"]}, {"enabled": False}]}
    )

    url: (
        Annotated[
            str,
            StringConstraints(min_length=8, max_length=2000, pattern=URL_CHARACTERS),
            Field(description="Checked as on creation (scheme, host, public address)."),
        ]
        | None
    ) = None
    event_types: Annotated[list[EventType], Field(min_length=1, max_length=50)] | None = Field(
        default=None, description='Replaces the types received; ["*"] means every type.'
    )
    enabled: bool | None = Field(
        default=None,
        description="false stops new events from being queued for it and holds back what is "
        "queued; true takes up again.",
    )


class WebhookEndpointOut(BaseModel):
    id: str = Field(examples=["whe_0189f3c5e2a1b4d7a1b2c3d4e5f6"])
    account_id: str | None = Field(
        description="The account it hears; null for a platform endpoint (every account).",
        examples=["acct_0189f3c5e2a1b4d7a1b2c3d4e5f6"],
    )
    url: str
    event_types: list[str]
    enabled: bool = Field(description="Whether events are queued and sent to it.")
    previous_secret_expires_at: datetime | None = Field(
        description="After a rotation: until when deliveries are signed with the old secret "
        "too (a second signature in webhook-signature); null otherwise."
    )
    created_at: datetime

    @classmethod
    def of(cls, endpoint: WebhookEndpoint, now: datetime | None = None) -> WebhookEndpointOut:
        expires = endpoint.previous_secret_expires_at
        return cls(
            id=endpoint.id,
            account_id=endpoint.account_id,
            url=endpoint.url,
            event_types=list(endpoint.event_types),
            enabled=endpoint.enabled,
            previous_secret_expires_at=expires
            if now is None or (expires and expires > now)
            else None,
            created_at=endpoint.created_at,
        )


class WebhookEndpointCreated(WebhookEndpointOut):
    secret: str | None = Field(
        description="The signing secret (whsec_...). Shown only in this answer; null in a "
        "replay (Idempotency-Key), which never stores it."
    )


class EventTypeOut(BaseModel):
    type: str = Field(examples=["agent.downgraded"])
    description: str

    @classmethod
    def of(cls, event_type: EventTypeInfo) -> EventTypeOut:
        return cls(type=event_type.name, description=event_type.description)


class EventTypesOut(BaseModel):
    data: list[EventTypeOut] = Field(
        description="Every event type, in the audit trail and on webhooks; the OpenAPI "
        "document's `webhooks` describes each payload."
    )


class DeliveryOut(BaseModel):
    id: str = Field(
        description="Opaque; retry it with POST .../deliveries/{delivery_id}/retry.",
        examples=["dlv_0189f3c5e2a1b4d7a1b2c3d4e5f6"],
    )
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
            id=d.id,
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
