"""The subscription view: seats and usage per product."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from app.api.schemas.accounts import STATUS_DESCRIPTION
from app.api.schemas.seat_changes import LineChangeOut
from app.domain.account_status import AccountStatus
from app.domain.accounts import Account, BillingMode
from app.domain.seat_changes import PendingChange
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
    light_agents: int = Field(
        description="Light agents given this product: free, so not in `assigned`, "
        "`available` or `state`.",
        examples=[2],
    )
    waiting: int = Field(
        description="How many in the waiting room want a seat of this product: the seats to "
        "add to let them in.",
        examples=[0],
    )


class PendingChangeOut(BaseModel):
    id: str = Field(description="The scheduled seat change, `chg_...`.")
    effective_at: datetime = Field(description="When it applies: the term's end.")
    lines: list[LineChangeOut] = Field(
        description="The lines it would move, from the seats there are now; empty when "
        "nothing is left to change (it is then cancelled at renewal, not applied)."
    )

    @classmethod
    def of(cls, pending: PendingChange) -> PendingChangeOut:
        return cls.model_validate(
            {
                "id": pending.id,
                "effective_at": pending.effective_at,
                "lines": [
                    {"product": c.product, "from": c.before, "to": c.after} for c in pending.lines
                ],
            }
        )


class SubscriptionOut(BaseModel):
    account_id: str
    billing_mode: BillingMode
    status: AccountStatus = Field(description=STATUS_DESCRIPTION, examples=["active"])
    billing_cycle: BillingCycle
    term_start: datetime
    term_end: datetime
    currency: str
    version: int = Field(description="Changes with every change to what this shows; also the ETag.")
    lines: list[LineOut]
    pending_change: PendingChangeOut | None = Field(
        description="The one seat change scheduled for renewal, or null. A new `at_renewal` "
        "change replaces it.",
    )

    @classmethod
    def of(cls, account: Account, pending: PendingChange | None = None) -> SubscriptionOut:
        return cls(
            account_id=account.id,
            billing_mode=account.billing_mode,
            status=account.status,
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
                    light_agents=line.light_agents,
                    waiting=line.waiting,
                )
                for line in account.lines
            ],
            pending_change=PendingChangeOut.of(pending) if pending is not None else None,
        )
