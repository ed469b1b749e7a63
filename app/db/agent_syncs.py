"""Reading and writing a bulk agent sync: up to 10,000 agents in one
transaction, in a handful of statements whatever their number.

Many values to match travel as one parameter (`one_of`), new rows as one
bulk insert (`insert_rows`: a COPY on PostgreSQL), and changed agents as one
executemany: never a statement per agent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.agents import agent_row
from app.db.fastpath import execute_many, insert_rows, matched, one_of
from app.db.models import AgentRow, AgentSeatRow
from app.domain.agent_syncs import SyncPlan
from app.domain.agents import Agent, AgentRole

AGENTS = cast(Table, AgentRow.__table__)
SEATS = cast(Table, AgentSeatRow.__table__)
# Every column a sync may change on an agent it keeps, one row of parameters
# per agent (the bind names differ from the columns': SQLAlchemy reserves those).
SAVE_AGENT = (
    update(AGENTS)
    .where(AGENTS.c.account_id == bindparam("a_id"), AGENTS.c.user_id == bindparam("u_id"))
    .values(
        email=bindparam("e"),
        name=bindparam("n"),
        role=bindparam("r"),
        updated_at=bindparam("at"),
        agent_since=bindparam("since"),
        downgraded_at=bindparam("d_at"),
        downgrade_reason=bindparam("d_reason"),
    )
)
AGENT_COLUMNS = (
    AGENTS.c.user_id,
    AGENTS.c.email,
    AGENTS.c.name,
    AGENTS.c.role,
    AGENTS.c.is_owner,
    AGENTS.c.added_at,
    AGENTS.c.updated_at,
    AGENTS.c.agent_since,
    AGENTS.c.downgraded_at,
    AGENTS.c.downgrade_reason,
)


class AgentSyncRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def current(self, account_id: str, user_ids: list[str] | None) -> list[Agent]:
        """The account's agents and end users with their products: those of
        `user_ids`, or (None) every one."""
        agents = select(*AGENT_COLUMNS).where(AGENTS.c.account_id == account_id)
        seats = select(SEATS.c.user_id, SEATS.c.product).where(SEATS.c.account_id == account_id)
        params: dict[str, Any] = {}
        if user_ids is not None:
            agents = agents.where(one_of(self.session, AGENTS.c.user_id))
            seats = seats.where(one_of(self.session, SEATS.c.user_id))
            params = matched(self.session, user_ids)
        held: dict[str, list[str]] = defaultdict(list)
        for user_id, product in await self.session.execute(seats.order_by(SEATS.c.product), params):
            held[user_id].append(product)
        rows = await self.session.execute(agents, params)
        return [_agent(row, held.get(row[0], [])) for row in rows]

    async def write(self, account_id: str, plan: SyncPlan) -> None:
        """Write the plan's agents and seats (the account's counters move with
        the account, on commit): removals, seats given back, changed agents,
        new agents, then every seat taken."""
        session = self.session
        if plan.remove:
            gone = matched(session, [agent.user_id for agent in plan.remove])
            await session.execute(
                delete(SEATS).where(
                    SEATS.c.account_id == account_id, one_of(session, SEATS.c.user_id)
                ),
                gone,
            )
            await session.execute(
                delete(AGENTS).where(
                    AGENTS.c.account_id == account_id, one_of(session, AGENTS.c.user_id)
                ),
                gone,
            )
        given_back: dict[str, list[str]] = defaultdict(list)
        for change in plan.update:
            for product in change.removed:
                given_back[product].append(change.agent.user_id)
        for product, user_ids in given_back.items():  # a statement per product, not per agent
            await session.execute(
                delete(SEATS).where(
                    SEATS.c.account_id == account_id,
                    SEATS.c.product == product,
                    one_of(session, SEATS.c.user_id),
                ),
                matched(session, user_ids),
            )
        await execute_many(
            session, SAVE_AGENT, [_saved(account_id, change.agent) for change in plan.update]
        )
        await insert_rows(session, AGENTS, (agent_row(account_id, agent) for agent in plan.add))
        await insert_rows(session, SEATS, _seats_taken(account_id, plan))


def _seats_taken(account_id: str, plan: SyncPlan) -> Iterator[dict[str, str]]:
    for agent in plan.add:
        for product in agent.products:
            yield {"account_id": account_id, "user_id": agent.user_id, "product": product}
    for change in plan.update:
        for product in change.added:
            yield {"account_id": account_id, "user_id": change.agent.user_id, "product": product}


def _saved(account_id: str, agent: Agent) -> dict[str, object]:
    return {
        "a_id": account_id,
        "u_id": agent.user_id,
        "e": agent.email,
        "n": agent.name,
        "r": agent.role.value,
        "at": agent.updated_at,
        "since": agent.agent_since,
        "d_at": agent.downgraded_at,
        "d_reason": agent.downgrade_reason,
    }


def _agent(row: Sequence[Any], products: list[str]) -> Agent:
    user_id, email, name, role, is_owner, added_at, updated_at, since, d_at, d_reason = row
    return Agent(
        user_id=user_id,
        email=email,
        name=name,
        role=AgentRole(role),
        added_at=added_at,
        updated_at=updated_at,
        agent_since=since,
        is_owner=is_owner,
        products=products,
        downgraded_at=d_at,
        downgrade_reason=d_reason,
    )
