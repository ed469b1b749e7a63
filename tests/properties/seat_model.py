"""The reference model both state machines keep: who holds which seat, and
who R10 says gives a seat up when capacity falls below usage.

It is written from the rules, not from the code under test: a downgrade takes
the named agents first (in the order named), then the newest holders by
`agent_since` (when last made an agent: added, or an end user made an agent
again), ties broken by user id, descending; never the owner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class Member:
    """An agent (holding at least one seat) or an end user (holding none)."""

    added_at: datetime
    products: set[str] = field(default_factory=set)
    is_owner: bool = False
    agent_since: datetime | None = None  # when last made an agent; None: when added

    @property
    def since(self) -> datetime:
        return self.agent_since or self.added_at

    @property
    def role(self) -> str:
        return "agent" if self.products else "end_user"


def newest_first(members: Mapping[str, Member], user_ids: Iterable[str]) -> list[str]:
    return sorted(user_ids, key=lambda u: (members[u].since, u), reverse=True)


def holding(members: Mapping[str, Member], product: str) -> int:
    """How many members hold a seat of `product` (the owner included)."""
    return sum(product in m.products for m in members.values())


def holders(members: Mapping[str, Member], product: str) -> list[str]:
    """Who could give up a seat of `product`: every holder but the owner, newest first."""
    return newest_first(
        members, (u for u, m in members.items() if product in m.products and not m.is_owner)
    )


def expected_losses(
    excess: Mapping[str, int], members: Mapping[str, Member], named: Sequence[str]
) -> dict[str, set[str]]:
    """Per user, the products whose seats R10 takes: for each product `excess`
    holders, the named ones first and then the newest."""
    lost: dict[str, set[str]] = defaultdict(set)
    for product, count in excess.items():
        ranked = holders(members, product)
        order = [u for u in named if u in ranked] + [u for u in ranked if u not in named]
        assert len(order) >= count, f"{product}: {count} too many but only {order} can give up"
        for user_id in order[:count]:
            lost[user_id].add(product)
    return dict(lost)


def over_capacity(
    members: Mapping[str, Member], capacity: Mapping[str, int], products: Iterable[str]
) -> dict[str, int]:
    """Per product, how many holders more than its capacity (only those over)."""
    over = {p: holding(members, p) - capacity[p] for p in products}
    return {p: n for p, n in over.items() if n > 0}


def take_losses(members: Mapping[str, Member], lost: Mapping[str, set[str]]) -> None:
    """Apply a downgrade to the model: seats go; whoever holds none is an end user."""
    for user_id, products in lost.items():
        member = members[user_id]
        assert not member.is_owner, "the owner is never downgraded"
        assert products <= member.products, (user_id, products, member.products)
        member.products -= products
