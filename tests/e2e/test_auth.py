"""API keys and roles: 401, 403 and 404 exactly as the Conventions say."""

from __future__ import annotations

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, mint_key, open_account


async def test_a_request_without_a_key_is_401_with_a_bearer_challenge(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/v1/catalog", headers={"Authorization": ""})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["code"] == "unauthenticated"

    unknown = await client.get("/v1/catalog", headers=bearer("sk_not_a_real_key"))
    assert unknown.status_code == 401
    assert unknown.json()["code"] == "unauthenticated"


async def test_keys_are_stored_only_as_hashes(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client)
    secret = await mint_key(client, account["id"], "viewer")
    async with engine.connect() as connection:
        stored = (await connection.execute(text("SELECT secret_hash, hint FROM api_keys"))).all()
    assert all(secret not in row[0] for row in stored)
    assert any(row[1] == secret[-4:] for row in stored)
    listed = await client.get(f"/v1/accounts/{account['id']}/api-keys")
    assert secret not in listed.text
    assert [key["role"] for key in listed.json()["data"]] == ["viewer"]


async def test_a_revoked_key_stops_working(client: httpx.AsyncClient) -> None:
    account = await open_account(client)
    owner = await mint_key(client, account["id"], "owner")
    viewer = await mint_key(client, account["id"], "viewer")
    keys = (await client.get(f"/v1/accounts/{account['id']}/api-keys")).json()["data"]
    viewer_id = next(k["id"] for k in keys if k["role"] == "viewer")

    revoked = await client.delete(
        f"/v1/accounts/{account['id']}/api-keys/{viewer_id}", headers=bearer(owner)
    )

    assert revoked.status_code == 204
    after = await client.get(f"/v1/accounts/{account['id']}", headers=bearer(viewer))
    assert after.status_code == 401
    assert (
        await client.get(f"/v1/accounts/{account['id']}", headers=bearer(owner))
    ).status_code == 200


async def test_an_owner_mints_admin_and_viewer_keys_but_not_owner_keys(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client)
    owner = await mint_key(client, account["id"], "owner")
    url = f"/v1/accounts/{account['id']}/api-keys"

    admin = await client.post(url, json={"name": "a", "role": "admin"}, headers=bearer(owner))
    another_owner = await client.post(
        url, json={"name": "o", "role": "owner"}, headers=bearer(owner)
    )

    assert admin.status_code == 201
    assert admin.json()["key"].startswith("sk_")
    assert another_owner.status_code == 403
    assert another_owner.json()["code"] == "insufficient_role"


async def test_viewers_and_admins_cannot_mint_keys_or_open_accounts(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client)
    for role in ("viewer", "admin"):
        secret = await mint_key(client, account["id"], role)
        minted = await client.post(
            f"/v1/accounts/{account['id']}/api-keys",
            json={"name": "x", "role": "viewer"},
            headers=bearer(secret),
        )
        assert minted.status_code == 403, role
        opened = await client.post("/v1/accounts", json={}, headers=bearer(secret))
        assert opened.status_code == 403, role  # the role, before the body
        listed = await client.get("/v1/accounts", headers=bearer(secret))
        assert listed.status_code == 403
        assert listed.json()["code"] == "insufficient_role"


async def test_an_account_key_gets_404_on_another_account(client: httpx.AsyncClient) -> None:
    mine = await open_account(client)
    theirs = await open_account(client)
    owner = await mint_key(client, mine["id"], "owner")

    response = await client.get(f"/v1/accounts/{theirs['id']}", headers=bearer(owner))
    missing = await client.get("/v1/accounts/acct_does_not_exist", headers=bearer(owner))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    # Unknown and foreign look alike, so ids do not leak.
    assert missing.json()["detail"].replace("acct_does_not_exist", "") == response.json()[
        "detail"
    ].replace(theirs["id"], "")


async def test_a_sales_rep_sees_only_their_accounts(client: httpx.AsyncClient) -> None:
    rita = await client.post(
        "/v1/api-keys",
        json={"name": "Rita", "role": "sales_rep", "email": "Rita@Sales.Example.com"},
    )
    assert rita.status_code == 201
    rep_key = rita.json()["key"]
    hers = await open_account(
        client,
        billing_mode="sales_assisted",
        sales_rep={"name": "Rita", "email": "rita@sales.example.com"},
    )
    other = await open_account(
        client,
        billing_mode="sales_assisted",
        sales_rep={"name": "Sam", "email": "sam@sales.example.com"},
    )

    listed = (await client.get("/v1/accounts", headers=bearer(rep_key))).json()["data"]
    assert [a["id"] for a in listed] == [hers["id"]]
    assert (
        await client.get(f"/v1/accounts/{hers['id']}", headers=bearer(rep_key))
    ).status_code == 200
    assert (
        await client.get(f"/v1/accounts/{other['id']}", headers=bearer(rep_key))
    ).status_code == 404
    patch = await client.patch(
        f"/v1/accounts/{hers['id']}", json={"self_manageable": True}, headers=bearer(rep_key)
    )
    assert patch.status_code == 403


async def test_platform_keys_need_a_platform_admin_and_reps_need_an_email(
    client: httpx.AsyncClient,
) -> None:
    no_email = await client.post("/v1/api-keys", json={"name": "r", "role": "sales_rep"})
    assert no_email.status_code == 422
    assert no_email.json()["code"] == "email_required"
    wrong_role = await client.post("/v1/api-keys", json={"name": "r", "role": "owner"})
    assert wrong_role.status_code == 422

    admin = (
        await client.post("/v1/api-keys", json={"name": "ops", "role": "platform_admin"})
    ).json()
    assert admin["account_id"] is None
    listed = (await client.get("/v1/api-keys")).json()["data"]
    assert admin["id"] in [k["id"] for k in listed]
    revoked = await client.delete(f"/v1/api-keys/{admin['id']}")
    assert revoked.status_code == 204
    assert (await client.get("/v1/catalog", headers=bearer(admin["key"]))).status_code == 401

    account = await open_account(client)
    owner = await mint_key(client, account["id"], "owner")
    refused = await client.post(
        "/v1/api-keys", json={"name": "x", "role": "platform_admin"}, headers=bearer(owner)
    )
    assert refused.status_code == 403
