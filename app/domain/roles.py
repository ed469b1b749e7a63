"""Roles and what each holds (R13), and why a seat is counted.

An `agent` holds a paid seat of each of its products: the line's `assigned`
counts it. A `light_agent` holds its products free: the line's `light_agents`
counts it, never `assigned`, so it is in no usage, alert or downgrade; an
account has at most `light_agent_limit` of them. An `end_user` holds nothing.
Every change of role moves these in one step, worked out here: a paid seat
taken for each product an agent gains, given back for each it loses, and the
same for the free ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.accounts import Account
from app.domain.agents import Agent, AgentRole
from app.domain.seats import release_seats
from app.domain.subscription import SeatLine


@dataclass(frozen=True, slots=True)
class RoleMove:
    """What one person's change of role or products does to the account."""

    paid_taken: list[str]  # a paid seat to take of each (a free one, or bought)
    paid_released: list[str]  # paid seats given back
    free_given: list[str]  # products given free (a light agent's)
    free_taken_back: list[str]
    joins_light: bool  # one more light agent: the limit applies
    leaves_light: bool

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.paid_taken
            or self.paid_released
            or self.free_given
            or self.free_taken_back
            or self.joins_light
            or self.leaves_light
        )


def role_move(agent: Agent, role: AgentRole, products: list[str]) -> RoleMove:
    """From what `agent` holds now to `role` holding `products` (none for an end user)."""
    return _move(agent.role, agent.products, role, products)


def joining(role: AgentRole, products: list[str]) -> RoleMove:
    """Someone new on the account, as `role` holding `products`."""
    return _move(AgentRole.END_USER, [], role, products)


def _move(
    role_now: AgentRole, products_now: list[str], role: AgentRole, products: list[str]
) -> RoleMove:
    paid_now = products_now if role_now is AgentRole.AGENT else []
    free_now = products_now if role_now is AgentRole.LIGHT_AGENT else []
    paid_then = products if role is AgentRole.AGENT else []
    free_then = products if role is AgentRole.LIGHT_AGENT else []
    light_now = role_now is AgentRole.LIGHT_AGENT
    light_then = role is AgentRole.LIGHT_AGENT
    return RoleMove(
        paid_taken=[p for p in paid_then if p not in paid_now],
        paid_released=[p for p in paid_now if p not in paid_then],
        free_given=[p for p in free_then if p not in free_now],
        free_taken_back=[p for p in free_now if p not in free_then],
        joins_light=light_then and not light_now,
        leaves_light=light_now and not light_then,
    )


def admit_light(account: Account, move: RoleMove) -> None:
    """The light agent limit, before anything else moves (nor is bought)."""
    if move.joins_light:
        account.admit_light_agent()


def move_free_and_released(account: Account, move: RoleMove) -> None:
    """Give back the paid seats the move releases, and move the free ones
    (the paid seats it takes go through `take_seats`, which may refuse)."""
    release_seats(account, move.paid_released)
    for product in move.free_given:
        _line(account, product).light_agents += 1
    for product in move.free_taken_back:
        line = _line(account, product)
        line.light_agents = max(line.light_agents - 1, 0)
    if move.leaves_light:
        account.light_agent_left()
    if move.free_given or move.free_taken_back:
        account.version += 1  # the subscription shows light agents per line


def leave(account: Account, agent: Agent) -> None:
    """Anyone leaves the account: what they held, paid or free, is given back,
    and the version moves even for an end user (the listing changed)."""
    move_free_and_released(account, role_move(agent, AgentRole.END_USER, []))
    account.version += 1


def _line(account: Account, product: str) -> SeatLine:
    line = account.line(product)
    assert line is not None, product
    return line


class SeatReason(StrEnum):
    PAID_SEAT = "paid_seat"
    ACCOUNT_OWNER = "account_owner"
    LIGHT_AGENT_FREE = "light_agent_free"
    END_USER_FREE = "end_user_free"
    NOT_GRANTED = "not_granted"


@dataclass(frozen=True, slots=True)
class SeatExplanation:
    product: str
    counted: bool  # whether it takes one of the line's paid seats (`assigned`)
    reason_code: SeatReason
    reason: str
    since: datetime | None  # since when it is so; null for a product never granted


def explain_seats(
    account: Account, agent: Agent, granted_at: Mapping[str, datetime | None]
) -> list[SeatExplanation]:
    """Per subscribed product, whether this person's seat is counted and why.

    `granted_at` says when each product they hold was given (null where that
    was not kept): a seat is counted, or free, since the later of that and
    when they took their role."""
    held = set(agent.products)
    explained = []
    for line in account.lines:
        product = line.product
        since = _later(agent.agent_since, granted_at.get(product))
        if agent.role is AgentRole.END_USER:
            explained.append(
                SeatExplanation(
                    product,
                    False,
                    SeatReason.END_USER_FREE,
                    "End users hold no seat; nothing is counted for them.",
                    agent.downgraded_at or agent.added_at,
                )
            )
        elif product not in held:
            explained.append(
                SeatExplanation(
                    product,
                    False,
                    SeatReason.NOT_GRANTED,
                    f"Not given {product}; nothing is counted for it.",
                    None,
                )
            )
        elif agent.role is AgentRole.LIGHT_AGENT:
            explained.append(
                SeatExplanation(
                    product,
                    False,
                    SeatReason.LIGHT_AGENT_FREE,
                    f"A light agent holds {product} free: not counted in the paid seats, "
                    "nor ever downgraded by a capacity cut.",
                    since,
                )
            )
        elif agent.is_owner:
            explained.append(
                SeatExplanation(
                    product,
                    True,
                    SeatReason.ACCOUNT_OWNER,
                    f"The account owner holds a paid seat of every subscribed product, "
                    f"{product} included; it is counted and never downgraded.",
                    since,
                )
            )
        else:
            explained.append(
                SeatExplanation(
                    product,
                    True,
                    SeatReason.PAID_SEAT,
                    f"An agent with {product}: one of its paid seats is counted for them.",
                    since,
                )
            )
    return explained


def _later(first: datetime, second: datetime | None) -> datetime:
    return first if second is None or second < first else second
