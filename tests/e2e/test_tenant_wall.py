"""The tenant wall, proven over every account-scoped route the app has.

The routes come from the app's own route table (through the OpenAPI document
FastAPI builds from it), so a route added later without the tenant check fails
here without anyone writing a new test.
"""

from __future__ import annotations

import re

import httpx
from fastapi import FastAPI

from tests.builders import bearer, mint_key, open_account


def account_scoped_routes(app: FastAPI) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        if "{account_id}" in path
        for method in operations
    ]


def fill(path: str, account_id: str) -> str:
    path = path.replace("{account_id}", account_id)
    return re.sub(r"\{[a-z_]+\}", "x_1", path)


async def test_every_account_route_answers_404_to_another_accounts_keys(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    routes = account_scoped_routes(app)
    assert len(routes) >= 6  # the walk must actually walk something

    mine = await open_account(client)
    theirs = await open_account(client)
    keys = {role: await mint_key(client, mine["id"], role) for role in ("owner", "admin", "viewer")}

    for method, path in routes:
        for role, secret in keys.items():
            response = await client.request(
                method, fill(path, theirs["id"]), json={}, headers=bearer(secret)
            )
            assert response.status_code == 404, f"{method} {path} as {role}: {response.status_code}"
            assert response.json()["code"] == "not_found"


async def test_every_account_route_answers_404_to_a_rep_of_other_accounts(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    rep = await client.post(
        "/v1/api-keys", json={"name": "Sam", "role": "sales_rep", "email": "sam@sales.example.com"}
    )
    theirs = await open_account(client, billing_mode="sales_assisted")  # Rita's account
    for method, path in account_scoped_routes(app):
        response = await client.request(
            method, fill(path, theirs["id"]), json={}, headers=bearer(rep.json()["key"])
        )
        assert response.status_code == 404, f"{method} {path}: {response.status_code}"
