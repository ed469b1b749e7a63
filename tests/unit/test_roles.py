"""Role moves and seat explanations, decided without a database (R13)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.accounts import Account, BillingMode, LightAgentLimitReached, Person
from app.domain.agents import Agent, AgentRole
from app.domain.roles import (
    SeatReason,
    admit_light,
    explain_seats,
    joining,
    leave,
    move_free_and_released,
    role_move,
)
from app.domain.subscription import SeatLine
from app.domain.terms import BillingCycle

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def account(limit: int = 50) -> Account:
    return Account(
        id="acct_1",
        name="Acme",
        billing_mode=BillingMode.SELF_SERVICE,
        self_manageable=False,
        legacy_sell=False,
        sales_rep=None,
        owner=Person("owner", "o@acme.example", "Owner"),
        billing_cycle=BillingCycle.MONTHLY,
        currency="USD",
        term_start=T0,
        term_end=T0 + timedelta(days=31),
        created_at=T0,
        updated_at=T0,
        lines=[
            SeatLine("support", None, seats=3, assigned=2),
            SeatLine("sell", None, seats=3, assigned=1),
        ],
        light_agent_limit=limit,
    )


def person(role: AgentRole, products: list[str], **extra: object) -> Agent:
    return Agent(
        user_id="u1",
        email="u1@acme.example",
        name="U1",
        role=role,
        added_at=T0,
        updated_at=T0,
        agent_since=T0,
        products=products,
        **extra,  # type: ignore[arg-type]
    )


def test_an_agent_made_a_light_agent_gives_back_paid_seats_and_keeps_products_free() -> None:
    acct = account()
    move = role_move(person(AgentRole.AGENT, ["support"]), AgentRole.LIGHT_AGENT, ["support"])
    assert (move.paid_taken, move.paid_released, move.free_given) == ([], ["support"], ["support"])
    admit_light(acct, move)
    move_free_and_released(acct, move)
    support = acct.line("support")
    assert support is not None
    assert (support.assigned, support.light_agents, acct.light_agents) == (1, 1, 1)


def test_the_light_agent_limit_refuses_the_one_past_it() -> None:
    acct = account(limit=1)
    admit_light(acct, joining(AgentRole.LIGHT_AGENT, ["sell"]))
    with pytest.raises(LightAgentLimitReached):
        admit_light(acct, joining(AgentRole.LIGHT_AGENT, ["sell"]))
    assert acct.light_agents == 1


def test_a_light_agent_leaving_frees_its_place_and_its_products() -> None:
    acct = account()
    light = person(AgentRole.LIGHT_AGENT, ["sell"])
    move = joining(AgentRole.LIGHT_AGENT, ["sell"])
    admit_light(acct, move)
    move_free_and_released(acct, move)
    leave(acct, light)
    sell = acct.line("sell")
    assert sell is not None
    assert (sell.assigned, sell.light_agents, acct.light_agents) == (1, 0, 0)


def test_each_role_is_explained_per_subscribed_product() -> None:
    acct = account()
    later = T0 + timedelta(days=2)
    agent = explain_seats(acct, person(AgentRole.AGENT, ["support"]), {"support": later})
    assert [(s.product, s.counted, s.reason_code, s.since) for s in agent] == [
        ("support", True, SeatReason.PAID_SEAT, later),
        ("sell", False, SeatReason.NOT_GRANTED, None),
    ]
    owner = explain_seats(acct, person(AgentRole.AGENT, ["support", "sell"], is_owner=True), {})
    assert {s.reason_code for s in owner} == {SeatReason.ACCOUNT_OWNER}
    light = explain_seats(acct, person(AgentRole.LIGHT_AGENT, ["sell"]), {"sell": None})
    assert [(s.counted, s.reason_code, s.since) for s in light] == [
        (False, SeatReason.NOT_GRANTED, None),
        (False, SeatReason.LIGHT_AGENT_FREE, T0),
    ]
    ended = explain_seats(acct, person(AgentRole.END_USER, [], downgraded_at=later), {})
    assert {(s.counted, s.reason_code, s.since) for s in ended} == {
        (False, SeatReason.END_USER_FREE, later)
    }
