"""Agents take and give back seats; nobody gets a seat that is not there."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, mint_key, open_account
from tests.seat_checks import assert_counters_match_rows

SUITE_MONTHLY = 5500 + 1900 + 2900 + 2900 + 3900  # one seat of each support_suite product


def agent(n: int, **overrides: Any) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}", **overrides}


async def test_agents_fill_the_seats_and_the_next_one_is_refused(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"suite": "support_suite", "seats": 3}])
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}/agents"

    added = [await client.post(url, json=agent(n), headers=owner) for n in (1, 2)]
    refused = await client.post(url, json=agent(3), headers=owner)

    assert [r.status_code for r in added] == [201, 201]
    assert added[0].json()["products"] == ["chat", "explore", "guide", "support", "talk"]
    assert refused.status_code == 409
    problem = refused.json()
    assert problem["code"] == "seats_exhausted"
    assert {m["product"]: (m["capacity"], m["assigned"]) for m in problem["missing"]} == {
        p: (3, 3) for p in ("chat", "explore", "guide", "support", "talk")
    }
    assert problem["quote"]["amount_due"] == SUITE_MONTHLY  # first day of the term: full cycle
    assert problem["quote"]["currency"] == "USD"
    assert {(ln["product"], ln["from"], ln["to"]) for ln in problem["quote"]["lines"]} == {
        (p, 3, 4) for p in ("chat", "explore", "guide", "support", "talk")
    }
    options = {o["channel"]: o for o in problem["purchase_options"]["options"]}
    assert options["subscription_page"]["available"] is True
    assert options["on_the_fly"]["available"] is True
    assert options["sales_request"]["reason_code"] == "self_service_account"

    subscription = (await client.get(f"/v1/accounts/{account['id']}/subscription")).json()
    assert {ln["state"] for ln in subscription["lines"]} == {"full"}
    assert subscription["version"] == 3
    assert await assert_counters_match_rows(engine, account["id"]) == {
        p: 3 for p in ("chat", "explore", "guide", "support", "talk")
    }


async def test_an_agent_takes_only_the_products_asked_for(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 2}, {"product": "sell", "seats": 3}],
    )
    response = await client.post(
        f"/v1/accounts/{account['id']}/agents", json=agent(1, products=["sell", "sell"])
    )
    assert response.status_code == 201
    assert response.json()["products"] == ["sell"]
    counters = await assert_counters_match_rows(engine, account["id"])
    assert counters["sell"] == 2
    assert counters["support"] == 1


async def test_an_unsubscribed_or_unknown_product_is_named_in_a_422(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 3}])
    response = await client.post(
        f"/v1/accounts/{account['id']}/agents", json=agent(1, products=["support", "bogus"])
    )
    assert response.status_code == 422
    assert response.json()["code"] == "product_not_subscribed"
    assert response.json()["products"] == ["bogus", "support"]


async def test_the_same_user_cannot_be_added_twice(client: httpx.AsyncClient) -> None:
    account = await open_account(client)
    url = f"/v1/accounts/{account['id']}/agents"
    assert (await client.post(url, json=agent(1))).status_code == 201
    again = await client.post(url, json=agent(1))
    assert again.status_code == 409
    assert again.json()["code"] == "agent_exists"
    owner_again = await client.post(url, json=agent(0, user_id=account["owner"]["user_id"]))
    assert owner_again.json()["code"] == "agent_exists"


async def _full_account(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    return await open_account(client, subscription=[{"product": "sell", "seats": 1}], **overrides)


async def _refusal(client: httpx.AsyncClient, account: dict[str, Any], role: str) -> httpx.Response:
    secret = await mint_key(client, account["id"], role)
    return await client.post(
        f"/v1/accounts/{account['id']}/agents", json=agent(9), headers=bearer(secret)
    )


def _channels(problem: dict[str, Any]) -> dict[str, str | bool]:
    return {
        o["channel"]: True if o["available"] else o["reason_code"]
        for o in problem["purchase_options"]["options"]
    }


async def test_an_admin_on_a_self_service_account_is_sent_to_the_owner(
    client: httpx.AsyncClient,
) -> None:
    account = await _full_account(client)
    problem = (await _refusal(client, account, "admin")).json()
    assert _channels(problem) == {
        "subscription_page": "not_account_owner",
        "on_the_fly": "not_account_owner",
        "sales_request": "self_service_account",
    }
    assert problem["purchase_options"]["contact"] == {
        "role": "owner",
        "name": account["owner"]["name"],
        "email": account["owner"]["email"],
    }


async def test_a_sales_assisted_owner_without_manage_is_offered_the_request_form(
    client: httpx.AsyncClient,
) -> None:
    account = await _full_account(client, billing_mode="sales_assisted")
    problem = (await _refusal(client, account, "owner")).json()
    assert _channels(problem) == {
        "subscription_page": "subscription_managed_by_sales",
        "on_the_fly": "sales_assisted_account",
        "sales_request": True,
    }
    assert problem["purchase_options"]["contact"] is None


async def test_a_sales_assisted_owner_with_manage_may_add_on_the_subscription_page(
    client: httpx.AsyncClient,
) -> None:
    account = await _full_account(client, billing_mode="sales_assisted", self_manageable=True)
    problem = (await _refusal(client, account, "owner")).json()
    page = problem["purchase_options"]["options"][0]
    assert page == {"channel": "subscription_page", "available": True, "actions": ["add"]}
    assert _channels(problem)["sales_request"] is True


async def test_a_legacy_sell_admin_may_only_file_a_request(client: httpx.AsyncClient) -> None:
    account = await _full_account(client, billing_mode="sales_assisted", legacy_sell=True)
    problem = (await _refusal(client, account, "admin")).json()
    assert _channels(problem) == {
        "subscription_page": "not_account_owner",
        "on_the_fly": "not_account_owner",
        "sales_request": True,
    }


async def test_a_viewer_may_not_add_agents_at_all(client: httpx.AsyncClient) -> None:
    account = await _full_account(client)
    response = await _refusal(client, account, "viewer")
    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_role"


async def test_purchase_options_answer_for_the_calling_key(client: httpx.AsyncClient) -> None:
    account = await open_account(client, billing_mode="sales_assisted")
    viewer = await mint_key(client, account["id"], "viewer")
    answer = (
        await client.get(f"/v1/accounts/{account['id']}/purchase-options", headers=bearer(viewer))
    ).json()
    assert [o["available"] for o in answer["options"]] == [False, False, False]
    assert answer["contact"] == {
        "role": "sales_rep",
        "name": "Rita Rep",
        "email": "rita@sales.example.com",
    }


async def test_an_agent_made_end_user_frees_seats_and_comes_back(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 2}])
    url = f"/v1/accounts/{account['id']}/agents"
    await client.post(url, json=agent(1))

    demoted = await client.patch(f"{url}/u1", json={"role": "end_user"})
    assert demoted.status_code == 200
    assert demoted.json()["role"] == "end_user"
    assert demoted.json()["products"] == []
    assert demoted.json()["downgrade_reason"] == "manual"
    assert demoted.json()["downgraded_at"] is not None
    assert (await assert_counters_match_rows(engine, account["id"]))["sell"] == 1

    # The freed seat goes to someone else; the end user cannot come back then.
    await client.post(url, json=agent(2))
    blocked = await client.patch(f"{url}/u1", json={"role": "agent"})
    assert blocked.status_code == 409
    assert blocked.json()["code"] == "seats_exhausted"

    await client.delete(f"{url}/u2")
    promoted = await client.patch(f"{url}/u1", json={"role": "agent"})
    assert promoted.status_code == 200
    assert promoted.json()["products"] == ["sell"]
    assert promoted.json()["downgraded_at"] is None
    assert (await assert_counters_match_rows(engine, account["id"]))["sell"] == 2

    types = [
        e["type"]
        for e in (await client.get(f"/v1/accounts/{account['id']}/events")).json()["data"]
        if e["type"].startswith("agent.")
    ]
    assert types[:5] == [
        "agent.updated",
        "agent.removed",
        "agent.added",
        "agent.downgraded",
        "agent.added",
    ]


async def test_changing_products_moves_exactly_those_seats(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client, subscription=[{"product": "sell", "seats": 3}, {"product": "support", "seats": 3}]
    )
    url = f"/v1/accounts/{account['id']}/agents"
    await client.post(url, json=agent(1, products=["sell"]))
    changed = await client.patch(f"{url}/u1", json={"products": ["support"]})
    assert changed.json()["products"] == ["support"]
    assert await assert_counters_match_rows(engine, account["id"]) == {"sell": 1, "support": 2}


async def test_the_owner_is_protected(client: httpx.AsyncClient, engine: AsyncEngine) -> None:
    account = await open_account(client)
    owner_url = f"/v1/accounts/{account['id']}/agents/{account['owner']['user_id']}"
    for response in (
        await client.patch(owner_url, json={"role": "end_user"}),
        await client.patch(owner_url, json={"products": ["support"]}),
        await client.delete(owner_url),
    ):
        assert response.status_code == 409
        assert response.json()["code"] == "owner_protected"
    owner = (await client.get(owner_url)).json()
    assert owner["role"] == "agent"
    assert owner["is_owner"] is True
    assert len(owner["products"]) == 5
    assert set((await assert_counters_match_rows(engine, account["id"])).values()) == {1}


async def test_removing_an_agent_frees_their_seats(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client)
    url = f"/v1/accounts/{account['id']}/agents"
    await client.post(url, json=agent(1))
    assert (await client.delete(f"{url}/u1")).status_code == 204
    assert (await client.get(f"{url}/u1")).status_code == 404
    assert (await client.delete(f"{url}/u1")).status_code == 404
    assert set((await assert_counters_match_rows(engine, account["id"])).values()) == {1}


async def test_agents_list_newest_first_filtered_and_paged(client: httpx.AsyncClient) -> None:
    account = await open_account(
        client, subscription=[{"product": "sell", "seats": 10}, {"product": "support", "seats": 10}]
    )
    url = f"/v1/accounts/{account['id']}/agents"
    for n in range(1, 6):
        await client.post(url, json=agent(n, products=["sell"] if n % 2 else ["support"]))
    await client.patch(f"{url}/u5", json={"role": "end_user"})

    everyone = (await client.get(url)).json()["data"]
    assert [a["user_id"] for a in everyone] == [
        "u5",
        "u4",
        "u3",
        "u2",
        "u1",
        account["owner"]["user_id"],
    ]
    sellers = (await client.get(url, params={"product": "sell", "role": "agent"})).json()["data"]
    assert [a["user_id"] for a in sellers] == ["u3", "u1", account["owner"]["user_id"]]
    end_users = (await client.get(url, params={"role": "end_user"})).json()["data"]
    assert [a["user_id"] for a in end_users] == ["u5"]

    first = (await client.get(url, params={"limit": 4})).json()
    await client.post(url, json=agent(6, products=["sell"]))  # must not shift the next page
    rest = (await client.get(url, params={"limit": 4, "cursor": first["next_cursor"]})).json()
    assert [a["user_id"] for a in first["data"] + rest["data"]] == [a["user_id"] for a in everyone]
    assert rest["next_cursor"] is None

    bad = await client.get(url, params={"role": "boss"})
    assert bad.status_code == 422


async def test_a_bad_user_id_in_the_path_is_a_422(client: httpx.AsyncClient) -> None:
    account = await open_account(client)
    response = await client.get(f"/v1/accounts/{account['id']}/agents/has%20space")
    assert response.status_code == 422
