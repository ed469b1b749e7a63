"""Agents hold seats: one paid seat of each of their products. Light agents
hold their products free (app/domain/roles.py); end users hold none."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from app.domain.accounts import Account, Person
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
    # The latest activity reported for them (app/domain/activity.py); None: none yet.
    last_active_at: datetime | None = None

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


def edit_contact(
    account: Account, agent: Agent, email: str | None, name: str | None, now: datetime
) -> dict[str, str]:
    """Give the agent a new email and name (None keeps one, both normalised
    as on create); answers the fields that changed, with their new values.
    Moves no seat, so every account status allows it; the agent's answer
    changes, so the version moves."""
    changed = {
        field: value
        for field, value in (("email", email), ("name", name))
        if value is not None and value != getattr(agent, field)
    }
    if changed:
        agent.email = changed.get("email", agent.email)
        agent.name = changed.get("name", agent.name)
        agent.updated_at = now
        if agent.is_owner:
            account.owner = Person(agent.user_id, agent.email, agent.name)
        account.version += 1
    return changed


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


def hand_over(account: Account, to: Agent, now: datetime) -> Person | None:
    """Make `to` the account's owner; answers the owner replaced, who stays an
    agent with the seats they hold, or None when `to` already owns it. The
    owner holds a seat of every subscribed product and is never downgraded,
    so only an agent holding them all may take over (422
    `owner_needs_every_product`)."""
    if to.is_owner:
        return None
    missing = [line.product for line in account.lines if line.product not in to.products]
    if missing:
        raise InvalidRequest(
            f"{to.user_id!r} cannot own the account without a seat of every subscribed "
            f"product; missing: {', '.join(missing)}. Give them those products first.",
            code="owner_needs_every_product",
            user_id=to.user_id,
            missing=missing,
        )
    before = account.owner
    to.is_owner, to.updated_at = True, now
    account.owner = Person(to.user_id, to.email, to.name)
    account.updated_at = now
    account.version += 1
    return before
