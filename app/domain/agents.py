"""Agents hold seats: one seat of each of their products. End users hold none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from app.domain.accounts import Account
from app.domain.errors import Conflict, InvalidRequest


class AgentRole(StrEnum):
    AGENT = "agent"
    END_USER = "end_user"


MANUAL_DOWNGRADE = "manual"  # the downgrade reason when a manager makes an agent an end user


@dataclass(slots=True)
class Agent:
    user_id: str
    email: str
    name: str
    role: AgentRole
    added_at: datetime
    updated_at: datetime
    # The last time they became an agent (added as one, or an end user made an
    # agent again): "newest" in the downgrade order (R10) means this.
    agent_since: datetime
    is_owner: bool = False
    products: list[str] = field(default_factory=list)
    downgraded_at: datetime | None = None
    downgrade_reason: str | None = None
    # The latest activity reported for them (app/domain/activity.py); None: none yet.
    last_active_at: datetime | None = None

    def change(self, role: AgentRole, products: list[str], now: datetime) -> bool:
        """Take the new role and products (their seats already moved on the
        account); answers whether this made an agent an end user."""
        demoted = role is AgentRole.END_USER and self.role is AgentRole.AGENT
        promoted = role is AgentRole.AGENT and self.role is AgentRole.END_USER
        self.role, self.products, self.updated_at = role, products, now
        if promoted:
            self.agent_since = now
        if demoted:
            self.downgraded_at, self.downgrade_reason = now, MANUAL_DOWNGRADE
        elif role is AgentRole.AGENT:
            self.downgraded_at, self.downgrade_reason = None, None
        return demoted


def products_for(account: Account, requested: list[str] | None) -> list[str]:
    """The products an agent will hold: the requested ones, or every subscribed one."""
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
