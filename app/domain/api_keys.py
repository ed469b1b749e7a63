"""API keys as the domain sees them: never the secret, only what it grants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.access import Principal, Role


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: str
    account_id: str | None
    name: str
    role: Role
    email: str | None
    hint: str  # the secret's last characters, so people can tell keys apart
    created_at: datetime
    revoked_at: datetime | None = None

    def principal(self) -> Principal:
        return Principal(
            key_id=self.id, role=self.role, account_id=self.account_id, email=self.email
        )
