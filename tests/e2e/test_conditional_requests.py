"""Conditional requests on every versioned resource: ETag on reads and after
every change, 304 on a current If-None-Match, 412 on a stale If-Match with
nothing changed."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import account_body, bearer, mint_key, open_account
from tests.conftest import TickingClock

RITA = {"name": "Rita Rep", "email": "rita@sales.example.com"}
TABLES = (
    "accounts",
    "agents",
    "agent_seats",
    "subscription_lines",
    "seat_changes",
    "sales_requests",
    "temporary_seats",
    "api_keys",
    "events",
    "notifications",
)


def agent(n: int, **overrides: Any) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}", **overrides}


def iso(moment: Any) -> str:
    return str(moment.isoformat()).replace("+00:00", "Z")


async def snapshot(engine: AsyncEngine) -> dict[str, Any]:
    """Every row that a change could touch, as plain values."""
    found: dict[str, Any] = {}
    async with engine.connect() as connection:
        for table in TABLES:
            rows = await connection.execute(text(f"SELECT * FROM {table}"))
            found[table] = sorted(tuple(str(value) for value in row) for row in rows)
    return found


async def etags(client: httpx.AsyncClient, account_id: str, user_id: str) -> set[str]:
    """The ETags the account, its subscription and one agent answer now."""
    base = f"/v1/accounts/{account_id}"
    answers = [
        await client.get(base),
        await client.get(f"{base}/subscription"),
        await client.get(f"{base}/agents/{user_id}"),
    ]
    assert all(a.status_code == 200 for a in answers)
    return {a.headers["etag"] for a in answers}


async def test_each_versioned_resource_answers_304_to_its_current_etag(
    client: httpx.AsyncClient,
) -> None:
    opened = await client.post("/v1/accounts", json=account_body())
    assert opened.headers["etag"] == '"1"'
    account = opened.json()
    base = f"/v1/accounts/{account['id']}"
    owner_id = account["owner"]["user_id"]
    for path in ("", "/subscription", f"/agents/{owner_id}"):
        first = await client.get(f"{base}{path}")
        assert first.status_code == 200
        tag = first.headers["etag"]
        assert tag == '"1"'
        for sent in (tag, f"W/{tag}", f'"0", {tag}', "*"):
            again = await client.get(f"{base}{path}", headers={"If-None-Match": sent})
            assert again.status_code == 304, (path, sent, again.text)
            assert again.content == b""
            assert again.headers["etag"] == tag
            assert "x-request-id" in again.headers
        stale = await client.get(f"{base}{path}", headers={"If-None-Match": '"0"'})
        assert stale.status_code == 200
        assert stale.json() == first.json()
    assert (await client.get(base)).json()["version"] == 1

    # Once something changes, the old ETag no longer saves the read.
    await client.post(f"{base}/agents", json=agent(1))
    for path in ("", "/subscription", f"/agents/{owner_id}"):
        changed = await client.get(f"{base}{path}", headers={"If-None-Match": '"1"'})
        assert changed.status_code == 200
        assert changed.headers["etag"] == '"2"'


async def test_the_etag_after_each_change_is_the_one_the_next_get_answers(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 3}])
    account_id = account["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    base = f"/v1/accounts/{account_id}"
    owner_id = account["owner"]["user_id"]
    tag = '"1"'

    async def chained(method: str, path: str, body: Any = None) -> httpx.Response:
        """A change sent with the last ETag; its ETag is what every GET answers next."""
        nonlocal tag
        response = await client.request(
            method, f"{base}{path}", json=body, headers={**owner, "If-Match": tag}
        )
        assert response.is_success, (method, path, response.text)
        tag = response.headers["etag"]
        assert await etags(client, account_id, owner_id) == {tag}
        return response

    added = await chained("POST", "/agents", agent(1))
    assert tag == '"2"'
    assert added.json()["user_id"] == "u1"
    await chained("PATCH", "/agents/u1", {"role": "end_user"})
    await chained("PATCH", "/agents/u1", {"role": "agent"})
    await chained("POST", "/seat-changes", {"changes": [{"product": "sell", "seats": 4}]})
    start = clock.now()
    window = {"starts_at": iso(start), "ends_at": iso(start + timedelta(days=2))}
    await chained("POST", "/temporary-seats", {"product": "sell", "seats": 1, **window})
    before_read = tag
    notices = (await client.get(f"{base}/notifications")).json()["data"]
    await chained("POST", f"/notifications/{notices[0]['id']}/read")
    assert tag == before_read  # nothing the account shows moved
    removed = await chained("DELETE", "/agents/u1")
    assert removed.status_code == 204
    assert (await client.get(base)).json()["version"] == int(tag.strip('"'))


async def test_a_stale_if_match_refuses_every_kind_of_change_and_changes_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account = await open_account(client, subscription=[{"suite": "support_suite", "seats": 4}])
    account_id = account["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    base = f"/v1/accounts/{account_id}"
    await client.post(f"{base}/agents", json=agent(1), headers=owner)
    stale = {**owner, "If-Match": '"1"'}  # before u1 was added
    scheduled = await client.post(
        f"{base}/seat-changes",
        json={"changes": [{"suite": "support_suite", "seats": 3}], "effective": "at_renewal"},
        headers=owner,
    )
    # Adding u1 moved the version to 2, scheduling the change (the subscription
    # shows it as pending_change) to 3.
    assert scheduled.headers["etag"] == '"3"'
    before = await snapshot(engine)
    start = clock.now()
    window = {"starts_at": iso(start), "ends_at": iso(start + timedelta(days=2))}
    attempts = [
        ("POST", "/agents", agent(2)),
        ("PATCH", "/agents/u1", {"role": "end_user"}),
        ("DELETE", "/agents/u1", None),
        ("POST", "/seat-changes", {"changes": [{"suite": "support_suite", "seats": 6}]}),
        ("POST", f"/seat-changes/{scheduled.json()['id']}/cancel", None),
        ("POST", "/temporary-seats", {"suite": "support_suite", "seats": 1, **window}),
        ("POST", "/api-keys", {"name": "late", "role": "viewer"}),
    ]
    for method, path, body in attempts:
        refused = await client.request(method, f"{base}{path}", json=body, headers=stale)
        assert refused.status_code == 412, (method, path, refused.text)
        assert refused.json()["code"] == "precondition_failed"
        assert refused.json()["version"] == 3
        assert "etag" not in refused.headers
    settings = await client.patch(
        base, json={"self_manageable": True}, headers={"If-Match": '"1"'}
    )  # the platform admin's
    assert settings.status_code == 412
    assert await snapshot(engine) == before

    # With the current version each goes through.
    current = {**owner, "If-Match": '"3"'}
    added = await client.post(f"{base}/agents", json=agent(2), headers=current)
    assert added.status_code == 201, added.text
    assert added.headers["etag"] == '"4"'


async def test_sales_requests_are_filed_and_fulfilled_only_at_the_version_read(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        billing_mode="sales_assisted",
        sales_rep=RITA,
        subscription=[{"product": "sell", "seats": 3}],
    )
    account_id = account["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    base = f"/v1/accounts/{account_id}"
    read = (await client.get(f"{base}/subscription")).headers["etag"]
    await client.post(f"{base}/agents", json=agent(1), headers=owner)  # moves the version
    body = {"kind": "add_seats", "product": "sell", "seats": 2}

    before = await snapshot(engine)
    refused = await client.post(
        f"{base}/sales-requests", json=body, headers={**owner, "If-Match": read}
    )
    assert refused.status_code == 412, refused.text
    assert await snapshot(engine) == before

    current = (await client.get(f"{base}/subscription")).headers["etag"]
    filed = await client.post(
        f"{base}/sales-requests", json=body, headers={**owner, "If-Match": current}
    )
    assert filed.status_code == 201, filed.text
    assert filed.headers["etag"] == current  # filing moves nothing the account shows
    url = f"/v1/sales-requests/{filed.json()['id']}"

    before = await snapshot(engine)
    stale_fulfil = await client.post(f"{url}/fulfill", headers={"If-Match": read})
    assert stale_fulfil.status_code == 412, stale_fulfil.text
    stale_decline = await client.post(
        f"{url}/decline", json={"reason": "no"}, headers={"If-Match": read}
    )
    assert stale_decline.status_code == 412, stale_decline.text
    assert await snapshot(engine) == before
    assert (await client.get(url)).json()["status"] == "submitted"

    fulfilled = await client.post(f"{url}/fulfill", headers={"If-Match": current})
    assert fulfilled.status_code == 200, fulfilled.text
    subscription = await client.get(f"{base}/subscription")
    assert fulfilled.headers["etag"] == subscription.headers["etag"] != current
    assert subscription.json()["lines"][0]["seats"] == 5


async def test_two_changes_sent_with_the_same_etag_at_once_one_wins(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 5}])
    account_id = account["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    url = f"/v1/accounts/{account_id}/agents"
    same = {**owner, "If-Match": '"1"'}
    answers = await asyncio.gather(
        client.post(url, json=agent(1), headers=same),
        client.post(url, json=agent(2), headers=same),
    )
    assert sorted(a.status_code for a in answers) == [201, 412]
    async with engine.connect() as connection:
        agents = await connection.execute(
            text("SELECT count(*) FROM agents WHERE account_id = :a"), {"a": account_id}
        )
        assert agents.scalar_one() == 2  # the owner and the winner
    winner = next(a for a in answers if a.status_code == 201)
    assert winner.headers["etag"] == '"2"'


async def test_a_malformed_if_match_is_refused_and_a_star_makes_no_condition(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client)
    url = f"/v1/accounts/{account['id']}/agents"
    before = await snapshot(engine)
    refused = await client.post(url, json=agent(1), headers={"If-Match": "yesterday"})
    assert refused.status_code == 422
    assert refused.json()["code"] == "invalid_if_match"
    assert await snapshot(engine) == before
    anything = await client.post(url, json=agent(1), headers={"If-Match": "*"})
    assert anything.status_code == 201
    assert anything.headers["etag"] == '"2"'
    plain = await client.post(url, json=agent(2))
    assert plain.headers["etag"] == '"3"'


async def test_if_match_holds_inside_an_idempotent_request_too(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client)
    url = f"/v1/accounts/{account['id']}/agents"
    first = await client.post(
        url, json=agent(1), headers={"If-Match": '"1"', "Idempotency-Key": "add-u1"}
    )
    assert first.status_code == 201, first.text
    assert first.headers["etag"] == '"2"'
    replay = await client.post(
        url, json=agent(1), headers={"If-Match": '"1"', "Idempotency-Key": "add-u1"}
    )
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == first.json()

    before = await snapshot(engine)
    stale = await client.post(
        url, json=agent(2), headers={"If-Match": '"1"', "Idempotency-Key": "add-u2"}
    )
    assert stale.status_code == 412, stale.text
    assert (await snapshot(engine))["agents"] == before["agents"]
    assert (await client.get(f"/v1/accounts/{account['id']}")).headers["etag"] == '"2"'
