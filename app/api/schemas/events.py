"""Audit events on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from app.domain.events import Event


class EventOut(BaseModel):
    id: str = Field(examples=["evt_1679091c5a880faf6fb5"])
    type: str = Field(examples=["agent.added"])
    actor: str = Field(description="The id of the key that made the change, or `system`.")
    data: dict[str, Any]
    created_at: datetime

    @classmethod
    def of(cls, event: Event) -> EventOut:
        return cls(
            id=event.id,
            type=event.type,
            actor=event.actor,
            data=event.data,
            created_at=event.created_at,
        )
