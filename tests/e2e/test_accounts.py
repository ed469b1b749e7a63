"""Opening, reading, listing and editing accounts over HTTP."""

from __future__ import annotations

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import account_body, bearer, mint_key, open_account

SUITE = ["chat", "explore", "guide", "support", "talk"]


async def test_a_new_suite_account_shows_five_lines_with_the_owner_on_each(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client, subscription=[{"suite": "support_suite", "seats": 5}])

    owner = await mint_key(client, account["id"], "owner")
    response = await client.get(f"/v1/accounts/{account['id']}/subscription", headers=bearer(owner))

    assert response.status_code == 200
    assert response.headers["etag"] == '"1"'
    body = response.json()
    assert body["version"] == 1
    assert [line["product"] for line in body["lines"]] == SUITE
    for line in body["lines"]:
        assert line["suite"] == "support_suite"
        assert (line["seats"], line["capacity"], line["assigned"], line["available"]) == (
            5,
            5,
            1,
            4,
        )
        assert line["state"] == "ok"


async def test_a_product_bought_alone_has_no_suite(client: httpx.AsyncClient) -> None:
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 2}, {"product": "sell", "seats": 1}],
    )
    body = (await client.get(f"/v1/accounts/{account['id']}/subscription")).json()
    sell = next(line for line in body["lines"] if line["product"] == "sell")
    assert sell["suite"] is None
    assert sell["state"] == "full"  # the owner holds the only seat


async def test_opening_an_account_stores_lines_owner_seats_and_an_event(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 3}])
    async with engine.connect() as connection:
        lines = (
            await connection.execute(
                text(
                    "SELECT product, seats, assigned FROM subscription_lines WHERE account_id = :a"
                ),
                {"a": account["id"]},
            )
        ).all()
        seats = (
            await connection.execute(
                text("SELECT product, user_id FROM agent_seats WHERE account_id = :a"),
                {"a": account["id"]},
            )
        ).all()
        events = (
            await connection.execute(
                text("SELECT type FROM events WHERE account_id = :a"), {"a": account["id"]}
            )
        ).all()
    assert [tuple(row) for row in lines] == [("sell", 3, 1)]
    assert [tuple(row) for row in seats] == [("sell", account["owner"]["user_id"])]
    assert [row[0] for row in events] == ["account.created"]


async def test_the_term_runs_one_cycle(client: httpx.AsyncClient) -> None:
    monthly = await open_account(client, billing_cycle="monthly")
    annual = await open_account(client, billing_cycle="annual")
    assert monthly["term_start"].startswith("2026-03-01T09:00:00")
    assert monthly["term_end"] == monthly["term_start"].replace("2026-03-01", "2026-04-01")
    assert annual["term_end"] == annual["term_start"].replace("2026-03-01", "2027-03-01")


async def test_a_sales_assisted_account_needs_a_sales_rep(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/accounts", json=account_body(billing_mode="sales_assisted", sales_rep=None)
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "sales_rep_required"


async def test_rule_breaking_subscriptions_are_refused_with_their_code(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    cases = {
        "unknown_suite": [{"suite": "nope_suite", "seats": 2}],
        "unknown_product": [{"product": "nope", "seats": 2}],
        "seats_out_of_range": [{"product": "sell", "seats": 100_001}],
        "duplicate_product": [
            {"suite": "sales_suite", "seats": 2},
            {"product": "sell", "seats": 1},
        ],
    }
    for code, subscription in cases.items():
        response = await client.post("/v1/accounts", json=account_body(subscription=subscription))
        assert response.status_code == 422, code
        assert response.json()["code"] == code
    zero = await client.post(
        "/v1/accounts", json=account_body(subscription=[{"product": "sell", "seats": 0}])
    )
    assert zero.json()["code"] == "seats_out_of_range"
    async with engine.connect() as connection:
        count = (await connection.execute(text("SELECT count(*) FROM accounts"))).scalar_one()
    assert count == 0


async def test_malformed_bodies_get_problem_json_and_change_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    unknown = await client.post("/v1/accounts", json=account_body(surprise=True))
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "unknown_field"
    assert unknown.json()["errors"][0]["loc"] == ["body", "surprise"]

    broken = await client.post(
        "/v1/accounts", content=b'{"name": ', headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422
    assert broken.json()["code"] == "invalid_json"

    too_long = await client.post("/v1/accounts", json=account_body(name="x" * 201))
    assert too_long.status_code == 422
    assert too_long.json()["code"] == "validation_error"

    bad_user = await client.post(
        "/v1/accounts",
        json=account_body(owner={"user_id": "has space", "email": "a@b.co", "name": "A"}),
    )
    assert bad_user.json()["errors"][0]["loc"] == ["body", "owner", "user_id"]

    both = await client.post(
        "/v1/accounts",
        json=account_body(subscription=[{"suite": "support_suite", "product": "sell", "seats": 1}]),
    )
    assert both.status_code == 422

    huge = await client.post(
        "/v1/accounts", json=account_body(subscription=[{"product": "sell", "seats": 10**30}])
    )
    assert huge.status_code == 422

    for response in (unknown, broken, too_long, bad_user, both, huge):
        problem = response.json()
        assert response.headers["content-type"] == "application/problem+json"
        assert {"type", "title", "status", "detail", "code"} <= problem.keys()
        assert "Traceback" not in response.text
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM accounts"))).scalar_one() == 0


async def test_accounts_list_newest_first_in_pages(client: httpx.AsyncClient) -> None:
    ids = [(await open_account(client))["id"] for _ in range(5)]

    first = (await client.get("/v1/accounts", params={"limit": 2})).json()
    # An account opened between pages must not shift the next page.
    await open_account(client)
    second = (
        await client.get("/v1/accounts", params={"limit": 2, "cursor": first["next_cursor"]})
    ).json()
    third = (
        await client.get("/v1/accounts", params={"limit": 2, "cursor": second["next_cursor"]})
    ).json()

    seen = [a["id"] for page in (first, second, third) for a in page["data"]]
    assert seen == list(reversed(ids))
    assert third["next_cursor"] is None


async def test_a_list_page_is_capped_at_200(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/accounts", params={"limit": 201})
    assert response.status_code == 422
    bad_cursor = await client.get("/v1/accounts", params={"cursor": "not-a-cursor"})
    assert bad_cursor.status_code == 422
    assert bad_cursor.json()["code"] == "invalid_cursor"


async def test_patching_settings_bumps_the_version_and_is_audited(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client)
    response = await client.patch(
        f"/v1/accounts/{account['id']}",
        json={
            "billing_mode": "sales_assisted",
            "sales_rep": {"name": "Rita", "email": "Rita@Sales.example.com"},
            "self_manageable": True,
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["billing_mode"] == "sales_assisted"
    assert response.json()["sales_rep"]["email"] == "rita@sales.example.com"

    subscription = await client.get(f"/v1/accounts/{account['id']}/subscription")
    assert subscription.headers["etag"] == '"2"'
    events = (await client.get(f"/v1/accounts/{account['id']}/events")).json()["data"]
    assert events[0]["type"] == "account.updated"
    assert events[0]["data"]["changes"]["billing_mode"] == "sales_assisted"
    assert events[1]["type"] == "account.created"


async def test_patching_nothing_new_changes_nothing(client: httpx.AsyncClient) -> None:
    account = await open_account(client)
    await client.patch(f"/v1/accounts/{account['id']}", json={"legacy_sell": False})
    subscription = await client.get(f"/v1/accounts/{account['id']}/subscription")
    assert subscription.headers["etag"] == '"1"'


async def test_a_sales_assisted_account_cannot_lose_its_rep(client: httpx.AsyncClient) -> None:
    account = await open_account(client, billing_mode="sales_assisted")
    response = await client.patch(f"/v1/accounts/{account['id']}", json={"sales_rep": None})
    assert response.status_code == 422
    assert response.json()["code"] == "sales_rep_required"
    again = (await client.get(f"/v1/accounts/{account['id']}")).json()
    assert again["sales_rep"]["name"] == "Rita Rep"


async def test_the_catalog_lists_products_and_suites(client: httpx.AsyncClient) -> None:
    catalog = (await client.get("/v1/catalog")).json()
    codes = {p["code"] for p in catalog["products"]}
    assert {"support", "guide", "chat", "talk", "explore", "sell"} <= codes
    assert any(p["kind"] == "addon" for p in catalog["products"])
    suites = {s["code"]: s["products"] for s in catalog["suites"]}
    assert suites["support_suite"] == ["support", "guide", "chat", "talk", "explore"]
    assert "sell" in suites["sales_suite"]
    assert catalog["max_seats"] == 100_000
