"""The bulk sync's plan is a pure function of the agents, the list and the
account: the same inputs always plan the same, and planning changes none of
them. So a dry run and the apply that follows it, given the same state,
cannot disagree; and what the plan takes and frees is what its agents hold."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from app.catalog import load_catalog
from app.domain.accounts import Account, AccountSpec, BillingMode, Person, open_account
from app.domain.agent_syncs import SyncEntry, SyncPlan, plan_sync
from app.domain.agents import Agent, AgentRole
from app.domain.errors import Conflict, InvalidRequest
from app.domain.subscription import SeatTarget
from app.domain.terms import BillingCycle

CATALOG = load_catalog(None)
NOW = datetime(2026, 3, 1, 9, tzinfo=UTC)
SUITE = ["chat", "explore", "guide", "support", "talk"]


def account(suite_seats: int = 3, sell_seats: int = 2) -> Account:
    spec = AccountSpec(
        name="Acme",
        billing_mode=BillingMode.SELF_SERVICE,
        self_manageable=False,
        legacy_sell=False,
        sales_rep=None,
        owner=Person("boss", "boss@acme.example", "Boss"),
        billing_cycle=BillingCycle.MONTHLY,
        currency="USD",
        subscription=[
            SeatTarget(seats=suite_seats, suite="support_suite"),
            SeatTarget(seats=sell_seats, product="sell"),
        ],
    )
    return open_account(spec, "acct_1", CATALOG, NOW)


def agent(user_id: str, products: list[str], *, role: AgentRole = AgentRole.AGENT) -> Agent:
    then = NOW - timedelta(days=1)
    return Agent(
        user_id, f"{user_id}@acme.example", user_id, role, then, then, then, products=products
    )


def holding(acct: Account, agents: list[Agent]) -> Account:
    """`acct` with its counters at what `agents` (the owner among them) hold."""
    for line in acct.lines:
        line.assigned = sum(line.product in a.products for a in agents)
    return acct


def entry(user_id: str, products: list[str] | None = None, **fields: object) -> SyncEntry:
    values: dict[str, object] = {
        "user_id": user_id,
        "email": f"{user_id}@acme.example",
        "name": user_id,
        "products": products,
        **fields,
    }
    return SyncEntry(**values)  # type: ignore[arg-type]


def test_the_same_state_plans_the_same_and_planning_changes_nothing() -> None:
    owner = agent("boss", [*SUITE, "sell"])
    owner.is_owner = True
    current = [owner, agent("u1", SUITE), agent("u2", ["sell"]), agent("u3", ["support"])]
    acct = holding(account(), current)
    entries = [
        entry("u1", SUITE, email="new@acme.example"),
        entry("u2", ["sell", "support"]),
        entry("u5", ["sell"]),
        entry("u6"),
    ]
    before = (copy.deepcopy(acct), copy.deepcopy(current))

    first = plan_sync(acct, current, entries, remove_missing=True, catalog=CATALOG, now=NOW)
    second = plan_sync(acct, current, entries, remove_missing=True, catalog=CATALOG, now=NOW)

    assert first == second
    assert (acct, current) == before
    assert [a.user_id for a in first.add] == ["u5", "u6"]
    assert [u.agent.user_id for u in first.update] == ["u1", "u2"]
    assert [a.user_id for a in first.remove] == ["u3"]
    # What it takes and frees is exactly what the added, changed and removed hold.
    assert first.taken == {"sell": 2, "support": 2, **{p: 1 for p in SUITE if p != "support"}}
    assert first.freed == {"support": 1}
    assert sorted((s.product, s.needed) for s in first.missing) == [("sell", 2), ("support", 1)]


def test_an_over_capacity_line_asks_only_for_the_seats_the_sync_takes() -> None:
    current = [agent("boss", [*SUITE, "sell"]), agent("u1", ["sell"]), agent("u2", ["sell"])]
    acct = holding(account(sell_seats=1), current)  # sell: 3 held on 1

    plan = plan_sync(
        acct, current, [entry("u9", ["sell"])], remove_missing=False, catalog=CATALOG, now=NOW
    )

    assert [(s.product, s.needed) for s in plan.missing] == [("sell", 1)]


def test_the_owner_is_protected_and_bad_lists_are_refused() -> None:
    owner = agent("boss", [*SUITE, "sell"])
    owner.is_owner = True
    acct = holding(account(), [owner])

    def plan(*entries: SyncEntry) -> SyncPlan:
        return plan_sync(
            acct, [owner], list(entries), remove_missing=True, catalog=CATALOG, now=NOW
        )

    assert plan().remove == []
    with pytest.raises(Conflict, match="owner"):
        plan(entry("boss", role=AgentRole.END_USER))
    with pytest.raises(Conflict, match="owner"):
        plan(entry("boss", ["sell"]))
    with pytest.raises(InvalidRequest) as repeated:
        plan(entry("u1"), entry("u1"))
    assert repeated.value.code == "duplicate_user_id"
