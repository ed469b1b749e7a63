"""Use case: explain, product by product, whether and why a person's seat is counted."""

from __future__ import annotations

from dataclasses import dataclass

from app.db.unit_of_work import UnitOfWork
from app.domain.access import Principal
from app.domain.agents import Agent
from app.domain.errors import NotFound
from app.domain.roles import SeatExplanation, explain_seats
from app.services.access import load_visible


@dataclass(frozen=True, slots=True)
class AgentSeats:
    agent: Agent
    seats: list[SeatExplanation]
    version: int  # the account's, the agent's ETag


async def explain_agent_seats(
    uow: UnitOfWork, principal: Principal, account_id: str, user_id: str
) -> AgentSeats:
    async with uow:
        # The account (and its version) first: a change committed between the
        # reads then leaves an older ETag on newer data, never the reverse.
        account = await load_visible(uow, principal, account_id)
        agent = await uow.agents.get(account_id, user_id)
        if agent is None:
            raise NotFound(f"No agent {user_id!r} on this account.")
        granted_at = await uow.agents.granted_at(account_id, agent)
        return AgentSeats(agent, explain_seats(account, agent, granted_at), account.version)
