"""Idempotency-Key: a retried POST answers the first answer and does nothing more."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import account_body, bearer, mint_key, open_account


async def test_a_replayed_seat_change_answers_the_same_change_and_charges_once(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 2}])
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}/seat-changes"
    body = {"changes": [{"product": "sell", "seats": 5}]}
    headers = {**owner, "Idempotency-Key": "buy-3-sell"}

    first = await client.post(url, json=body, headers=headers)
    second = await client.post(url, json=body, headers=headers)

    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    async with engine.connect() as connection:
        changes = (
            await connection.execute(
                text("SELECT count(*), sum(amount_due) FROM seat_changes WHERE account_id = :a"),
                {"a": account["id"]},
            )
        ).one()
    assert tuple(changes) == (1, first.json()["amount_due"])
    seats = (await client.get(f"/v1/accounts/{account['id']}/subscription")).json()["lines"][0][
        "seats"
    ]
    assert seats == 5


async def test_the_same_key_with_another_body_is_refused(client: httpx.AsyncClient) -> None:
    headers = {"Idempotency-Key": "open-acme"}
    first = await client.post("/v1/accounts", json=account_body(name="Acme"), headers=headers)
    other = await client.post("/v1/accounts", json=account_body(name="Other"), headers=headers)
    assert first.status_code == 201
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    listed = (await client.get("/v1/accounts")).json()["data"]
    assert [a["name"] for a in listed] == ["Acme"]


async def test_the_same_key_from_another_api_key_is_another_request(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 9}])
    admin = bearer(await mint_key(client, account["id"], "admin"))
    url = f"/v1/accounts/{account['id']}/agents"
    body = {"user_id": "u1", "email": "u1@x.example", "name": "U"}
    mine = await client.post(url, json=body, headers={"Idempotency-Key": "k"})
    theirs = await client.post(url, json=body, headers={**admin, "Idempotency-Key": "k"})
    assert mine.status_code == 201
    assert theirs.status_code == 409
    assert theirs.json()["code"] == "agent_exists"


async def test_a_refusal_is_replayed_too(client: httpx.AsyncClient) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 1}])
    url = f"/v1/accounts/{account['id']}/agents"
    body = {"user_id": "u1", "email": "u1@x.example", "name": "U"}
    headers = {"Idempotency-Key": "add-u1"}
    first = await client.post(url, json=body, headers=headers)
    again = await client.post(url, json=body, headers=headers)
    assert first.status_code == again.status_code == 409
    assert again.json() == first.json()
    assert again.headers["content-type"] == "application/problem+json"


async def test_a_key_in_use_answers_409(client: httpx.AsyncClient, engine: AsyncEngine) -> None:
    body = account_body()
    first = await client.post("/v1/accounts", json=body, headers={"Idempotency-Key": "slow"})
    # Put the claim back in progress, as a first request still running leaves it.
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE idempotency_keys SET status_code = NULL, completed_at = NULL")
        )
    racing = await client.post("/v1/accounts", json=body, headers={"Idempotency-Key": "slow"})
    assert first.status_code == 201
    assert racing.status_code == 409
    assert racing.json()["code"] == "idempotency_key_in_use"
    assert len((await client.get("/v1/accounts")).json()["data"]) == 1


async def test_an_overlong_key_is_a_422(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/accounts", json=account_body(), headers={"Idempotency-Key": "k" * 256}
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_idempotency_key"
    assert (await client.get("/v1/accounts")).json()["data"] == []


async def _count(engine: AsyncEngine, sql: str, **params: object) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(text(sql), params)).scalar_one())


async def test_a_replay_needs_a_key_that_still_works(client: httpx.AsyncClient) -> None:
    account = await open_account(client)
    minter = (
        await client.post(
            f"/v1/accounts/{account['id']}/api-keys", json={"name": "m", "role": "owner"}
        )
    ).json()
    url = f"/v1/accounts/{account['id']}/api-keys"
    headers = {**bearer(minter["key"]), "Idempotency-Key": "mint-viewer"}
    first = await client.post(url, json={"name": "v", "role": "viewer"}, headers=headers)
    revoked = await client.delete(f"{url}/{minter['id']}")

    again = await client.post(url, json={"name": "v", "role": "viewer"}, headers=headers)

    assert first.status_code == 201
    assert revoked.status_code == 204
    assert again.status_code == 401
    assert first.json()["key"] not in again.text


async def test_a_replayed_mint_answers_the_same_key_without_its_secret(
    client: httpx.AsyncClient,
) -> None:
    headers = {"Idempotency-Key": "mint-rita"}
    body = {"name": "rita", "role": "sales_rep", "email": "rita@sales.example"}
    first = await client.post("/v1/api-keys", json=body, headers=headers)
    again = await client.post("/v1/api-keys", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["key"].startswith("sk_")
    assert again.json() == {**first.json(), "key": None}
    assert again.headers["idempotent-replayed"] == "true"
    listed = (await client.get("/v1/api-keys")).json()["data"]
    assert [k["id"] for k in listed].count(first.json()["id"]) == 1


async def test_an_unauthenticated_request_with_a_key_stores_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    headers = {"Authorization": "Bearer sk_nobody", "Idempotency-Key": "k"}
    refused = await client.post("/v1/accounts", json=account_body(), headers=headers)
    assert refused.status_code == 401
    assert await _count(engine, "SELECT count(*) FROM idempotency_keys") == 0


async def test_delete_and_patch_are_replayed_and_done_once(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 3}])
    agents = f"/v1/accounts/{account['id']}/agents"
    for user in ("u1", "u2"):
        body = {"user_id": user, "email": f"{user}@x.example", "name": user, "products": ["sell"]}
        assert (await client.post(agents, json=body)).status_code == 201

    patched = [
        await client.patch(
            f"{agents}/u1", json={"role": "end_user"}, headers={"Idempotency-Key": "demote-u1"}
        )
        for _ in range(2)
    ]
    removed = [
        await client.delete(f"{agents}/u2", headers={"Idempotency-Key": "remove-u2"})
        for _ in range(2)
    ]

    assert [r.status_code for r in patched] == [200, 200]
    assert patched[1].json() == patched[0].json()
    assert patched[1].headers["idempotent-replayed"] == "true"
    assert [r.status_code for r in removed] == [204, 204]
    assert removed[1].headers["idempotent-replayed"] == "true"
    removals = await _count(
        engine,
        "SELECT count(*) FROM events WHERE account_id = :a AND type = 'agent.removed'",
        a=account["id"],
    )
    assert removals == 1


async def test_simultaneous_requests_with_one_key_do_the_change_once(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 2}])
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}/seat-changes"
    for n in range(3):
        body = {"changes": [{"product": "sell", "seats": 3 + n}]}
        headers = {**owner, "Idempotency-Key": f"buy-{n}"}
        answers = await asyncio.gather(
            client.post(url, json=body, headers=headers),
            client.post(url, json=body, headers=headers),
        )
        assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
        assert answers[0].json() == answers[1].json()
        replayed = sorted(a.headers.get("idempotent-replayed", "") for a in answers)
        assert replayed == ["", "true"]
    changes = await _count(
        engine, "SELECT count(*) FROM seat_changes WHERE account_id = :a", a=account["id"]
    )
    assert changes == 3
