"""Building audit events for the use cases."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.domain.events import Event
from app.services.ids import new_id


def event(account_id: str | None, type: str, actor: str, at: datetime, **data: Any) -> Event:
    return Event(
        id=new_id("evt"), account_id=account_id, type=type, actor=actor, created_at=at, data=data
    )
