"""`GET .../agents/{user_id}/seats` says, product by product, whether a
person's seat is counted, why, and since when (R13)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock

SUITE = ["chat", "explore", "guide", "support", "talk"]


def person(user_id: str, **overrides: Any) -> dict[str, Any]:
    return {"user_id": user_id, "email": f"{user_id}@acme.example", "name": user_id, **overrides}


async def explained(client: httpx.AsyncClient, account_id: str, user_id: str) -> dict[str, Any]:
    answer = await client.get(f"/v1/accounts/{account_id}/agents/{user_id}/seats")
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def reasons(body: dict[str, Any]) -> dict[str, tuple[bool, str]]:
    return {s["product"]: (s["counted"], s["reason_code"]) for s in body["seats"]}


async def account_with_sell(client: httpx.AsyncClient) -> tuple[dict[str, Any], dict[str, str]]:
    """Support suite and Sell, three seats each; an owner key."""
    opened = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 3}, {"product": "sell", "seats": 3}],
    )
    return opened, bearer(await mint_key(client, opened["id"], "owner"))


async def test_the_owner_holds_a_counted_seat_of_every_product_as_the_owner(
    client: httpx.AsyncClient,
) -> None:
    opened, _ = await account_with_sell(client)
    owner_id = opened["owner"]["user_id"]
    body = await explained(client, opened["id"], owner_id)
    assert (body["user_id"], body["role"]) == (owner_id, "agent")
    assert reasons(body) == dict.fromkeys([*SUITE, "sell"], (True, "account_owner"))
    assert {s["since"] for s in body["seats"]} == {opened["created_at"]}
    assert all("owner" in s["reason"] for s in body["seats"])


async def test_an_agent_is_counted_for_what_it_holds_and_not_for_the_rest(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    opened, owner = await account_with_sell(client)
    account_id = opened["id"]
    agents = f"/v1/accounts/{account_id}/agents"
    added = await client.post(agents, json=person("u1", products=["support"]), headers=owner)
    assert added.status_code == 201
    clock.advance(timedelta(days=3))
    more = await client.patch(f"{agents}/u1", json={"products": ["support", "sell"]}, headers=owner)
    assert more.status_code == 200

    body = await explained(client, account_id, "u1")
    assert reasons(body) == {
        "chat": (False, "not_granted"),
        "explore": (False, "not_granted"),
        "guide": (False, "not_granted"),
        "sell": (True, "paid_seat"),
        "support": (True, "paid_seat"),
        "talk": (False, "not_granted"),
    }
    since = {s["product"]: s["since"] for s in body["seats"]}
    assert since["support"] == added.json()["added_at"]
    assert since["sell"] == more.json()["updated_at"]  # counted from when it was given
    assert since["chat"] is None


async def test_a_light_agent_holds_its_products_free_and_an_end_user_holds_none(
    client: httpx.AsyncClient,
) -> None:
    opened, owner = await account_with_sell(client)
    account_id = opened["id"]
    agents = f"/v1/accounts/{account_id}/agents"
    light = person("l1", role="light_agent", products=["support", "guide"])
    assert (await client.post(agents, json=light, headers=owner)).status_code == 201

    body = await explained(client, account_id, "l1")
    assert body["role"] == "light_agent"
    assert reasons(body) == {
        "chat": (False, "not_granted"),
        "explore": (False, "not_granted"),
        "guide": (False, "light_agent_free"),
        "sell": (False, "not_granted"),
        "support": (False, "light_agent_free"),
        "talk": (False, "not_granted"),
    }

    ended = await client.patch(f"{agents}/l1", json={"role": "end_user"}, headers=owner)
    assert ended.status_code == 200
    body = await explained(client, account_id, "l1")
    assert body["role"] == "end_user"
    assert reasons(body) == dict.fromkeys([*SUITE, "sell"], (False, "end_user_free"))
    assert {s["since"] for s in body["seats"]} == {ended.json()["downgraded_at"]}


async def test_a_light_agent_made_an_agent_is_counted_from_then(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    opened, owner = await account_with_sell(client)
    account_id = opened["id"]
    agents = f"/v1/accounts/{account_id}/agents"
    light = person("l1", role="light_agent", products=["sell"])
    assert (await client.post(agents, json=light, headers=owner)).status_code == 201
    clock.advance(timedelta(days=10))
    promoted = await client.patch(f"{agents}/l1", json={"role": "agent"}, headers=owner)
    assert promoted.status_code == 200, promoted.text
    (sell,) = [s for s in (await explained(client, account_id, "l1"))["seats"] if s["counted"]]
    assert (sell["product"], sell["reason_code"]) == ("sell", "paid_seat")
    assert sell["since"] == promoted.json()["agent_since"]


async def test_only_subscribed_products_are_explained(client: httpx.AsyncClient) -> None:
    opened = await open_account(client, subscription=[{"product": "support", "seats": 2}])
    owner = bearer(await mint_key(client, opened["id"], "owner"))
    agents = f"/v1/accounts/{opened['id']}/agents"
    assert (await client.post(agents, json=person("u1"), headers=owner)).status_code == 201
    body = await explained(client, opened["id"], "u1")
    assert [(s["product"], s["reason_code"]) for s in body["seats"]] == [("support", "paid_seat")]
    refused = await client.post(
        agents, json=person("u2", products=["sell"], role="light_agent"), headers=owner
    )
    assert (refused.status_code, refused.json()["code"]) == (422, "product_not_subscribed")


async def test_the_explanation_is_read_only_versioned_and_behind_the_tenant_wall(
    client: httpx.AsyncClient,
) -> None:
    opened, owner = await account_with_sell(client)
    account_id = opened["id"]
    await client.post(f"/v1/accounts/{account_id}/agents", json=person("u1"), headers=owner)
    url = f"/v1/accounts/{account_id}/agents/u1/seats"

    viewer = bearer(await mint_key(client, account_id, "viewer"))
    first = await client.get(url, headers=viewer)
    assert first.status_code == 200
    account = await client.get(f"/v1/accounts/{account_id}")
    assert first.headers["etag"] == account.headers["etag"]
    unchanged = await client.get(url, headers={**viewer, "If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304

    missing = await client.get(f"/v1/accounts/{account_id}/agents/nobody/seats", headers=viewer)
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    other = await open_account(client)
    stranger = bearer(await mint_key(client, other["id"], "owner"))
    hidden = await client.get(url, headers=stranger)
    assert (hidden.status_code, hidden.json()["code"]) == (404, "not_found")
    assert (await client.post(url, headers=owner)).status_code == 405
