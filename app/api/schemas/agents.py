"""Agents on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.api.schemas.common import Code, Email, JsonBool, Name, RequestBody, UserId
from app.domain.agents import Agent, AgentRole
from app.domain.roles import SeatExplanation, SeatReason
from app.domain.waiting import Waiting
from app.services.agents import AddedAgent, AgentChanges, NewAgent
from app.services.seat_explanations import AgentSeats

ProductList = Annotated[list[Code], Field(min_length=1, max_length=50)]


class AgentCreate(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_id": "u_1002",
                    "email": "ben@acme.example",
                    "name": "Ben",
                    "products": ["support"],
                }
            ]
        }
    )

    user_id: UserId
    email: Email
    name: Name
    products: ProductList | None = Field(
        default=None, description="Default: every subscribed product."
    )
    buy_missing_seats: JsonBool = Field(
        default=False,
        description="Where `on_the_fly` is open, buy the missing seats (with suite parity) "
        "and add the agent in one transaction.",
    )
    role: Literal["agent", "light_agent"] = Field(
        default="agent",
        description="light_agent: given the products free, holding no paid seat; at most the "
        "account's `light_agent_limit` (409 `light_agent_limit_reached`).",
        examples=["light_agent"],
    )
    wait_for_seat: JsonBool = Field(
        default=False,
        description="With no free seat (and none bought on the fly): answer 202 and put the "
        "user in the waiting room instead of refusing 409 `seats_exhausted`. Waiting agents "
        "are let in oldest first as seats free up or are added.",
        examples=[True],
    )

    def to_new_agent(self) -> NewAgent:
        return NewAgent(
            user_id=self.user_id,
            email=self.email,
            name=self.name,
            products=self.products,
            buy_missing_seats=self.buy_missing_seats,
            role=AgentRole(self.role),
            wait_for_seat=self.wait_for_seat,
        )


class AgentPatch(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"role": "end_user"},
                {"role": "light_agent"},
                {"products": ["support", "chat"]},
                {"email": "ben.b@acme.example", "name": "Ben B."},
            ],
            # Said in words and checked by the model validator below, not stated as
            # an anyOf of four branches: client generators cannot parse that one.
            "description": "Give at least one of `products`, `role`, `email` or `name` (a "
            "null gives none): an empty change is 422 `validation_error`.",
        }
    )

    products: ProductList | None = None
    role: AgentRole | None = Field(
        default=None,
        description="end_user frees every seat; light_agent gives back the paid seats and "
        "keeps the products free (within `light_agent_limit`); agent takes a paid seat of "
        "each product again.",
    )
    buy_missing_seats: JsonBool = Field(
        default=False,
        description="As on POST: where `on_the_fly` is open, buy the seats the agent is missing "
        "(with suite parity) and change the agent in one transaction; the answer carries "
        "`seat_change_id`. Otherwise a missing seat is 409 `seats_exhausted` with a quote.",
    )

    email: Email | None = Field(
        default=None,
        description="A new email, checked and normalised as on POST. Moves no seat, so every "
        "account status allows it.",
    )
    name: Name | None = Field(
        default=None, description="A new name, as on POST.", examples=["Ben B."]
    )

    @model_validator(mode="after")
    def _something_to_change(self) -> Self:
        if self.products is None and self.role is None and self.email is None and self.name is None:
            raise ValueError("give products, role, email or name")
        return self

    def to_changes(self) -> AgentChanges:
        return AgentChanges(
            products=self.products,
            role=self.role,
            buy_missing_seats=self.buy_missing_seats,
            email=self.email,
            name=self.name,
        )


class AgentOut(BaseModel):
    user_id: str
    email: str
    name: str
    role: AgentRole = Field(
        description="agent (holds paid seats), light_agent (holds its products free) or "
        "end_user (holds none)."
    )
    is_owner: bool
    products: list[str] = Field(
        description="An agent holds a paid seat of each, a light agent each free; empty for "
        "an end user."
    )
    added_at: datetime
    updated_at: datetime
    agent_since: datetime = Field(
        description="The last time they became an agent or a light agent: when added as one, "
        "or when their role changed to it. Lists are newest first by it, and a decrease below "
        "usage downgrades the most recent agents first.",
        examples=["2026-03-01T09:00:00Z"],
    )
    downgraded_at: datetime | None
    downgrade_reason: str | None = Field(
        description="Why they last gave up seats: manual, seats_reduced, "
        "temporary_seats_ended or inactive."
    )
    last_active_at: datetime | None = Field(
        default=None,
        description="The latest activity recorded (POST .../agent-activity); null: none yet. "
        "Recording activity does not move the account's version, so this field is outside "
        "the ETag: a conditional GET may answer 304 while it moved.",
        examples=["2026-03-01T09:00:00Z"],
    )

    @classmethod
    def of(cls, agent: Agent) -> AgentOut:
        return cls(
            user_id=agent.user_id,
            email=agent.email,
            name=agent.name,
            role=agent.role,
            is_owner=agent.is_owner,
            products=agent.products,
            added_at=agent.added_at,
            updated_at=agent.updated_at,
            agent_since=agent.agent_since,
            downgraded_at=agent.downgraded_at,
            downgrade_reason=agent.downgrade_reason,
            last_active_at=agent.last_active_at,
        )


class AddedAgentOut(AgentOut):
    seat_change_id: str | None = Field(
        default=None,
        description="The seat change that bought the missing seats on the fly.",
        examples=["chg_8f14e45fceea167a5a36"],
    )

    @classmethod
    def of_added(cls, added: AddedAgent) -> AddedAgentOut:
        return cls(**AgentOut.of(added.agent).model_dump(), seat_change_id=added.seat_change_id)


class SeatExplanationOut(BaseModel):
    product: str = Field(description="A subscribed product.", examples=["support"])
    counted: bool = Field(
        description="Whether it takes one of the line's paid seats (is in `assigned`).",
        examples=[True],
    )
    reason_code: SeatReason = Field(
        description="paid_seat, account_owner, light_agent_free, end_user_free or not_granted.",
        examples=["paid_seat"],
    )
    reason: str = Field(
        description="The reason in words.",
        examples=["An agent with support: one of its paid seats is counted for them."],
    )
    since: datetime | None = Field(
        description="Since when it is so; null for a product never given.",
        examples=["2026-03-01T09:00:00Z"],
    )

    @classmethod
    def of(cls, explained: SeatExplanation) -> SeatExplanationOut:
        return cls(
            product=explained.product,
            counted=explained.counted,
            reason_code=explained.reason_code,
            reason=explained.reason,
            since=explained.since,
        )


class AgentSeatsOut(BaseModel):
    """Why a person's seats are counted, or not: one entry per subscribed product."""

    user_id: str = Field(examples=["u_1002"])
    role: AgentRole = Field(description="The person's role now.", examples=["light_agent"])
    seats: list[SeatExplanationOut] = Field(
        description="One entry per subscribed product, in the subscription's order."
    )

    @classmethod
    def of(cls, explained: AgentSeats) -> AgentSeatsOut:
        return cls(
            user_id=explained.agent.user_id,
            role=explained.agent.role,
            seats=[SeatExplanationOut.of(s) for s in explained.seats],
        )


class WaitingAgentOut(BaseModel):
    """A user in the waiting room: no seat yet, let in with their turn."""

    user_id: str = Field(examples=["u_1002"])
    email: str = Field(examples=["ben@acme.example"])
    name: str = Field(examples=["Ben"])
    status: Literal["waiting"] = Field(
        default="waiting", description="Always `waiting`: not an agent yet."
    )
    products: list[str] = Field(
        description="They wait for a seat of each; they come in only when all are free.",
        examples=[["support"]],
    )
    queued_at: datetime = Field(
        description="When they started waiting: the queue is oldest first by it.",
        examples=["2026-03-01T09:00:00Z"],
    )
    position: int = Field(
        description="Their place in the queue, 1 being the next in line.", examples=[1]
    )

    @classmethod
    def of(cls, waiting: Waiting) -> WaitingAgentOut:
        w = waiting.agent
        return cls(
            user_id=w.user_id,
            email=w.email,
            name=w.name,
            products=list(w.products),
            queued_at=w.queued_at,
            position=waiting.position,
        )
