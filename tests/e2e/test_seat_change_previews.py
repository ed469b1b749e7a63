"""Previews warn (R9): each line's unit price, the amount the subscription
renews at, warnings with a code and words, and whether this caller may apply
the change. The owner, an admin and a platform admin may preview; applying
stays the owner's, as before. A preview writes nothing."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.models import Base
from tests.builders import bearer, mint_key, open_account

SUITE = ["support", "guide", "chat", "talk", "explore"]
SUITE_MONTHLY = 5500 + 1900 + 2900 + 2900 + 3900
PRICES = {"support": 5500, "guide": 1900, "chat": 2900, "talk": 2900, "explore": 3900}
SELL_MONTHLY = 4900


async def snapshot(engine: AsyncEngine) -> dict[str, list[tuple[str, ...]]]:
    async with engine.connect() as connection:
        return {
            table.name: sorted(
                tuple(str(v) for v in row)
                for row in (await connection.execute(table.select())).all()
            )
            for table in Base.metadata.sorted_tables
        }


async def sell_agents(client: httpx.AsyncClient, account_id: str, *user_ids: str) -> None:
    for user_id in user_ids:
        added = await client.post(
            f"/v1/accounts/{account_id}/agents",
            json={
                "user_id": user_id,
                "email": f"{user_id}@acme.example",
                "name": user_id,
                "products": ["sell"],
            },
        )
        assert added.status_code == 201, added.text


def codes(preview: dict[str, Any]) -> list[str]:
    return [warning["code"] for warning in preview["warnings"]]


async def test_a_decrease_preview_warns_prices_the_line_and_states_the_renewal(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 3}, {"product": "sell", "seats": 4}],
    )
    account_id = account["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    await sell_agents(client, account_id, "u1", "u2", "u3")
    before = await snapshot(engine)

    answer = await client.post(
        f"/v1/accounts/{account_id}/seat-changes/preview",
        json={"changes": [{"product": "sell", "seats": 2}]},
        headers=owner,
    )

    assert answer.status_code == 200, answer.text
    preview = answer.json()
    assert (preview["status"], preview["id"], preview["amount_due"]) == ("preview", None, 0)
    assert preview["lines"] == [{"product": "sell", "from": 4, "to": 2, "unit_price": 4900}]
    assert [d["user_id"] for d in preview["downgraded_agents"]] == ["u3", "u2"]
    assert codes(preview) == ["agents_downgraded", "no_credit_for_decrease"]
    assert "u3, u2" in preview["warnings"][0]["detail"]
    assert preview["renewal_amount"] == 3 * SUITE_MONTHLY + 2 * SELL_MONTHLY
    assert (preview["can_apply"], preview["apply_refusal"]) == (True, None)
    assert await snapshot(engine) == before


async def test_an_increase_preview_charges_now_and_renews_at_the_new_total_without_warnings(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(
        client,
        billing_cycle="annual",
        subscription=[{"suite": "support_suite", "seats": 3}, {"product": "sell", "seats": 1}],
    )
    owner = bearer(await mint_key(client, account["id"], "owner"))

    preview = (
        await client.post(
            f"/v1/accounts/{account['id']}/seat-changes/preview",
            json={"changes": [{"suite": "support_suite", "seats": 5}]},
            headers=owner,
        )
    ).json()

    # Annual prices are twelve months; on the term's first day the whole term is left.
    assert {ln["product"]: ln["unit_price"] for ln in preview["lines"]} == {
        product: price * 12 for product, price in PRICES.items()
    }
    assert preview["amount_due"] == 2 * SUITE_MONTHLY * 12
    assert preview["renewal_amount"] == (5 * SUITE_MONTHLY + SELL_MONTHLY) * 12
    assert preview["warnings"] == []
    assert preview["can_apply"] is True


async def test_owner_admin_and_platform_admin_may_preview_and_only_the_owner_may_apply(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(
        client,
        subscription=[{"product": "sell", "seats": 4}],
        sales_rep={"name": "Rita Rep", "email": "rita@sales.example.com"},
    )
    account_id = account["id"]
    rep = await client.post(
        "/v1/api-keys",
        json={"name": "rep", "role": "sales_rep", "email": "rita@sales.example.com"},
    )
    keys = {
        "owner": bearer(await mint_key(client, account_id, "owner")),
        "admin": bearer(await mint_key(client, account_id, "admin")),
        "viewer": bearer(await mint_key(client, account_id, "viewer")),
        "platform_admin": {},  # the client's own key
        "sales_rep": bearer(rep.json()["key"]),
    }
    body = {"changes": [{"product": "sell", "seats": 5}]}
    preview_url = f"/v1/accounts/{account_id}/seat-changes/preview"

    answers = {
        role: await client.post(preview_url, json=body, headers=key) for role, key in keys.items()
    }

    assert {role: a.status_code for role, a in answers.items()} == {
        "owner": 200,
        "admin": 200,
        "viewer": 403,
        "platform_admin": 200,
        "sales_rep": 403,
    }
    assert answers["owner"].json()["can_apply"] is True
    for role in ("admin", "platform_admin"):
        preview = answers[role].json()
        assert preview["can_apply"] is False, role
        assert preview["apply_refusal"]["code"] == "not_account_owner"
        assert preview["lines"] == [{"product": "sell", "from": 4, "to": 5, "unit_price": 4900}]
        applied = await client.post(
            f"/v1/accounts/{account_id}/seat-changes", json=body, headers=keys[role]
        )
        assert (applied.status_code, applied.json()["code"]) == (403, "not_account_owner")
    for role in ("viewer", "sales_rep"):
        assert answers[role].json()["code"] == "insufficient_role"
    # A bad request is refused to a previewer as it would be to the owner.
    unchanged = await client.post(
        preview_url, json={"changes": [{"product": "sell", "seats": 4}]}, headers=keys["admin"]
    )
    assert (unchanged.status_code, unchanged.json()["code"]) == (422, "no_change")
    seats = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["lines"]
    assert [(ln["product"], ln["seats"]) for ln in seats] == [("sell", 4)]
    assert (await client.get(f"/v1/accounts/{account_id}/seat-changes")).json()["data"] == []


async def test_an_owner_the_page_is_closed_to_still_previews_and_is_told_why_not(
    client: httpx.AsyncClient,
) -> None:
    managed = await open_account(
        client, billing_mode="sales_assisted", subscription=[{"product": "sell", "seats": 4}]
    )
    with_manage = await open_account(
        client,
        billing_mode="sales_assisted",
        self_manageable=True,
        subscription=[{"product": "sell", "seats": 4}],
    )
    expected = {
        managed["id"]: ({"product": "sell", "seats": 6}, "subscription_managed_by_sales"),
        with_manage["id"]: ({"product": "sell", "seats": 3}, "removal_requires_sales_request"),
    }

    for account_id, (change, code) in expected.items():
        owner = bearer(await mint_key(client, account_id, "owner"))
        answer = await client.post(
            f"/v1/accounts/{account_id}/seat-changes/preview",
            json={"changes": [change]},
            headers=owner,
        )
        assert answer.status_code == 200, answer.text
        assert (answer.json()["can_apply"], answer.json()["apply_refusal"]["code"]) == (False, code)
        applied = await client.post(
            f"/v1/accounts/{account_id}/seat-changes", json={"changes": [change]}, headers=owner
        )
        assert (applied.status_code, applied.json()["code"]) == (403, code)


async def test_previews_say_what_becomes_of_the_scheduled_change(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 4}])
    account_id = account["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    await sell_agents(client, account_id, "u1", "u2", "u3")
    scheduled = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 3}], "effective": "at_renewal"},
        headers=owner,
    )
    scheduled_id = scheduled.json()["id"]
    url = f"/v1/accounts/{account_id}/seat-changes/preview"
    before = await snapshot(engine)

    at_renewal = (
        await client.post(
            url,
            json={"changes": [{"product": "sell", "seats": 2}], "effective": "at_renewal"},
            headers=owner,
        )
    ).json()
    now = (
        await client.post(url, json={"changes": [{"product": "sell", "seats": 5}]}, headers=owner)
    ).json()

    # At renewal: it would replace the pending change, so the renewal is its own total.
    assert codes(at_renewal) == ["agents_downgraded", "replaces_scheduled_change"]
    assert scheduled_id in at_renewal["warnings"][1]["detail"]
    assert "at renewal" in at_renewal["warnings"][0]["detail"]
    assert (at_renewal["amount_due"], at_renewal["renewal_amount"]) == (0, 2 * SELL_MONTHLY)
    # Now: a month's seat today, and the pending change still sets 3 at renewal.
    assert codes(now) == ["scheduled_change_pending"]
    assert scheduled_id in now["warnings"][0]["detail"]
    assert (now["amount_due"], now["renewal_amount"]) == (SELL_MONTHLY, 3 * SELL_MONTHLY)
    assert await snapshot(engine) == before
    pending = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["pending_change"]
    assert pending["id"] == scheduled_id
