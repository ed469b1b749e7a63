"""Bulk agent sync: an account's agents made to match a list (R13).

An identity system sends the people who should be agents; `plan_sync` works
out, from the agents as they are, the list and the account, who is added,
who changes and who goes, the seats that takes and frees, and what is
missing. It is a pure function: a dry run answers its plan, and applying
writes exactly that plan, so the two cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from app.domain.accounts import Account
from app.domain.agents import Agent, AgentRole, products_for, protect_owner
from app.domain.catalog import Catalog
from app.domain.errors import DomainError, InvalidRequest
from app.domain.limits import MAX_SYNC_AGENTS, check_limit
from app.domain.seats import Shortfall, purchase_for, quote, shortfalls_of_many


@dataclass(frozen=True, slots=True)
class SyncEntry:
    """One person of the list, as the account should hold them."""

    user_id: str
    email: str
    name: str
    products: list[str] | None = None  # None: every subscribed product
    role: AgentRole = AgentRole.AGENT


@dataclass(frozen=True, slots=True)
class SyncUpdate:
    """An agent already on the account who changes: `agent` as they will be."""

    agent: Agent
    added: list[str]  # products whose seats they take
    removed: list[str]  # products whose seats they give back
    changes: dict[str, dict[str, Any]]  # each field that moves: {from, to}
    demoted: bool  # an agent made an end user (the `agent.downgraded` event)


@dataclass(frozen=True, slots=True)
class SyncPlan:
    add: list[Agent]
    update: list[SyncUpdate]
    remove: list[Agent]  # as they are: `products` are the seats they free
    taken: dict[str, int] = field(default_factory=dict)  # seats taken, per product
    freed: dict[str, int] = field(default_factory=dict)  # seats given back, per product
    missing: list[Shortfall] = field(default_factory=list)
    quote: dict[str, Any] | None = None  # what buying `missing` costs now

    @property
    def changes_nothing(self) -> bool:
        return not (self.add or self.update or self.remove)


def plan_sync(
    account: Account,
    current: Iterable[Agent],
    entries: Sequence[SyncEntry],
    *,
    remove_missing: bool,
    catalog: Catalog,
    now: datetime,
) -> SyncPlan:
    """What making the account's agents match `entries` does. `current` holds
    the account's agents and end users: every one with `remove_missing`, at
    least those the list names without. The owner is never removed, and may
    not be made an end user or lose a product (409 `owner_protected`)."""
    check_limit("agents", len(entries), MAX_SYNC_AGENTS)
    _refuse_duplicates(entries)
    on_account = {agent.user_id: agent for agent in current}
    add: list[Agent] = []
    update: list[SyncUpdate] = []
    taken: Counter[str] = Counter()
    freed: Counter[str] = Counter()
    for entry in entries:
        try:
            wanted = _products(account, entry)
            agent = on_account.get(entry.user_id)
            if agent is None:
                add.append(_new_agent(entry, wanted, now))
                taken.update(wanted)
                continue
            changed = _changed(agent, entry, wanted, now)
        except DomainError as refusal:
            refusal.extra.setdefault("user_id", entry.user_id)  # which entry of the list
            raise
        if changed is not None:
            update.append(changed)
            taken.update(changed.added)
            freed.update(changed.removed)
    remove: list[Agent] = []
    if remove_missing:
        listed = {entry.user_id for entry in entries}
        remove = sorted(
            (a for a in on_account.values() if a.user_id not in listed and not a.is_owner),
            key=lambda a: a.user_id,
        )
        for agent in remove:
            freed.update(agent.products)
    missing = shortfalls_of_many(account, taken, freed)
    return SyncPlan(
        add=add,
        update=update,
        remove=remove,
        taken=dict(taken),
        freed=dict(freed),
        missing=missing,
        quote=quote(account, purchase_for(account, missing), catalog, now) if missing else None,
    )


def _refuse_duplicates(entries: Sequence[SyncEntry]) -> None:
    counts = Counter(entry.user_id for entry in entries)
    repeated = sorted(user_id for user_id, n in counts.items() if n > 1)
    if repeated:
        raise InvalidRequest(
            f"Each user_id may appear once in the list; repeated: {', '.join(repeated[:10])}"
            + (f" and {len(repeated) - 10} more." if len(repeated) > 10 else "."),
            code="duplicate_user_id",
            user_ids=repeated,
        )


def _products(account: Account, entry: SyncEntry) -> list[str]:
    """The products the entry asks for: none for an end user, else as POST agents."""
    if entry.role is AgentRole.END_USER:
        return []
    return products_for(account, entry.products)


def _new_agent(entry: SyncEntry, products: list[str], now: datetime) -> Agent:
    return Agent(
        user_id=entry.user_id,
        email=entry.email,
        name=entry.name,
        role=entry.role,
        added_at=now,
        updated_at=now,
        agent_since=now,
        products=products,
    )


def _changed(agent: Agent, entry: SyncEntry, wanted: list[str], now: datetime) -> SyncUpdate | None:
    """The agent as the entry wants them, or None when nothing differs."""
    held = set(agent.products)
    added = [p for p in wanted if p not in held]
    removed = [p for p in agent.products if p not in set(wanted)]
    if entry.role is not agent.role:
        protect_owner(agent, "made an end user")
    if removed:
        protect_owner(agent, "left without a seat of a subscribed product")
    changes: dict[str, dict[str, Any]] = {}
    for name, was, wanted_value in (
        ("email", agent.email, entry.email),
        ("name", agent.name, entry.name),
        ("role", agent.role.value, entry.role.value),
    ):
        if was != wanted_value:
            changes[name] = {"from": was, "to": wanted_value}
    if added or removed:
        changes["products"] = {"from": list(agent.products), "to": wanted}
    if not changes:
        return None
    after = replace(agent, email=entry.email, name=entry.name, products=list(agent.products))
    demoted = after.change(entry.role, wanted, now)
    return SyncUpdate(after, added, removed, changes, demoted)
