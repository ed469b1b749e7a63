"""Loading and saving agents with the seats they hold."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Integer,
    Table,
    bindparam,
    delete,
    exists,
    insert,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.fastpath import execute, execute_many, fetch, matched, one_of
from app.db.models import AgentRow, AgentSeatRow, LightAgentProductRow
from app.db.pages import Page, cut_page, newest_first
from app.domain.agents import Agent, AgentRole
from app.domain.seat_changes import Downgraded, Holder

SEATS = cast(Table, AgentSeatRow.__table__)
AGENTS = cast(Table, AgentRow.__table__)
# A light agent's products: free, apart from the paid seats (see the model).
FREE = cast(Table, LightAgentProductRow.__table__)

# The existence check and the insert in one round trip (adding an agent is the
# hottest write): the row count says whether the user was already there. The
# account row is locked while this runs, so no other add races it.
INSERT_NEW_AGENT = insert(AGENTS).from_select(
    [column.name for column in AGENTS.c],
    select(*(bindparam(column.name, type_=column.type) for column in AGENTS.c)).where(
        ~exists().where(
            AGENTS.c.account_id == bindparam("account_id"),
            AGENTS.c.user_id == bindparam("user_id"),
        )
    ),
)
INSERT_SEATS = insert(SEATS)
INSERT_FREE = insert(FREE)
# The newest holders of a product's seats, never the owner (a downgrade's
# candidates). A correlated EXISTS that OFFSET 0 keeps PostgreSQL from
# flattening into a join: it walks the account's agents and probes each one's
# seat by key. As a join, a planner without statistics (a freshly loaded table)
# chose to probe agents through ix_agents_account_since, where the user id is
# not a prefix, scanning every agent of the account per holder. "Newest" is
# `agent_since`, the order ix_agents_account_since keeps, so the walk stops
# after `limit` holders.
NEWEST_HOLDERS = (
    select(AGENTS.c.user_id, AGENTS.c.email, AGENTS.c.agent_since)
    .where(
        AGENTS.c.account_id == bindparam("account_id"),
        AGENTS.c.is_owner.is_(False),
        select(SEATS.c.user_id)
        .where(
            SEATS.c.account_id == AGENTS.c.account_id,
            SEATS.c.user_id == AGENTS.c.user_id,
            SEATS.c.product == bindparam("product"),
        )
        .offset(literal_column("0", Integer))
        .exists(),
    )
    .order_by(AGENTS.c.agent_since.desc(), AGENTS.c.user_id.desc())
    .limit(bindparam("limit", type_=Integer))
)


class AgentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, account_id: str, user_id: str) -> Agent | None:
        row = await self.session.get(AgentRow, (account_id, user_id))
        if row is None:
            return None
        held = await self._held(account_id, [row])
        return _to_agent(row, held.get(user_id, []))

    async def granted_at(self, account_id: str, agent: Agent) -> dict[str, datetime | None]:
        """When each product the agent holds was given (null where not kept)."""
        table = FREE if agent.role is AgentRole.LIGHT_AGENT else SEATS
        rows = await self.session.execute(
            select(table.c.product, table.c.granted_at).where(
                table.c.account_id == account_id, table.c.user_id == agent.user_id
            )
        )
        return {product: at for product, at in rows}

    async def add_if_new(self, account_id: str, agent: Agent) -> bool:
        """Insert the agent (not yet its seats: see `grant`) unless the user is
        already on the account; answers whether it was inserted."""
        inserted = await execute(self.session, INSERT_NEW_AGENT, agent_row(account_id, agent))
        return inserted == 1

    async def save(self, account_id: str, agent: Agent) -> None:
        await self.session.execute(
            update(AgentRow)
            .where(AgentRow.account_id == account_id, AgentRow.user_id == agent.user_id)
            .values(
                email=agent.email,
                name=agent.name,
                role=agent.role.value,
                updated_at=agent.updated_at,
                agent_since=agent.agent_since,
                downgraded_at=agent.downgraded_at,
                downgrade_reason=agent.downgrade_reason,
            )
        )

    async def set_owner(self, account_id: str, user_id: str, at: datetime) -> None:
        """Mark `user_id` the account's owner and whoever was, no longer: one
        owner per account, as `accounts.owner_user_id` says."""
        await self.session.execute(
            update(AGENTS)
            .where(
                AGENTS.c.account_id == account_id,
                AGENTS.c.is_owner.is_(True) | (AGENTS.c.user_id == user_id),
            )
            .values(is_owner=AGENTS.c.user_id == user_id, updated_at=at)
        )

    async def grant(
        self, account_id: str, user_id: str, products: list[str], at: datetime | None = None
    ) -> None:
        """Paid seats of `products`, taken at `at` (the account's counters moved with them)."""
        await execute_many(
            self.session,
            INSERT_SEATS,
            [
                {"account_id": account_id, "user_id": user_id, "product": p, "granted_at": at}
                for p in products
            ],
        )

    async def grant_free(
        self, account_id: str, user_id: str, products: list[str], at: datetime
    ) -> None:
        """A light agent's products, given free at `at`."""
        await execute_many(
            self.session,
            INSERT_FREE,
            [
                {"account_id": account_id, "user_id": user_id, "product": p, "granted_at": at}
                for p in products
            ],
        )

    async def revoke_free(self, account_id: str, user_id: str, products: list[str]) -> None:
        if products:
            await self.session.execute(
                delete(FREE).where(
                    FREE.c.account_id == account_id,
                    FREE.c.user_id == user_id,
                    FREE.c.product.in_(products),
                )
            )

    async def revoke(self, account_id: str, user_id: str, products: list[str]) -> None:
        if products:
            await self.session.execute(
                delete(AgentSeatRow).where(
                    AgentSeatRow.account_id == account_id,
                    AgentSeatRow.user_id == user_id,
                    AgentSeatRow.product.in_(products),
                )
            )

    async def remove(self, account_id: str, user_id: str) -> None:
        await self.revoke_all(account_id, user_id)
        await self.session.execute(
            delete(FREE).where(FREE.c.account_id == account_id, FREE.c.user_id == user_id)
        )
        await self.session.execute(
            delete(AgentRow).where(AgentRow.account_id == account_id, AgentRow.user_id == user_id)
        )

    async def revoke_all(self, account_id: str, user_id: str) -> None:
        await self.session.execute(
            delete(AgentSeatRow).where(
                AgentSeatRow.account_id == account_id, AgentSeatRow.user_id == user_id
            )
        )

    async def page(
        self,
        account_id: str,
        *,
        role: AgentRole | None,
        product: str | None,
        cursor: str | None,
        limit: int,
    ) -> Page[Agent]:
        stmt = select(AgentRow).where(AgentRow.account_id == account_id)
        if role is not None:
            stmt = stmt.where(AgentRow.role == role.value)
        if product is not None:
            # Given the product, paid or free.
            stmt = stmt.where(
                or_(
                    *(
                        select(table.c.user_id)
                        .where(
                            table.c.account_id == account_id,
                            table.c.user_id == AgentRow.user_id,
                            table.c.product == product,
                        )
                        .exists()
                        for table in (SEATS, FREE)
                    )
                )
            )
        stmt = newest_first(stmt, AgentRow.agent_since, AgentRow.user_id, cursor, limit)
        rows = list(await self.session.scalars(stmt))
        held = await self._held(account_id, rows)
        agents = [_to_agent(row, held.get(row.user_id, [])) for row in rows]
        return cut_page(agents, limit, lambda a: (a.agent_since, a.user_id))

    async def newest_holders(self, account_id: str, product: str, limit: int) -> list[Holder]:
        """The newest `limit` holders of a product's seats, never the owner."""
        found = await fetch(
            self.session,
            NEWEST_HOLDERS,
            {"account_id": account_id, "product": product, "limit": limit},
        )
        # Each holds `product`: read only their other seats (none, in a large cut
        # of one product, where reading all of them was 10,000 more rows).
        others = await self._products(account_id, [row[0] for row in found], besides=product)
        return _holders(found, others, also=(product,))

    async def holders_by_id(self, account_id: str, user_ids: list[str]) -> dict[str, Holder]:
        rows = (
            await self.session.execute(
                select(AGENTS.c.user_id, AGENTS.c.email, AGENTS.c.agent_since).where(
                    AGENTS.c.account_id == account_id,
                    one_of(self.session, AGENTS.c.user_id),
                    AGENTS.c.is_owner.is_(False),
                ),
                matched(self.session, user_ids),
            )
        ).all()
        held = await self._products(account_id, [row[0] for row in rows])
        return {h.user_id: h for h in _holders(rows, held)}

    async def give_up_seats(
        self, account_id: str, downgraded: list[Downgraded], at: datetime, reason: str
    ) -> None:
        """Take the chosen seats back and demote whoever is left with none: one
        statement per product and one for the demotions, however many agents."""
        losers: dict[str, list[str]] = defaultdict(list)
        for d in downgraded:
            for product in d.products:
                losers[product].append(d.user_id)
        for product, user_ids in losers.items():
            await self.session.execute(
                delete(SEATS).where(
                    SEATS.c.account_id == account_id,
                    SEATS.c.product == product,
                    one_of(self.session, SEATS.c.user_id),
                ),
                matched(self.session, user_ids),
            )
        demoted = [d.user_id for d in downgraded if d.to_end_user]
        if demoted:
            await self.session.execute(
                update(AGENTS)
                .where(
                    AGENTS.c.account_id == account_id,
                    one_of(self.session, AGENTS.c.user_id),
                )
                .values(
                    role=AgentRole.END_USER.value,
                    downgraded_at=at,
                    downgrade_reason=reason,
                    updated_at=at,
                ),
                matched(self.session, demoted),
            )

    async def _held(self, account_id: str, rows: list[AgentRow]) -> dict[str, list[str]]:
        """What each of `rows` holds: paid seats, or a light agent's free products."""
        held = await self._products(account_id, [row.user_id for row in rows])
        light = [row.user_id for row in rows if row.role == AgentRole.LIGHT_AGENT.value]
        if light:
            held.update(await self._products(account_id, light, table=FREE))
        return held

    async def _products(
        self,
        account_id: str,
        user_ids: list[str],
        besides: str | None = None,
        table: Table = SEATS,
    ) -> dict[str, list[str]]:
        """The paid seats each of `user_ids` holds (the free products, with `table=FREE`)."""
        held: dict[str, list[str]] = defaultdict(list)
        stmt = select(table.c.user_id, table.c.product).where(
            table.c.account_id == account_id, one_of(self.session, table.c.user_id)
        )
        if besides is not None:
            stmt = stmt.where(table.c.product != besides)
        rows = await self.session.execute(
            stmt.order_by(table.c.product), matched(self.session, user_ids)
        )
        for user_id, product in rows:
            held[user_id].append(product)
        return held


def _holders(
    rows: Sequence[Sequence[Any]], held: dict[str, list[str]], also: tuple[str, ...] = ()
) -> list[Holder]:
    """Holders of `rows` (user id, email, agent since) with the seats `held` lists
    for each, plus the products `also` that every row is known to hold. Holders with
    the same seats share one set: a cut of one product makes a holder per
    agent, and a set each was memory the worker kept afterwards."""
    sets: dict[tuple[str, ...], frozenset[str]] = {}
    holders = []
    for user_id, email, agent_since in rows:
        others = held.get(user_id)
        seats = also if others is None else (*also, *others)
        products = sets.get(seats)
        if products is None:
            products = sets[seats] = frozenset(seats)
        holders.append(Holder(user_id, email, agent_since, products))
    return holders


def _to_agent(row: AgentRow, products: list[str]) -> Agent:
    return Agent(
        user_id=row.user_id,
        email=row.email,
        name=row.name,
        role=AgentRole(row.role),
        added_at=row.added_at,
        updated_at=row.updated_at,
        agent_since=row.agent_since,
        is_owner=row.is_owner,
        products=products,
        downgraded_at=row.downgraded_at,
        downgrade_reason=row.downgrade_reason,
        last_active_at=row.last_active_at,
    )


def agent_row(account_id: str, agent: Agent) -> dict[str, object]:
    """The agents row of `agent`, as every insert writes it (one at a time or a
    bulk sync's thousands)."""
    return {
        "account_id": account_id,
        "user_id": agent.user_id,
        "email": agent.email,
        "name": agent.name,
        "role": agent.role.value,
        "is_owner": agent.is_owner,
        "added_at": agent.added_at,
        "updated_at": agent.updated_at,
        "agent_since": agent.agent_since,
        "downgraded_at": agent.downgraded_at,
        "downgrade_reason": agent.downgrade_reason,
        "last_active_at": agent.last_active_at,
    }
