"""The subscription view: seats and usage per product."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from app.domain.accounts import Account, BillingMode
from app.domain.subscription import LineState
from app.domain.terms import BillingCycle


class LineOut(BaseModel):
    product: str
    suite: str | None = Field(
        description="The suite this line was bought through; parity binds it."
    )
    seats: int
    temporary_seats: int
    capacity: int = Field(description="seats + active temporary seats")
    assigned: int
    available: int
    state: LineState


class SubscriptionOut(BaseModel):
    account_id: str
    billing_mode: BillingMode
    billing_cycle: BillingCycle
    term_start: datetime
    term_end: datetime
    currency: str
    version: int = Field(description="Changes with every change to what this shows; also the ETag.")
    lines: list[LineOut]

    @classmethod
    def of(cls, account: Account) -> SubscriptionOut:
        return cls(
            account_id=account.id,
            billing_mode=account.billing_mode,
            billing_cycle=account.billing_cycle,
            term_start=account.term_start,
            term_end=account.term_end,
            currency=account.currency,
            version=account.version,
            lines=[
                LineOut(
                    product=line.product,
                    suite=line.suite,
                    seats=line.seats,
                    temporary_seats=line.temporary_seats,
                    capacity=line.capacity,
                    assigned=line.assigned,
                    available=line.available,
                    state=line.state,
                )
                for line in account.lines
            ],
        )
