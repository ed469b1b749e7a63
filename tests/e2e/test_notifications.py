"""The owner is told before seats run out and when they have, once per crossing,
with the ways to buy more that are open on this account (R1)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.builders import bearer, mint_key, open_account


def agent(n: int) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}"}


async def alerts(client: httpx.AsyncClient, account_id: str) -> list[str]:
    data = (
        await client.get(f"/v1/accounts/{account_id}/notifications", params={"limit": 200})
    ).json()["data"]
    return [n["type"] for n in reversed(data) if n["type"] in ("seats_near_limit", "seats_full")]


async def test_alerts_fire_once_per_crossing(client: httpx.AsyncClient) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 10}])
    url = f"/v1/accounts/{account['id']}/agents"
    for n in range(1, 9):  # owner + 8 = 9 of 10: near the limit
        await client.post(url, json=agent(n))
    assert await alerts(client, account["id"]) == ["seats_near_limit"]

    await client.post(url, json=agent(9))  # 10 of 10
    await client.post(url, json=agent(99))  # refused: no new alert for a refusal
    assert await alerts(client, account["id"]) == ["seats_near_limit", "seats_full"]

    await client.delete(f"{url}/u9")  # back to 9: near, not below it
    await client.post(url, json=agent(10))  # full again: a new crossing
    assert await alerts(client, account["id"]) == ["seats_near_limit", "seats_full", "seats_full"]

    for n in (1, 2):
        await client.delete(f"{url}/u{n}")  # 8 of 10: below the threshold, re-armed
    await client.post(url, json=agent(11))  # 9 of 10: near again
    assert await alerts(client, account["id"]) == [
        "seats_near_limit",
        "seats_full",
        "seats_full",
        "seats_near_limit",
    ]
    events = (
        await client.get(f"/v1/accounts/{account['id']}/events", params={"type": "seats.full"})
    ).json()
    assert len(events["data"]) == 2


async def test_a_suite_that_fills_says_so_once_naming_its_products(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client, subscription=[{"suite": "support_suite", "seats": 2}])
    await client.post(f"/v1/accounts/{account['id']}/agents", json=agent(1))
    data = (await client.get(f"/v1/accounts/{account['id']}/notifications")).json()["data"]
    full = [n for n in data if n["type"] == "seats_full"]
    assert len(full) == 1
    assert [line["product"] for line in full[0]["data"]["lines"]] == [
        "chat",
        "explore",
        "guide",
        "support",
        "talk",
    ]


async def test_a_self_service_owner_is_told_to_use_the_subscription_page(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 2}])
    await client.post(f"/v1/accounts/{account['id']}/agents", json=agent(1))
    full = (await client.get(f"/v1/accounts/{account['id']}/notifications")).json()["data"][0]
    assert full["type"] == "seats_full"
    assert "subscription page" in full["body"]
    assert "while adding an agent" in full["body"]
    assert full["data"]["channels"] == ["subscription_page", "on_the_fly"]


async def test_a_sales_assisted_owner_is_told_to_ask_their_rep_by_name(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(
        client,
        billing_mode="sales_assisted",
        sales_rep={"name": "Rita Rep", "email": "rita@sales.example.com"},
        subscription=[{"product": "sell", "seats": 2}],
    )
    await client.post(f"/v1/accounts/{account['id']}/agents", json=agent(1))
    full = (await client.get(f"/v1/accounts/{account['id']}/notifications")).json()["data"][0]
    assert "Rita Rep (rita@sales.example.com)" in full["body"]
    assert "subscription page" not in full["body"]
    assert full["data"]["channels"] == ["sales_request"]


async def test_notifications_are_read_and_filtered(client: httpx.AsyncClient) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 2}])
    viewer = bearer(await mint_key(client, account["id"], "viewer"))
    await client.post(f"/v1/accounts/{account['id']}/agents", json=agent(1))
    url = f"/v1/accounts/{account['id']}/notifications"
    unread = (await client.get(url, params={"unread": "true"}, headers=viewer)).json()["data"]
    assert len(unread) == 1
    read = await client.post(f"{url}/{unread[0]['id']}/read", headers=viewer)
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    assert (await client.get(url, params={"unread": "true"})).json()["data"] == []
    assert len((await client.get(url, params={"unread": "false"})).json()["data"]) == 1
    missing = await client.post(f"{url}/ntf_nope/read")
    assert missing.status_code == 404
