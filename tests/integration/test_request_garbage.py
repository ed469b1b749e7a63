"""A request's objects go when it ends, by reference counting alone.

Anything a request leaves in a reference cycle waits for the garbage
collector: its unit of work's session, and with it what the session's
transaction reached (a downgrade's 10,000 agents among them), stayed alive
until a full collection, which then paused the worker for 30-70 ms in the
middle of someone else's request. And what a statement carries inside it
can outlive the request for good: a downgrade's lists of ids did, until
they went as parameters of the execution.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy.orm import Session

from app.domain.seat_changes import Downgraded
from tests.builders import add_sell_agent, bearer, mint_key, open_account
from tests.conftest import TickingClock


def alive(kind: type) -> int:
    return sum(1 for o in gc.get_objects() if type(o) is kind)


def lists_of(user_ids: set[str]) -> int:
    """Lists alive that hold only these user ids (as a statement's parameter)."""
    return sum(
        1
        for o in gc.get_objects()
        if type(o) is list and len(o) > 1 and all(type(x) is str and x in user_ids for x in o)
    )


@contextmanager
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


async def test_agent_adds_and_a_downgrade_leave_nothing_of_theirs_alive(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 40}])
    owner = await mint_key(client, account["id"], "owner")
    for n in range(3):  # the key cached, the statements compiled and prepared
        await add_sell_agent(client, account["id"], owner, f"warm{n}")

    with collector_off():
        sessions = alive(Session)
        for n in range(20):
            await add_sell_agent(client, account["id"], owner, f"u{n}")
        cut = await client.post(
            f"/v1/accounts/{account['id']}/seat-changes",
            json={"changes": [{"product": "sell", "seats": 2}]},
            headers=bearer(owner),
        )
        assert cut.status_code == 201, cut.text
        downgraded = {d["user_id"] for d in cut.json()["downgraded_agents"]}
        assert len(downgraded) == 22  # 24 holders (owner included) on 2 seats
        del cut
        left_sessions, left_downgraded = alive(Session), alive(Downgraded)
        left_id_lists = lists_of(downgraded)

    assert left_sessions == sessions
    assert left_downgraded == 0
    assert left_id_lists == 0


async def test_a_change_applied_at_renewal_leaves_its_agents_behind_in_no_cycle(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 40}])
    owner = await mint_key(client, account["id"], "owner")
    for n in range(12):
        await add_sell_agent(client, account["id"], owner, f"u{n}")
    scheduled = await client.post(
        f"/v1/accounts/{account['id']}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 3}], "effective": "at_renewal"},
        headers=bearer(owner),
    )
    assert scheduled.status_code == 201, scheduled.text
    clock.set_iso(account["term_end"])

    with collector_off():
        ran = (await client.post("/v1/admin/jobs/run")).json()
        assert ran["renewals"]["agents_downgraded"] == 10  # 13 holders (owner included) on 3
        left_downgraded = alive(Downgraded)

    assert left_downgraded == 0
