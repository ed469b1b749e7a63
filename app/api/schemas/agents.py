"""Agents on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.api.schemas.common import Code, Email, JsonBool, Name, RequestBody, UserId
from app.domain.agents import Agent, AgentRole
from app.services.agents import AddedAgent, AgentChanges, NewAgent

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

    def to_new_agent(self) -> NewAgent:
        return NewAgent(
            user_id=self.user_id,
            email=self.email,
            name=self.name,
            products=self.products,
            buy_missing_seats=self.buy_missing_seats,
        )


class AgentPatch(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"role": "end_user"}, {"products": ["support", "chat"]}],
            # "give products, role, or both", stated in the spec (null gives neither).
            "anyOf": [
                {"required": ["products"], "properties": {"products": {"type": "array"}}},
                {"required": ["role"], "properties": {"role": {"type": "string"}}},
            ],
        }
    )

    products: ProductList | None = None
    role: Literal["agent", "end_user"] | None = Field(
        default=None, description="end_user frees every seat; agent takes seats again."
    )
    buy_missing_seats: JsonBool = Field(
        default=False,
        description="As on POST: where `on_the_fly` is open, buy the seats the agent is missing "
        "(with suite parity) and change the agent in one transaction; the answer carries "
        "`seat_change_id`. Otherwise a missing seat is 409 `seats_exhausted` with a quote.",
    )

    @model_validator(mode="after")
    def _something_to_change(self) -> Self:
        if self.products is None and self.role is None:
            raise ValueError("give products, role, or both")
        return self

    def to_changes(self) -> AgentChanges:
        return AgentChanges(
            products=self.products,
            role=AgentRole(self.role) if self.role else None,
            buy_missing_seats=self.buy_missing_seats,
        )


class AgentOut(BaseModel):
    user_id: str
    email: str
    name: str
    role: AgentRole
    is_owner: bool
    products: list[str] = Field(description="One seat of each; empty for an end user.")
    added_at: datetime
    updated_at: datetime
    agent_since: datetime = Field(
        description="The last time they became an agent: when added as one, or when an end "
        "user was made an agent again. Lists are newest first by it, and a decrease below "
        "usage downgrades the most recent first.",
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
