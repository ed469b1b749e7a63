"""Agents' activity and inactive-seat reclaims on the wire."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from app.api.schemas.common import Code, JsonBool, ReclaimAfter, RequestBody, UserId
from app.domain.activity import Activity
from app.services.activity import RecordedActivity
from app.services.reclaims import ReclaimRequest, ReclaimResult


def _in_utc(at: datetime) -> datetime:
    # 0001-01-01T00:00:00+01:00 is a valid timestamp whose UTC is before year 1:
    # refused here (422), not a 500 when the database is handed it.
    try:
        return at.astimezone(UTC)
    except OverflowError:
        raise ValueError("the moment is out of range once in UTC") from None


class ActivityIn(RequestBody):
    user_id: UserId
    at: Annotated[AwareDatetime, AfterValidator(_in_utc)] = Field(
        description="When the agent was last active (with its offset); at most a few minutes "
        "ahead of the service's clock.",
        examples=["2026-03-01T09:00:00Z"],
    )


class ActivityBatch(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"activity": [{"user_id": "u_1002", "at": "2026-03-01T09:00:00Z"}]}]
        }
    )

    # The maximum (1,000) is the domain's, answered as 422 `limit_exceeded`.
    activity: list[ActivityIn] = Field(
        min_length=1,
        description="Up to 1,000 entries; a user named twice takes the later `at`.",
    )

    def to_activity(self) -> list[Activity]:
        return [Activity(a.user_id, a.at) for a in self.activity]


class RecordedActivityOut(BaseModel):
    recorded: int = Field(
        description="How many of the account's users the batch named (their last activity "
        "moved forward where the batch was later).",
        examples=[2],
    )
    unknown_user_ids: list[str] = Field(
        description="Users named that are not on the account: reported, not recorded.",
        examples=[["u_9999"]],
    )

    @classmethod
    def of(cls, recorded: RecordedActivity) -> RecordedActivityOut:
        return cls(recorded=recorded.recorded, unknown_user_ids=recorded.unknown_user_ids)


class SeatReclaimIn(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"inactive_for": "P30D", "dry_run": True}]}
    )

    inactive_for: ReclaimAfter = Field(
        description="ISO 8601 duration of weeks, days and hours (P30D, P4W, PT12H); months and "
        "years are refused (`invalid_duration`).",
        examples=["P30D"],
    )
    products: Annotated[list[Code], Field(min_length=1, max_length=50)] | None = Field(
        default=None, description="Reclaim only these products' seats. Default: every one."
    )
    dry_run: JsonBool = Field(
        default=True, description="true: only say who would go; false: take the seats back."
    )

    def to_request(self) -> ReclaimRequest:
        return ReclaimRequest(self.inactive_for, self.products, self.dry_run)


class ReclaimedAgentOut(BaseModel):
    user_id: str
    last_active_at: datetime | None = Field(
        description="The latest activity recorded; null: none (idle since they became an agent)."
    )
    products: list[str] = Field(description="The products whose seats they give up.")
    end_user: bool = Field(description="Whether they are left with no seat (an end user).")


class SeatsFreedOut(BaseModel):
    product: str
    count: int


class SeatReclaimOut(BaseModel):
    dry_run: bool
    inactive_for: str = Field(description="As read: days and hours.", examples=["P30D"])
    agents: list[ReclaimedAgentOut] = Field(
        description="The agents taken (or, in a dry run, who would be), longest idle first."
    )
    seats_freed: list[SeatsFreedOut]

    @classmethod
    def of(cls, result: ReclaimResult) -> SeatReclaimOut:
        return cls(
            dry_run=result.dry_run,
            inactive_for=result.inactive_for,
            agents=[
                ReclaimedAgentOut(
                    user_id=d.user_id,
                    last_active_at=last,
                    products=list(d.products),
                    end_user=d.to_end_user,
                )
                for d, last in result.reclaim.agents
            ],
            seats_freed=[
                SeatsFreedOut(product=p, count=n) for p, n in result.reclaim.seats_freed.items()
            ],
        )
