"""Purchase channels on the wire (also embedded in refusals)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.domain.purchase_options import Channel


class ChannelOptionOut(BaseModel):
    channel: Channel
    available: bool
    actions: list[Literal["add", "remove"]]
    reason_code: str | None = Field(default=None, description="Why the channel is closed.")
    reason: str | None = None


class ContactOut(BaseModel):
    role: Literal["owner", "sales_rep"]
    name: str
    email: str


class PurchaseOptionsOut(BaseModel):
    options: list[ChannelOptionOut]
    contact: ContactOut | None = Field(
        description="Who can act, when no channel is open to this caller."
    )
