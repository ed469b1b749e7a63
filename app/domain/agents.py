"""Agents hold seats: one paid seat of each of their products. Light agents
hold their products free (app/domain/roles.py); end users hold none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from app.domain.accounts import Account
from app.domain.errors import Conflict, InvalidRequest


class AgentRole(StrEnum):
    AGENT = "agent"
    LIGHT_AGENT = "light_agent"
    END_USER = "end_user"


# The downgrade reason when a manager takes an agent's paid seats (making them
# a light agent or an end user), or a light agent's products.
MANUAL_DOWNGRADE = "manual"


@dataclass(slots=True)
class Agent:
    user_id: str
    email: str
    name: str
    role: AgentRole
    added_at: datetime
    updated_at: datetime
    # The last time they became an agent or a light agent (added as one, or
    # their role changed to it): "newest" in the downgrade order (R10) and in
    # listings means this; light agents are never downgraded.
    agent_since: datetime
    is_owner: bool = False
    products: list[str] = field(default_factory=list)
    downgraded_at: datetime | None = None
    downgrade_reason: str | None = None

    def change(self, role: AgentRole, products: list[str], now: datetime) -> bool:
        """Take the new role and products (their seats already moved on the
        account); answers whether this took an agent's paid seats (made them a
        light agent or an end user): a demotion."""
        demoted = self.role is AgentRole.AGENT and role is not AgentRole.AGENT
        if role is not self.role:
            if demoted or role is AgentRole.END_USER:
                # They lost a role: when, and why, stay on them (an end user's since).
                self.downgraded_at, self.downgrade_reason = now, MANUAL_DOWNGRADE
            else:
                self.downgraded_at, self.downgrade_reason = None, None
            if role is not AgentRole.END_USER:
                # Made an agent or a light agent: the newest from now.
                self.agent_since = now
        self.role, self.products, self.updated_at = role, products, now
        return demoted


def products_for(account: Account, requested: list[str] | None) -> list[str]:
    """The products an agent or light agent will hold: the requested ones, or
    every subscribed one."""
    subscribed = [line.product for line in account.lines]
    if requested is None:
        return subscribed
    unknown = sorted({p for p in requested if p not in subscribed})
    if unknown:
        raise InvalidRequest(
            f"Not subscribed on this account: {', '.join(unknown)}.",
            code="product_not_subscribed",
            products=unknown,
        )
    if not requested:
        raise InvalidRequest("An agent holds at least one product.", code="no_products")
    # Keep the account's order, drop repeats.
    return [p for p in subscribed if p in set(requested)]


def protect_owner(agent: Agent, action: str) -> None:
    if agent.is_owner:
        raise Conflict(f"The account owner cannot be {action}.", code="owner_protected")
