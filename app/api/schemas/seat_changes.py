"""Seat changes on the wire."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.api.schemas.common import RequestBody, SeatLineIn, UserId
from app.domain.previews import Preview, WarningCode
from app.domain.seat_changes import ChangeStatus, Effective, SeatChange
from app.domain.subscription import SeatTarget
from app.services.seat_changes import SeatChangeRequest


class SeatChangeIn(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "changes": [
                        {"suite": "support_suite", "seats": 8},
                        {"product": "sell", "seats": 1},
                    ],
                    "effective": "immediately",
                    "downgrade": ["u_1007"],
                }
            ]
        }
    )

    changes: Annotated[list[SeatLineIn], Field(min_length=1, max_length=50)]
    effective: Effective = Effective.IMMEDIATELY
    downgrade: Annotated[list[UserId], Field(max_length=10_000)] = Field(
        default_factory=list,
        description="Agents who give up their seats first when a decrease goes below usage; "
        "the rest go newest first.",
    )

    def to_request(self) -> SeatChangeRequest:
        return SeatChangeRequest(
            targets=[
                SeatTarget(seats=c.seats, suite=c.suite, product=c.product) for c in self.changes
            ],
            effective=self.effective,
            downgrade=tuple(dict.fromkeys(self.downgrade)),
        )


class LineChangeOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    product: str
    from_: int = Field(alias="from")
    to: int


@dataclass(frozen=True, slots=True)
class DowngradedOut:
    # A plain dataclass, which validation passes through as it is: a large cut
    # answers one per agent, and as models they were memory the worker kept.
    user_id: str
    email: str
    products: Annotated[
        tuple[str, ...], Field(description="The products whose seats this agent gave up.")
    ]


class SeatChangeOut(BaseModel):
    id: str | None = Field(
        description="`chg_...`; null on a preview.", examples=["chg_c4ca4238a0b923820dcc"]
    )
    status: ChangeStatus
    effective: Effective
    channel: str = Field(examples=["subscription_page"])
    lines: list[LineChangeOut]
    amount_due: int = Field(description="Charged now, in minor units of `currency`.")
    currency: str
    downgraded_agents: list[DowngradedOut]
    created_at: datetime
    actor: str
    effective_at: datetime | None = Field(description="When a scheduled change applies.")
    applied_at: datetime | None

    @classmethod
    def of(cls, change: SeatChange) -> SeatChangeOut:
        return cls.model_validate(_fields(change))


def _fields(change: SeatChange) -> dict[str, object]:
    return {
        "id": change.id,
        "status": change.status,
        "effective": change.effective,
        "channel": change.channel,
        "lines": [{"product": c.product, "from": c.before, "to": c.after} for c in change.lines],
        "amount_due": change.amount_due,
        "currency": change.currency,
        "downgraded_agents": [
            DowngradedOut(d.user_id, d.email, d.products) for d in change.downgraded
        ],
        "created_at": change.created_at,
        "actor": change.actor,
        "effective_at": change.effective_at,
        "applied_at": change.applied_at,
    }


class PreviewLineOut(LineChangeOut):
    unit_price: int = Field(
        description="One seat of this product for one whole billing cycle, in minor units "
        "of `currency`.",
        examples=[5500],
    )


class WarningOut(BaseModel):
    code: WarningCode = Field(
        description="`agents_downgraded`: agents would give up seats (named in `detail`); "
        "`no_credit_for_decrease`: seats removed now are not credited for the rest of the term; "
        "`replaces_scheduled_change`: a change at renewal replaces the one pending, which is "
        "cancelled; `scheduled_change_pending`: a change made now leaves the pending one to "
        "apply at renewal. New codes may be added."
    )
    detail: str


class ApplyRefusalOut(BaseModel):
    code: str = Field(
        description="The 403 code `POST .../seat-changes` would answer this caller.",
        examples=["not_account_owner"],
    )
    detail: str


class SeatChangePreviewOut(SeatChangeOut):
    lines: list[PreviewLineOut]  # type: ignore[assignment]
    renewal_amount: int = Field(
        description="The whole subscription's price for one cycle from the next term, were "
        "the change made (a change made now leaves the pending one to apply at renewal; one "
        "at renewal replaces it), in minor units of `currency`.",
        examples=[82000],
    )
    warnings: list[WarningOut]
    can_apply: bool = Field(description="Whether this caller may make the change.")
    apply_refusal: ApplyRefusalOut | None = Field(
        description="Why not, when `can_apply` is false: what applying would answer."
    )

    @classmethod
    def of_preview(cls, preview: Preview) -> SeatChangePreviewOut:
        refusal = preview.refusal
        return cls.model_validate(
            {
                **_fields(preview.change),
                "lines": [
                    {
                        "product": c.product,
                        "from": c.before,
                        "to": c.after,
                        "unit_price": preview.unit_prices[c.product],
                    }
                    for c in preview.change.lines
                ],
                "renewal_amount": preview.renewal_amount,
                "warnings": [{"code": w.code, "detail": w.detail} for w in preview.warnings],
                "can_apply": preview.can_apply,
                "apply_refusal": (
                    {"code": refusal.code, "detail": refusal.detail} if refusal else None
                ),
            }
        )
