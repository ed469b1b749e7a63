"""Audit events: what changed, who did it, when."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    account_id: str | None
    type: str
    actor: str
    created_at: datetime
    data: dict[str, Any] = field(default_factory=dict)
