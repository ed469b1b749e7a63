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
from app.domain.account_status import SeatAction
from app.domain.accounts import Account
from app.domain.agents import (
    MANUAL_DOWNGRADE,
    Agent,
    AgentRole,
    edit_contact,
    products_for,
    protect_owner,
)
from app.domain.catalog import Catalog
from app.domain.errors import Conflict, NotFound
from app.domain.event_types import agent_downgraded
from app.domain.purchase_options import Channel, purchase_options
from app.domain.roles import (
    RoleMove,
    admit_light,
    joining,
    leave,
    move_free_and_released,
    role_move,
)
from app.domain.seat_changes import Effective
from app.domain.seats import (
    SeatsExhausted,
    Shortfall,
    purchase_for,
    shortfalls,
    take_seats,
)
from app.domain.waiting import Waiting, WaitingAgent
from app.services.access import check_visible, load_visible
from app.services.audit import event, record
from app.services.clock import Clock
from app.services.ids import new_id
from app.services.seat_changes import apply_change, plan_change
from app.services.waiting import admit_waiting, queue, refuse_waiting, say_how_many_wait


@dataclass(frozen=True, slots=True)
class NewAgent:
    user_id: str
    email: str
    name: str
    products: list[str] | None = None
    buy_missing_seats: bool = False
    role: AgentRole = AgentRole.AGENT  # or LIGHT_AGENT: no paid seat
    wait_for_seat: bool = False


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
    email: str | None = None
    name: str | None = None


async def add_agent(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    new: NewAgent,
    catalog: Catalog,
    clock: Clock,
) -> AddedAgent | Waiting:
    """Add an agent, or with `wait_for_seat` and no seat to be had, put them
    in the waiting room (answers where they stand)."""
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        require_role(principal, AGENT_MANAGERS, "add agents")
        products = products_for(account, new.products)
        now = clock.now()
        paid = new.role is AgentRole.AGENT  # a light agent needs no paid seat to come in
        if new.wait_for_seat and paid and not _can_seat(principal, account, products, new):
            waiting = await _wait(uow, principal, account, new, products, now)
            await uow.commit()
            return waiting
        agent = Agent(
            user_id=new.user_id,
            email=new.email,
            name=new.name,
            role=new.role,
            added_at=now,
            updated_at=now,
            agent_since=now,
            products=products,
        )
        # Inserted first, so "already here" is answered before any seat check
        # (a refusal below rolls the insert back).
        if not await uow.agents.add_if_new(account_id, agent):
            raise _exists(new.user_id)
        await refuse_waiting(uow, account, [new.user_id])
        seat_change_id = await _move_seats(
            uow,
            principal,
            account,
            agent.user_id,
            joining(new.role, products),
            new.buy_missing_seats,
            catalog,
            now,
        )
        await record(
            uow,
            event(
                account_id,
                "agent.added",
                principal.actor,
                now,
                user_id=agent.user_id,
                role=agent.role,
                products=products,
                seat_change_id=seat_change_id,
                from_waiting_room=False,
            ),
        )
        await uow.commit()
    return AddedAgent(agent, seat_change_id)


async def _move_seats(
    uow: UnitOfWork,
    principal: Principal,
    account: Account,
    user_id: str,
    move: RoleMove,
    buy_missing_seats: bool,
    catalog: Catalog,
    now: datetime,
) -> str | None:
    """Move one person's seats as their new role and products need, in the
    use case's transaction: the light agent limit first, then the paid seats
    taken (bought when asked), then the rest. Answers the purchase's id."""
    admit_light(account, move)
    seat_change_id = await _take_seats(
        uow, principal, account, move.paid_taken, buy_missing_seats, catalog, now
    )
    move_free_and_released(account, move)
    await uow.agents.grant(account.id, user_id, move.paid_taken, now)
    await uow.agents.revoke(account.id, user_id, move.paid_released)
    await uow.agents.grant_free(account.id, user_id, move.free_given, now)
    await uow.agents.revoke_free(account.id, user_id, move.free_taken_back)
    return seat_change_id


def _can_seat(principal: Principal, account: Account, products: list[str], new: NewAgent) -> bool:
    """Whether adding would seat the agent: every seat free, or the missing
    ones bought on the fly (asked for, and open to the caller)."""
    if not shortfalls(account, products):
        return True
    on_the_fly = purchase_options(account, principal.role).is_open(Channel.ON_THE_FLY)
    return new.buy_missing_seats and on_the_fly


async def _wait(
    uow: UnitOfWork,
    principal: Principal,
    account: Account,
    new: NewAgent,
    products: list[str],
    now: datetime,
) -> Waiting:
    """Queue a user for the seats they lack, unless already an agent or waiting."""
    if await uow.agents.get(account.id, new.user_id) is not None:
        raise _exists(new.user_id)
    await refuse_waiting(uow, account, [new.user_id])
    waiting = WaitingAgent(
        user_id=new.user_id,
        email=new.email,
        name=new.name,
        products=tuple(products),
        queued_at=now,
        actor=principal.actor,
    )
    return await queue(uow, account, waiting, now)


def _exists(user_id: str) -> Conflict:
    return Conflict(
        f"{user_id!r} is already on this account; PATCH an end user to make them an agent again.",
        code="agent_exists",
    )


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
    if missing and buy_missing_seats:
        # Asked to buy: a status that refuses buying says so (409
        # `account_past_due`), rather than a `seats_exhausted` that hides why.
        account.require(SeatAction.BUY)
    on_the_fly = purchase_options(account, principal.role).is_open(Channel.ON_THE_FLY)
    if missing and buy_missing_seats and on_the_fly:
        seat_change_id = await buy_on_the_fly(uow, principal, account, missing, catalog, now)
    try:
        take_seats(
            account, products, role=principal.role, catalog=catalog, now=now, actor=principal.actor
        )
    except SeatsExhausted as refusal:
        await say_how_many_wait(uow, account, refusal)
        raise
    if seat_change_id is not None:
        # Seats the purchase added beyond this agent's (suite parity) go to the waiting.
        await admit_waiting(uow, account, now, principal.actor)
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
    # The seats are bought for this agent: the waiting room comes after it.
    await apply_change(uow, account, change, now, admit=False)
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
            if target_role is AgentRole.LIGHT_AGENT:
                protect_owner(agent, "made a light agent")
            requested = changes.products
            if requested is None and agent.role is AgentRole.END_USER:
                requested = None  # back to agent: every subscribed product by default
            elif requested is None:
                requested = agent.products  # a role moved between agent and light agent
            wanted = products_for(account, requested)
        added = [p for p in wanted if p not in agent.products]
        removed = [p for p in agent.products if p not in wanted]
        if removed and agent.is_owner:
            protect_owner(agent, "left without a seat of a subscribed product")
        contact = edit_contact(account, agent, changes.email, changes.name, now)
        move = role_move(agent, target_role, wanted)
        if not move.changes_anything and target_role is agent.role and not contact:
            return AddedAgent(agent, None)

        seat_change_id = await _move_seats(
            uow, principal, account, user_id, move, changes.buy_missing_seats, catalog, now
        )
        demoted = agent.change(target_role, wanted, now)
        await uow.agents.save(account_id, agent)
        if demoted:
            # The same shape as a capacity cut's: the paid seats given up, and why.
            data = agent_downgraded(
                user_id,
                move.paid_released,
                MANUAL_DOWNGRADE,
                to_end_user=target_role is AgentRole.END_USER,
                role=target_role,
            )
            await record(uow, event(account_id, "agent.downgraded", principal.actor, now, **data))
        if not demoted or contact:
            # A demotion's seats are told above; a new email or name is told here.
            moved = not demoted
            await record(
                uow,
                event(
                    account_id,
                    "agent.updated",
                    principal.actor,
                    now,
                    user_id=user_id,
                    role=agent.role,
                    products=wanted,
                    added=added if moved else [],
                    removed=removed if moved else [],
                    seat_change_id=seat_change_id,
                    **contact,
                ),
            )
        if move.paid_released:
            await admit_waiting(uow, account, now, principal.actor)
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
        leave(account, agent)
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
        await admit_waiting(uow, account, now, principal.actor)
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
