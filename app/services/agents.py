"""Use cases: add, read, change and remove agents (the seat holders).

Every change to seats locks the account row first (see AccountRepository.get):
two requests racing for the last free seat then run one after the other, on
any number of app processes, and the second sees the seat gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import AGENT_MANAGERS, Principal, require_role
from app.domain.accounts import Account
from app.domain.agents import MANUAL_DOWNGRADE, Agent, AgentRole, products_for, protect_owner
from app.domain.catalog import Catalog
from app.domain.errors import Conflict, NotFound
from app.domain.event_types import agent_downgraded
from app.domain.purchase_options import Channel, purchase_options
from app.domain.seat_changes import Effective
from app.domain.seats import (
    Shortfall,
    purchase_for,
    release_seats,
    remove_holder,
    shortfalls,
    take_seats,
)
from app.services.access import check_visible, load_visible
from app.services.audit import event, record
from app.services.clock import Clock
from app.services.ids import new_id
from app.services.seat_changes import apply_change, plan_change


@dataclass(frozen=True, slots=True)
class NewAgent:
    user_id: str
    email: str
    name: str
    products: list[str] | None = None
    buy_missing_seats: bool = False


@dataclass(frozen=True, slots=True)
class AddedAgent:
    """An agent added or changed, and the seat change that bought the seats
    it was missing on the fly, if any."""

    agent: Agent
    seat_change_id: str | None


@dataclass(frozen=True, slots=True)
class AgentChanges:
    products: list[str] | None = None
    role: AgentRole | None = None
    buy_missing_seats: bool = False


async def add_agent(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    new: NewAgent,
    catalog: Catalog,
    clock: Clock,
) -> AddedAgent:
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        require_role(principal, AGENT_MANAGERS, "add agents")
        products = products_for(account, new.products)
        now = clock.now()
        agent = Agent(
            user_id=new.user_id,
            email=new.email,
            name=new.name,
            role=AgentRole.AGENT,
            added_at=now,
            updated_at=now,
            agent_since=now,
            products=products,
        )
        # Inserted first, so "already here" is answered before any seat check
        # (a refusal below rolls the insert back).
        if not await uow.agents.add_if_new(account_id, agent):
            raise Conflict(
                f"{new.user_id!r} is already on this account; "
                "PATCH an end user to make them an agent again.",
                code="agent_exists",
            )
        seat_change_id = await _take_seats(
            uow, principal, account, products, new.buy_missing_seats, catalog, now
        )
        await uow.agents.grant(account_id, agent.user_id, products)
        await record(
            uow,
            event(
                account_id,
                "agent.added",
                principal.actor,
                now,
                user_id=agent.user_id,
                products=products,
                seat_change_id=seat_change_id,
            ),
        )
        await uow.commit()
    return AddedAgent(agent, seat_change_id)


async def _take_seats(
    uow: UnitOfWork,
    principal: Principal,
    account: Account,
    products: list[str],
    buy_missing_seats: bool,
    catalog: Catalog,
    now: datetime,
) -> str | None:
    """A seat of each product for one agent (added, or changed by PATCH),
    buying the missing ones first when asked and `on_the_fly` is open to the
    caller; else SeatsExhausted with the quote. Answers the purchase's id."""
    seat_change_id = None
    missing = shortfalls(account, products)
    on_the_fly = purchase_options(account, principal.role).is_open(Channel.ON_THE_FLY)
    if missing and buy_missing_seats and on_the_fly:
        seat_change_id = await buy_on_the_fly(uow, principal, account, missing, catalog, now)
    take_seats(
        account, products, role=principal.role, catalog=catalog, now=now, actor=principal.actor
    )
    return seat_change_id


async def buy_on_the_fly(
    uow: UnitOfWork,
    principal: Principal,
    account: Account,
    missing: list[Shortfall],
    catalog: Catalog,
    now: datetime,
) -> str:
    """Buy exactly the missing seats (suite parity included) through the same
    path as every seat change, in the agents' own transaction (R3): one agent
    added or changed, or a bulk sync."""
    change = await plan_change(
        uow,
        account,
        purchase_for(account, missing).totals,
        [],
        effective=Effective.IMMEDIATELY,
        channel=Channel.ON_THE_FLY,
        actor=principal.actor,
        catalog=catalog,
        now=now,
    )
    change_id = change.id = new_id("chg")
    await apply_change(uow, account, change, now)
    return change_id


async def update_agent(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    user_id: str,
    changes: AgentChanges,
    catalog: Catalog,
    clock: Clock,
) -> AddedAgent:
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        require_role(principal, AGENT_MANAGERS, "change agents")
        agent = await _existing(uow, account_id, user_id)
        now = clock.now()
        target_role = changes.role or agent.role
        if target_role is AgentRole.END_USER:
            protect_owner(agent, "made an end user")
            wanted: list[str] = []
        else:
            requested = changes.products
            if requested is None and agent.role is AgentRole.END_USER:
                requested = None  # back to agent: every subscribed product by default
            elif requested is None:
                requested = agent.products
            wanted = products_for(account, requested)
        added = [p for p in wanted if p not in agent.products]
        removed = [p for p in agent.products if p not in wanted]
        if removed and agent.is_owner:
            protect_owner(agent, "left without a seat of a subscribed product")
        if not added and not removed and target_role is agent.role:
            return AddedAgent(agent, None)

        seat_change_id = await _take_seats(
            uow, principal, account, added, changes.buy_missing_seats, catalog, now
        )
        release_seats(account, removed)
        await uow.agents.grant(account_id, user_id, added)
        await uow.agents.revoke(account_id, user_id, removed)

        demoted = agent.change(target_role, wanted, now)
        await uow.agents.save(account_id, agent)
        if demoted:
            # The same shape as a capacity cut's: the products given up, and why.
            data = agent_downgraded(user_id, removed, MANUAL_DOWNGRADE, to_end_user=True)
        else:
            data = {
                "user_id": user_id,
                "role": agent.role,
                "products": wanted,
                "added": added,
                "removed": removed,
                "seat_change_id": seat_change_id,
            }
        await record(
            uow,
            event(
                account_id,
                "agent.downgraded" if demoted else "agent.updated",
                principal.actor,
                now,
                **data,
            ),
        )
        await uow.commit()
    return AddedAgent(agent, seat_change_id)


async def remove_agent(
    uow: UnitOfWork, principal: Principal, account_id: str, user_id: str, clock: Clock
) -> None:
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        require_role(principal, AGENT_MANAGERS, "remove agents")
        agent = await _existing(uow, account_id, user_id)
        protect_owner(agent, "removed")
        now = clock.now()
        remove_holder(account, agent.products)
        await uow.agents.remove(account_id, user_id)
        await record(
            uow,
            event(
                account_id,
                "agent.removed",
                principal.actor,
                now,
                user_id=user_id,
                products=agent.products,
            ),
        )
        await uow.commit()


async def get_agent(
    uow: UnitOfWork, principal: Principal, account_id: str, user_id: str
) -> tuple[Agent, int]:
    """The agent, and its version: the account's, which every change to an
    agent moves (its ETag)."""
    async with uow:
        await check_visible(uow, principal, account_id)
        # The version first: a change committed between the two reads then
        # leaves an older ETag on newer data (a needless 412), never the reverse.
        version = await uow.accounts.version(account_id)
        agent = await _existing(uow, account_id, user_id)
        assert version is not None  # the account is visible, so it exists
        return agent, version


async def list_agents(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    *,
    role: AgentRole | None,
    product: str | None,
    cursor: str | None,
    limit: int,
) -> Page[Agent]:
    async with uow:
        await check_visible(uow, principal, account_id)
        return await uow.agents.page(
            account_id, role=role, product=product, cursor=cursor, limit=limit
        )


async def _existing(uow: UnitOfWork, account_id: str, user_id: str) -> Agent:
    agent = await uow.agents.get(account_id, user_id)
    if agent is None:
        raise NotFound(f"No agent {user_id!r} on this account.")
    return agent
