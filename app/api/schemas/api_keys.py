"""API keys on the wire. The secret appears once, in the creation answer."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.api.schemas.common import Email, Name, RequestBody
from app.domain.access import Role
from app.domain.api_keys import ApiKey


class PlatformKeyCreate(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"name": "Rita's key", "role": "sales_rep", "email": "rita@sales.example"}]
        }
    )

    name: Name
    role: Literal["platform_admin", "sales_rep"]
    email: Email | None = Field(
        default=None, description="Required for sales_rep: binds the key to the rep's accounts."
    )


class AccountKeyCreate(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "dashboard", "role": "viewer"}]}
    )

    name: Name
    role: Literal["owner", "admin", "viewer"]


class ApiKeyOut(BaseModel):
    id: str = Field(examples=["key_3c59dc048e8850243be8"])
    account_id: str | None
    name: str
    role: Role
    email: str | None
    hint: str = Field(description="The secret's last four characters.")
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyOut:
        return cls(
            id=key.id,
            account_id=key.account_id,
            name=key.name,
            role=key.role,
            email=key.email,
            hint=key.hint,
            created_at=key.created_at,
            revoked_at=key.revoked_at,
        )


class ApiKeyCreated(ApiKeyOut):
    key: str | None = Field(
        description="The secret. Shown only in this answer; store it now. Null in a replay "
        "(Idempotency-Key): the secret is never stored in clear, so it cannot be shown again."
    )
