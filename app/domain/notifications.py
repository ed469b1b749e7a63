"""What the account owner, or the account's sales rep, is told, in words they
can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class NotificationType(StrEnum):
    SEATS_NEAR_LIMIT = "seats_near_limit"
    SEATS_FULL = "seats_full"
    AGENTS_DOWNGRADED = "agents_downgraded"
    TEMPORARY_SEATS_ENDING = "temporary_seats_ending"
    SALES_REQUEST_UPDATED = "sales_request_updated"
    SALES_REQUEST_SUBMITTED = "sales_request_submitted"  # to the rep
    SEAT_CHANGE_APPLIED = "seat_change_applied"
    ACCOUNT_STATUS_CHANGED = "account_status_changed"


@dataclass(slots=True)
class Notification:
    id: str
    account_id: str
    type: NotificationType
    title: str
    body: str
    created_at: datetime
    data: dict[str, Any] = field(default_factory=dict)
    read_at: datetime | None = None
    # None: for the account (its owner and keys). An email: for that sales rep
    # alone, listed by GET /v1/notifications, never on the account's list.
    recipient_email: str | None = None
