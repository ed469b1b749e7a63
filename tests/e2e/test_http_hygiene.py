"""HTTP hygiene (docs/api.md, "Conventions"): what a request's shape
alone refuses, and the small holes that let one caller be taken for another."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from tests.builders import account_body, bearer, mint_key, open_account
from tests.conftest import ADMIN_KEY


async def account_count(client: httpx.AsyncClient) -> int:
    return len((await client.get("/v1/accounts", params={"limit": 200})).json()["data"])


async def test_two_authorization_headers_are_refused_before_anything_is_done(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client)
    viewer = await mint_key(client, account["id"], "viewer")
    before = await account_count(client)

    response = await client.post(
        "/v1/accounts",
        json=account_body(),
        headers=[("Authorization", f"Bearer {viewer}"), ("Authorization", f"Bearer {ADMIN_KEY}")],
    )

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "ambiguous_credentials"
    assert await account_count(client) == before


async def test_a_user_id_of_dots_alone_is_refused_and_no_agent_is_added(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client)
    url = f"/v1/accounts/{account['id']}/agents"
    for user_id in (".", ".."):
        body = {"user_id": user_id, "email": "dot@acme.example", "name": "Dot"}
        response = await client.post(url, json=body)
        assert response.status_code == 422, user_id
        assert response.json()["errors"][0]["loc"] == ["body", "user_id"], user_id
    accepted = await client.post(
        url, json={"user_id": "a.b", "email": "ab@acme.example", "name": "A B"}
    )
    assert accepted.status_code == 201, accepted.text
    listed = (await client.get(url)).json()["data"]
    assert sorted(agent["user_id"] for agent in listed) == sorted(
        ["a.b", account["owner"]["user_id"]]
    )


async def test_a_reps_key_sees_exactly_the_accounts_whose_rep_email_normalises_to_theirs(
    client: httpx.AsyncClient,
) -> None:
    sharp_s = await open_account(
        client,
        billing_mode="sales_assisted",
        sales_rep={"name": "Grete", "email": "Straße@Rep.example"},
    )
    double_s = await open_account(
        client,
        billing_mode="sales_assisted",
        sales_rep={"name": "Hans", "email": "strasse@rep.example"},
    )

    async def rep_key(email: str) -> tuple[str, dict[str, Any]]:
        minted = await client.post(
            "/v1/api-keys", json={"name": email, "role": "sales_rep", "email": email}
        )
        assert minted.status_code == 201, minted.text
        return minted.json()["key"], minted.json()

    grete, grete_key = await rep_key("STRASSE@rep.example".replace("SS", "ß"))
    hans, hans_key = await rep_key("STRASSE@REP.example")
    assert grete_key["email"] == "straße@rep.example"
    assert hans_key["email"] == "strasse@rep.example"

    async def visible(secret: str) -> tuple[list[str], dict[str, int]]:
        listed = await client.get("/v1/accounts", headers=bearer(secret))
        ids = [a["id"] for a in listed.json()["data"]]
        reads = {
            name: (await client.get(f"/v1/accounts/{a['id']}", headers=bearer(secret))).status_code
            for name, a in (("sharp_s", sharp_s), ("double_s", double_s))
        }
        return ids, reads

    assert await visible(grete) == ([sharp_s["id"]], {"sharp_s": 200, "double_s": 404})
    assert await visible(hans) == ([double_s["id"]], {"sharp_s": 404, "double_s": 200})


async def test_a_viewer_filing_a_sales_request_is_refused_for_its_role_and_nothing_is_filed(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(
        client, billing_mode="sales_assisted", subscription=[{"suite": "sales_suite", "seats": 3}]
    )
    viewer = await mint_key(client, account["id"], "viewer")
    url = f"/v1/accounts/{account['id']}/sales-requests"

    response = await client.post(
        url, json={"kind": "add_seats", "suite": "sales_suite", "seats": 1}, headers=bearer(viewer)
    )

    assert (response.status_code, response.json()["code"]) == (403, "insufficient_role")
    assert (await client.get(url)).json()["data"] == []


async def test_a_405_names_every_method_the_path_serves(client: httpx.AsyncClient) -> None:
    account = await open_account(client)
    agent = f"/v1/accounts/{account['id']}/agents/{account['owner']['user_id']}"

    response = await client.put(agent, json={})

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    allowed = {method.strip() for method in response.headers["allow"].split(",")}
    assert {"GET", "PATCH", "DELETE"} <= allowed
    assert "PUT" not in allowed


async def test_an_empty_cursor_is_the_first_page(client: httpx.AsyncClient) -> None:
    for _ in range(3):
        await open_account(client)
    first = await client.get("/v1/accounts", params={"limit": 2})

    empty = await client.get("/v1/accounts", params={"limit": 2, "cursor": ""})

    assert empty.status_code == 200, empty.text
    assert empty.json() == first.json()
    assert len(empty.json()["data"]) == 2 and empty.json()["next_cursor"] is not None


async def test_a_body_that_is_not_json_by_its_content_type_is_refused_with_415(
    client: httpx.AsyncClient,
) -> None:
    before = await account_count(client)
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/xml"):
        response = await client.post(
            "/v1/accounts",
            content=json.dumps(account_body()),
            headers={"content-type": content_type},
        )
        assert response.status_code == 415, content_type
        assert response.json()["code"] == "unsupported_media_type", content_type
    charset = await client.post(
        "/v1/accounts",
        content=json.dumps(account_body()),
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert charset.status_code == 201, charset.text
    assert await account_count(client) == before + 1


async def test_a_chunked_body_over_one_mebibyte_is_refused_with_413_and_nothing_is_done(
    client: httpx.AsyncClient,
) -> None:
    before = await account_count(client)
    body = json.dumps({**account_body(), "name": "x" * (1024 * 1024)}).encode()

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    response = await client.post(
        "/v1/accounts", content=chunks(), headers={"content-type": "application/json"}
    )

    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"
    assert await account_count(client) == before
