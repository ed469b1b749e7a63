"""Handing an account to another owner, and editing an agent's email and name."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.account_rows import account_rows
from tests.builders import bearer, mint_key, open_account


def agent(n: int, **overrides: Any) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}", **overrides}


async def owned(
    client: httpx.AsyncClient, **overrides: Any
) -> tuple[dict[str, Any], dict[str, str]]:
    account = await open_account(client, **overrides)
    return account, bearer(await mint_key(client, account["id"], "owner"))


async def key_ids(client: httpx.AsyncClient, account_id: str, role: str) -> list[str]:
    keys = (await client.get(f"/v1/accounts/{account_id}/api-keys")).json()["data"]
    return [k["id"] for k in keys if k["role"] == role]


async def owner_flags(engine: AsyncEngine, account_id: str) -> dict[str, tuple[str, bool]]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT user_id, role, is_owner FROM agents WHERE account_id = :a"),
            {"a": account_id},
        )
        return {user_id: (role, bool(is_owner)) for user_id, role, is_owner in rows}


async def test_the_owner_hands_over_and_their_owner_key_is_refused_at_once(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account, owner = await owned(client, subscription=[{"suite": "support_suite", "seats": 3}])
    account_id = account["id"]
    old_owner = account["owner"]["user_id"]
    (old_key,) = await key_ids(client, account_id, "owner")
    assert (await client.post(f"/v1/accounts/{account_id}/agents", json=agent(1))).is_success
    # The old owner's key is in the key cache from here on.
    assert (await client.get(f"/v1/accounts/{account_id}", headers=owner)).status_code == 200
    before = (await client.get(f"/v1/accounts/{account_id}/subscription")).headers["etag"]

    handed = await client.post(
        f"/v1/accounts/{account_id}/owner", json={"user_id": "u1"}, headers=owner
    )

    assert handed.status_code == 200, handed.text
    assert handed.json()["owner"] == {
        "user_id": "u1",
        "email": "u1@acme.example",
        "name": "Agent 1",
    }
    # The old owner's key stops at once, cached or not.
    refused = await client.get(f"/v1/accounts/{account_id}", headers=owner)
    assert (refused.status_code, refused.json()["code"]) == (401, "unauthenticated")
    assert await owner_flags(engine, account_id) == {
        old_owner: ("agent", False),
        "u1": ("agent", True),
    }
    old = (await client.get(f"/v1/accounts/{account_id}/agents/{old_owner}")).json()
    assert (old["role"], old["is_owner"], len(old["products"])) == ("agent", False, 5)
    after = await client.get(f"/v1/accounts/{account_id}/subscription")
    assert after.headers["etag"] != before
    assert (await client.get(f"/v1/accounts/{account_id}")).json()["owner"]["user_id"] == "u1"
    events = (await client.get(f"/v1/accounts/{account_id}/events")).json()["data"]
    changed = next(e for e in events if e["type"] == "account.owner_changed")
    assert changed["data"] == {
        "user_id": "u1",
        "previous_owner": old_owner,
        "revoked_keys": [old_key],
    }
    assert any(e["type"] == "api_key.revoked" and e["data"]["key_id"] == old_key for e in events)
    keys = (await client.get(f"/v1/accounts/{account_id}/api-keys")).json()["data"]
    assert next(k for k in keys if k["id"] == old_key)["revoked_at"] is not None

    # The new owner is protected as owners are; the old one can now be removed.
    assert (await client.delete(f"/v1/accounts/{account_id}/agents/u1")).json()["code"] == (
        "owner_protected"
    )
    assert (await client.delete(f"/v1/accounts/{account_id}/agents/{old_owner}")).status_code == 204
    # A platform admin mints the new owner's key, which buys as owners do.
    new_owner = bearer(await mint_key(client, account_id, "owner"))
    bought = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"suite": "support_suite", "seats": 4}]},
        headers=new_owner,
    )
    assert bought.status_code == 201, bought.text


async def test_the_new_owner_must_hold_a_seat_of_every_product_and_a_refusal_changes_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account, owner = await owned(
        client,
        subscription=[{"suite": "support_suite", "seats": 3}, {"product": "sell", "seats": 2}],
    )
    account_id = account["id"]
    path = f"/v1/accounts/{account_id}"
    assert (await client.post(f"{path}/agents", json=agent(1, products=["support"]))).is_success
    assert (await client.post(f"{path}/agents", json=agent(2))).is_success
    assert (await client.patch(f"{path}/agents/u2", json={"role": "end_user"})).is_success
    before = await account_rows(engine, account_id)

    partial = await client.post(f"{path}/owner", json={"user_id": "u1"}, headers=owner)
    end_user = await client.post(f"{path}/owner", json={"user_id": "u2"}, headers=owner)
    unknown = await client.post(f"{path}/owner", json={"user_id": "nobody"}, headers=owner)
    bad = await client.post(f"{path}/owner", json={"user_id": ".."}, headers=owner)

    assert (partial.status_code, partial.json()["code"]) == (422, "owner_needs_every_product")
    assert partial.json()["missing"] == ["chat", "explore", "guide", "sell", "talk"]
    assert (end_user.status_code, end_user.json()["code"]) == (422, "owner_needs_every_product")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")
    assert (bad.status_code, bad.json()["code"]) == (422, "validation_error")
    assert await account_rows(engine, account_id) == before
    assert (await client.get(path, headers=owner)).status_code == 200  # the key still works


async def test_only_the_owner_or_a_platform_admin_hands_over_and_to_the_owner_is_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account, owner = await owned(client)
    account_id = account["id"]
    path = f"/v1/accounts/{account_id}"
    assert (await client.post(f"{path}/agents", json=agent(1))).is_success
    _other, stranger = await owned(client)
    keys = [bearer(await mint_key(client, account_id, role)) for role in ("admin", "viewer")]
    before = await account_rows(engine, account_id)

    for key in keys:
        refused = await client.post(f"{path}/owner", json={"user_id": "u1"}, headers=key)
        assert (refused.status_code, refused.json()["code"]) == (403, "insufficient_role")
    # Another account's owner does not even see this one.
    hidden = await client.post(f"{path}/owner", json={"user_id": "u1"}, headers=stranger)
    assert hidden.status_code == 404
    same = await client.post(
        f"{path}/owner", json={"user_id": account["owner"]["user_id"]}, headers=owner
    )
    assert same.status_code == 200
    assert await account_rows(engine, account_id) == before

    # A platform admin hands it over too (the billing system fixing the owner).
    handed = await client.post(f"{path}/owner", json={"user_id": "u1"})
    assert handed.json()["owner"]["user_id"] == "u1"
    assert (await client.get(path, headers=owner)).status_code == 401


async def test_an_agents_email_and_name_are_edited_normalised_and_told(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account, owner = await owned(client)
    account_id = account["id"]
    path = f"/v1/accounts/{account_id}"
    assert (await client.post(f"{path}/agents", json=agent(1))).is_success
    etag = (await client.get(f"{path}/agents/u1")).headers["etag"]

    edited = await client.patch(
        f"{path}/agents/u1",
        json={"email": "  Ben.B@ACME.example ", "name": "  Ben B.  "},
        headers=owner,
    )

    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert (body["email"], body["name"], body["role"]) == ("ben.b@acme.example", "Ben B.", "agent")
    read = await client.get(f"{path}/agents/u1")
    assert (read.json()["email"], read.json()["name"]) == ("ben.b@acme.example", "Ben B.")
    assert read.headers["etag"] != etag
    events = (await client.get(f"{path}/events", params={"type": "agent.updated"})).json()["data"]
    assert events[0]["data"]["email"] == "ben.b@acme.example"
    assert events[0]["data"]["name"] == "Ben B."
    assert (events[0]["data"]["added"], events[0]["data"]["removed"]) == ([], [])

    # The owner's own email is the account's owner email.
    owner_id = account["owner"]["user_id"]
    await client.patch(f"{path}/agents/{owner_id}", json={"email": "boss@acme.example"})
    assert (await client.get(path)).json()["owner"]["email"] == "boss@acme.example"


async def test_a_bad_email_or_name_is_refused_and_contact_edits_work_on_a_closed_account(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account, _ = await owned(client)
    account_id = account["id"]
    path = f"/v1/accounts/{account_id}"
    assert (await client.post(f"{path}/agents", json=agent(1))).is_success
    before = await account_rows(engine, account_id)

    for body in ({"email": "not-an-email"}, {"name": ""}, {"name": "x" * 201}, {"email": None}):
        refused = await client.patch(f"{path}/agents/u1", json=body)
        assert refused.status_code == 422, (body, refused.text)
    assert await account_rows(engine, account_id) == before

    # An email or a name moves no seat: a cancelled account may still fix them.
    assert (await client.delete(path)).json()["status"] == "cancelled"
    fixed = await client.patch(f"{path}/agents/u1", json={"name": "Agent One"})
    assert (fixed.status_code, fixed.json()["name"]) == (200, "Agent One")
