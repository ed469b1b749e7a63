"""Bulk agent sync on the wire."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.api.schemas.agents import ProductList
from app.api.schemas.common import Email, JsonBool, Name, RequestBody, UserId
from app.api.schemas.seat_changes import LineChangeOut
from app.domain.agent_syncs import SyncEntry, SyncUpdate
from app.domain.agents import Agent, AgentRole
from app.domain.limits import MAX_SYNC_AGENTS
from app.services.agent_syncs import SyncRequest, SyncResult


class SyncAgentIn(RequestBody):
    user_id: UserId
    email: Email
    name: Name
    products: ProductList | None = Field(
        default=None,
        description="The products the agent holds a seat of. Default: every subscribed "
        "product. Leave out for an end user, who holds none.",
    )
    role: Literal["agent", "end_user"] = Field(
        default="agent",
        description="`end_user` keeps (or adds) the person without a seat; an agent listed "
        "as one gives every seat back.",
    )

    @model_validator(mode="after")
    def _end_users_hold_no_products(self) -> Self:
        if self.role == "end_user" and self.products is not None:
            raise ValueError("an end user holds no products: leave products out")
        return self

    def to_entry(self) -> SyncEntry:
        return SyncEntry(
            user_id=self.user_id,
            email=self.email,
            name=self.name,
            products=self.products,
            role=AgentRole(self.role),
        )


class AgentSyncIn(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "agents": [
                        {"user_id": "u_1001", "email": "ana@acme.example", "name": "Ana"},
                        {
                            "user_id": "u_1002",
                            "email": "ben@acme.example",
                            "name": "Ben",
                            "products": ["support"],
                        },
                    ],
                    "remove_missing": False,
                    "buy_missing_seats": False,
                    "dry_run": True,
                }
            ]
        }
    )

    agents: list[SyncAgentIn] = Field(
        description=f"Everyone who should be on the account, at most {MAX_SYNC_AGENTS:,} "
        "(more: 422 `limit_exceeded`), each `user_id` once (422 `duplicate_user_id`). The "
        "owner is kept whether listed or not.",
        json_schema_extra={"maxItems": MAX_SYNC_AGENTS},
    )
    remove_missing: JsonBool = Field(
        default=False,
        description="Remove the agents and end users the list leaves out (never the owner).",
    )
    buy_missing_seats: JsonBool = Field(
        default=False,
        description="Where `on_the_fly` is open (the owner of a self-service account), buy "
        "the missing seats, suite parity included, in the sync's transaction. Otherwise "
        "missing seats are 409 `seats_exhausted` with the whole shortfall.",
    )
    dry_run: JsonBool = Field(
        default=True,
        description="Answer the plan and change nothing; false applies it, all or nothing.",
    )

    def to_request(self) -> SyncRequest:
        return SyncRequest(
            entries=[agent.to_entry() for agent in self.agents],
            remove_missing=self.remove_missing,
            buy_missing_seats=self.buy_missing_seats,
            dry_run=self.dry_run,
        )


# Plain dataclasses, which validation passes through as they are: a sync
# answers one per agent it moves, up to 10,000.
@dataclass(frozen=True, slots=True)
class SyncAgentOut:
    user_id: str
    email: str
    name: str
    role: AgentRole
    products: Annotated[
        list[str], Field(description="Added: the seats taken. Removed: the seats freed.")
    ]


@dataclass(frozen=True, slots=True)
class SyncUpdateOut:
    user_id: str
    email: str
    name: str
    role: AgentRole
    products: Annotated[list[str], Field(description="The products held after the sync.")]
    changes: Annotated[
        dict[str, dict[str, Any]],
        Field(
            description="Each field that changes (`email`, `name`, `role`, `products`): "
            "`{from, to}`.",
            examples=[{"role": {"from": "end_user", "to": "agent"}}],
        ),
    ]


class MissingSeatsOut(BaseModel):
    product: str
    count: int = Field(description="Seats the sync needs and the line lacks.")


class QuoteOut(BaseModel):
    lines: list[LineChangeOut] = Field(description="The seat totals buying would set.")
    amount_due: int = Field(description="Charged now, in minor units of `currency`.")
    currency: str


class AgentSyncOut(BaseModel):
    dry_run: bool
    add: list[SyncAgentOut] = Field(description="People added, in the list's order.")
    update: list[SyncUpdateOut] = Field(description="Agents who change, in the list's order.")
    remove: list[SyncAgentOut] = Field(
        description="People removed (remove_missing), by user_id; never the owner."
    )
    missing_seats: list[MissingSeatsOut] = Field(
        description="Per product, the seats the sync needs that the account lacks."
    )
    quote: QuoteOut | None = Field(
        description="What buying the missing seats costs now (suite parity included); "
        "null when none is missing."
    )
    seat_change_id: str | None = Field(
        default=None,
        description="The seat change that bought the missing seats, when applied with "
        "`buy_missing_seats`.",
        examples=["chg_8f14e45fceea167a5a36"],
    )

    @classmethod
    def of(cls, result: SyncResult) -> AgentSyncOut:
        plan = result.plan
        return cls(
            dry_run=result.dry_run,
            add=[_agent(agent) for agent in plan.add],
            update=[_update(u) for u in plan.update],
            remove=[_agent(agent) for agent in plan.remove],
            missing_seats=[
                MissingSeatsOut(product=s.product, count=s.needed) for s in plan.missing
            ],
            quote=QuoteOut.model_validate(plan.quote) if plan.quote is not None else None,
            seat_change_id=result.seat_change_id,
        )


def _agent(agent: Agent) -> SyncAgentOut:
    return SyncAgentOut(agent.user_id, agent.email, agent.name, agent.role, agent.products)


def _update(u: SyncUpdate) -> SyncUpdateOut:
    a = u.agent
    return SyncUpdateOut(a.user_id, a.email, a.name, a.role, a.products, u.changes)
