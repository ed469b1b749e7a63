"""Builders for test data, through the public API, with keyword defaults."""

from __future__ import annotations

import itertools
from typing import Any

import httpx

_serial = itertools.count(1)


def account_body(**overrides: Any) -> dict[str, Any]:
    n = next(_serial)
    body: dict[str, Any] = {
        "name": f"Account {n}",
        "billing_mode": "self_service",
        "owner": {"user_id": f"owner{n}", "email": f"owner{n}@example.com", "name": f"Owner {n}"},
        "billing_cycle": "monthly",
        "currency": "USD",
        "subscription": [{"suite": "support_suite", "seats": 5}],
    }
    if overrides.get("billing_mode") == "sales_assisted" and "sales_rep" not in overrides:
        body["sales_rep"] = {"name": "Rita Rep", "email": "rita@sales.example.com"}
    body.update(overrides)
    return body


async def open_account(client: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    response = await client.post("/v1/accounts", json=account_body(**overrides))
    assert response.status_code == 201, response.text
    account: dict[str, Any] = response.json()
    return account


async def mint_key(client: httpx.AsyncClient, account_id: str, role: str = "owner") -> str:
    """An account key's secret (minted with the client's platform-admin key)."""
    response = await client.post(
        f"/v1/accounts/{account_id}/api-keys", json={"name": f"{role} key", "role": role}
    )
    assert response.status_code == 201, response.text
    secret: str = response.json()["key"]
    return secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


async def add_sell_agent(client: httpx.AsyncClient, account_id: str, key: str, user: str) -> None:
    """An agent `user` with a Sell seat, added with the account key `key`."""
    body = {"user_id": user, "email": f"{user}@acme.example", "name": user, "products": ["sell"]}
    added = await client.post(f"/v1/accounts/{account_id}/agents", json=body, headers=bearer(key))
    assert added.status_code == 201, added.text
