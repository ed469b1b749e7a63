"""The waiting room (R13): queueing a user for a seat, listing and
withdrawing them, and `admit_waiting`, the one function every path that frees
or adds seats calls to let the waiting in.

Where it is called, so that no path forgets it: `apply_change` (every seat
change: the subscription page, buying on the fly, sales requests, renewals),
`downgrade` (every capacity cut and any other path that takes seats back:
temporary seats ending, reclaim), removing an agent and PATCHing one to fewer
products or to end user (app/services/agents.py), and temporary seats starting
(`grant_seats` and the start job). A new path that frees seats calls it before
it commits, with the account it locked.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import AGENT_MANAGERS, Principal, require_role
from app.domain.account_status import SeatAction
from app.domain.accounts import Account
from app.domain.agents import Agent, AgentRole
from app.domain.errors import NotFound
from app.domain.seats import SeatsExhausted, say_waiting
from app.domain.waiting import (
    Waiting,
    WaitingAgent,
    admit,
    already_waiting,
    anyone_can_enter,
    fits,
    join,
    leave,
)
from app.services.access import check_visible, load_visible
from app.services.audit import SYSTEM, event, record
from app.services.clock import Clock

# How many waiting agents one read brings, when admitting.
BATCH = 100


async def refuse_waiting(uow: UnitOfWork, account: Account, user_ids: Collection[str]) -> None:
    """A user in the waiting room is not added a second way (POST agents, a
    bulk sync): they come in with their turn, or are withdrawn first. Read
    only when someone waits; one user is one lookup."""
    if not any(line.waiting for line in account.lines):
        return
    if len(user_ids) == 1:
        (user_id,) = user_ids
        if await uow.waiting.get(account.id, user_id) is not None:
            raise already_waiting(user_id)
        return
    listed, after = set(user_ids), None
    while batch := await uow.waiting.oldest(account.id, after, BATCH):
        found = sorted(listed & {w.user_id for w in batch})
        if found:
            raise already_waiting(found[0])
        after = batch[-1]


async def admit_waiting(
    uow: UnitOfWork, account: Account, now: datetime, actor: str = SYSTEM
) -> int:
    """Seat the waiting agents, oldest first, as far as the free seats go, in
    the caller's transaction (the caller holds the account's lock): each one
    becomes an agent with a seat of every product they wait for
    (`agent.added` with `from_waiting_room`) and leaves the queue. One whose
    products do not all have a free seat is never seated with only some of
    them; they keep their place and do not hold back younger ones whose seats
    are free (the seats would otherwise stay empty). Never over capacity:
    each admission takes seats only where `fits` found them free. Answers how
    many came in."""
    if not account.may(SeatAction.ASSIGN):
        # A status that refuses assigning seats (suspended, cancelled) lets
        # nobody in: they keep their place for when it allows it again.
        return 0
    admitted: list[WaitingAgent] = []
    after: WaitingAgent | None = None
    # The lines' counters say whether anyone could come in: no read otherwise,
    # so the hot paths (removing an agent with nobody waiting) pay nothing.
    while anyone_can_enter(account):
        batch = await uow.waiting.oldest(account.id, after, BATCH)
        for waiting in batch:
            if fits(account, waiting.products):
                admit(account, waiting, actor, now)
                admitted.append(waiting)
        if len(batch) < BATCH:
            break
        after = batch[-1]
    if not admitted:
        return 0
    await uow.waiting.remove(account.id, [w.user_id for w in admitted])
    for waiting in admitted:
        agent = Agent(
            user_id=waiting.user_id,
            email=waiting.email,
            name=waiting.name,
            role=AgentRole.AGENT,
            added_at=now,
            updated_at=now,
            agent_since=now,
            products=list(waiting.products),
        )
        # Nobody waits who is on the account (queueing and adding both refuse
        # it under this lock), so the insert always takes.
        inserted = await uow.agents.add_if_new(account.id, agent)
        assert inserted, waiting.user_id
        await uow.agents.grant(account.id, waiting.user_id, list(waiting.products), now)
    await record(
        uow,
        *(
            event(
                account.id,
                "agent.added",
                actor,
                now,
                user_id=w.user_id,
                products=list(w.products),
                seat_change_id=None,
                from_waiting_room=True,
                queued_at=w.queued_at.isoformat(),
            )
            for w in admitted
        ),
    )
    return len(admitted)


async def queue(uow: UnitOfWork, account: Account, waiting: WaitingAgent, now: datetime) -> Waiting:
    """Put a user in the waiting room (the caller checked they are neither an
    agent nor waiting, under the account's lock)."""
    await uow.waiting.add(account.id, waiting)
    join(account, waiting.products)
    await record(
        uow,
        event(
            account.id,
            "waiting_agent.added",
            waiting.actor,
            now,
            user_id=waiting.user_id,
            products=list(waiting.products),
            queued_at=waiting.queued_at.isoformat(),
        ),
    )
    return Waiting(waiting, await uow.waiting.position(account.id, waiting))


async def count_waiting(uow: UnitOfWork, account: Account) -> int:
    """How many users wait for a seat on the account (no read when no line
    counts anyone)."""
    if not any(line.waiting for line in account.lines):
        return 0
    return await uow.waiting.count(account.id)


async def say_how_many_wait(uow: UnitOfWork, account: Account, refusal: SeatsExhausted) -> None:
    """A refusal for want of seats says exactly how many wait on the account."""
    say_waiting(refusal, await count_waiting(uow, account))


async def list_waiting(
    uow: UnitOfWork, principal: Principal, account_id: str, cursor: str | None, limit: int
) -> Page[Waiting]:
    async with uow:
        await check_visible(uow, principal, account_id)
        return await uow.waiting.page(account_id, cursor, limit)


async def withdraw(
    uow: UnitOfWork, principal: Principal, account_id: str, user_id: str, clock: Clock
) -> None:
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        require_role(principal, AGENT_MANAGERS, "withdraw waiting agents")
        waiting = await uow.waiting.get(account_id, user_id)
        if waiting is None:
            raise NotFound(f"Nobody {user_id!r} is waiting for a seat on this account.")
        now = clock.now()
        await uow.waiting.remove(account_id, [user_id])
        leave(account, waiting.products)
        await record(
            uow,
            event(
                account_id,
                "waiting_agent.removed",
                principal.actor,
                now,
                user_id=user_id,
                products=list(waiting.products),
            ),
        )
        await uow.commit()
