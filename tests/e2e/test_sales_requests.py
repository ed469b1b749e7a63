"""The request form to the rep, the rep's queue, and fulfilment by the same rules."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.models import NotificationRow
from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock
from tests.seat_checks import assert_counters_match_rows

RITA = {"name": "Rita Rep", "email": "rita@sales.example.com"}


def agent(n: int, **overrides: Any) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}", **overrides}


async def rep_key(client: httpx.AsyncClient, email: str = RITA["email"]) -> dict[str, str]:
    response = await client.post(
        "/v1/api-keys", json={"name": email, "role": "sales_rep", "email": email}
    )
    return bearer(response.json()["key"])


async def test_a_sales_assisted_account_out_of_seats_gets_them_through_its_rep(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        billing_mode="sales_assisted",
        sales_rep=RITA,
        subscription=[{"suite": "support_suite", "seats": 1}],
    )
    owner = bearer(await mint_key(client, account["id"], "owner"))
    rita = await rep_key(client)

    refused = await client.post(
        f"/v1/accounts/{account['id']}/agents", json=agent(1), headers=owner
    )
    assert refused.json()["code"] == "seats_exhausted"
    form = {o["channel"]: o["available"] for o in refused.json()["purchase_options"]["options"]}
    assert form["sales_request"] is True

    filed = await client.post(
        f"/v1/accounts/{account['id']}/sales-requests",
        json={"kind": "add_seats", "suite": "support_suite", "seats": 2, "message": "New hires"},
        headers=owner,
    )
    assert filed.status_code == 201, filed.text
    request = filed.json()
    assert request["status"] == "submitted"
    assert request["sales_rep"] == RITA
    assert request["requested_by"].startswith("key_")

    queue = (
        await client.get("/v1/sales-requests", params={"status": "submitted"}, headers=rita)
    ).json()
    assert [r["id"] for r in queue["data"]] == [request["id"]]

    fulfilled = await client.post(f"/v1/sales-requests/{request['id']}/fulfill", headers=rita)
    assert fulfilled.status_code == 200, fulfilled.text
    done = fulfilled.json()
    assert done["status"] == "fulfilled"
    assert done["acted_at"] is not None
    change = (
        await client.get(f"/v1/accounts/{account['id']}/seat-changes/{done['seat_change_id']}")
    ).json()
    assert change["channel"] == "sales_request"
    assert {(ln["from"], ln["to"]) for ln in change["lines"]} == {(1, 3)}
    assert len(change["lines"]) == 5

    added = await client.post(f"/v1/accounts/{account['id']}/agents", json=agent(1), headers=owner)
    assert added.status_code == 201
    assert set((await assert_counters_match_rows(engine, account["id"])).values()) == {2}
    after = (
        await client.get("/v1/sales-requests", params={"status": "submitted"}, headers=rita)
    ).json()
    assert after["data"] == []

    async with engine.connect() as connection:
        notices = (
            (
                await connection.execute(
                    select(NotificationRow.data["status"].as_string()).where(
                        NotificationRow.type == "sales_request_updated"
                    )
                )
            )
            .scalars()
            .all()
        )
    assert sorted(notices) == ["fulfilled", "submitted"]
    events = (await client.get(f"/v1/accounts/{account['id']}/events")).json()["data"]
    assert "sales_request.created" in [e["type"] for e in events]
    assert "sales_request.updated" in [e["type"] for e in events]


async def test_a_removal_request_downgrades_the_newest_agents(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account = await open_account(
        client,
        billing_mode="sales_assisted",
        sales_rep=RITA,
        subscription=[{"product": "sell", "seats": 4}],
    )
    for n in (1, 2, 3):
        await client.post(f"/v1/accounts/{account['id']}/agents", json=agent(n))
    admin = bearer(await mint_key(client, account["id"], "admin"))
    filed = await client.post(
        f"/v1/accounts/{account['id']}/sales-requests",
        json={"kind": "remove_seats", "product": "sell", "seats": 2},
        headers=admin,
    )
    assert filed.status_code == 201
    done = (
        await client.post(
            f"/v1/sales-requests/{filed.json()['id']}/fulfill", headers=await rep_key(client)
        )
    ).json()
    change = (
        await client.get(f"/v1/accounts/{account['id']}/seat-changes/{done['seat_change_id']}")
    ).json()
    assert [d["user_id"] for d in change["downgraded_agents"]] == ["u3", "u2"]
    assert change["amount_due"] == 0
    assert await assert_counters_match_rows(engine, account["id"]) == {"sell": 2}


async def test_fulfilling_twice_is_an_invalid_transition(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, billing_mode="sales_assisted", sales_rep=RITA)
    owner = bearer(await mint_key(client, account["id"], "owner"))
    filed = await client.post(
        f"/v1/accounts/{account['id']}/sales-requests",
        json={"kind": "add_seats", "suite": "support_suite", "seats": 1},
        headers=owner,
    )
    url = f"/v1/sales-requests/{filed.json()['id']}"
    assert (await client.post(f"{url}/fulfill")).status_code == 200
    twice = await client.post(f"{url}/fulfill")
    cancel = await client.post(f"{url}/cancel", headers=owner)
    decline = await client.post(f"{url}/decline", json={"reason": "no"})
    for response in (twice, cancel, decline):
        assert response.status_code == 409
        assert response.json()["code"] == "invalid_transition"
    async with engine.connect() as connection:
        count = (await connection.execute(text("SELECT count(*) FROM seat_changes"))).scalar_one()
    assert count == 1


async def test_decline_and_cancel_record_who_and_why(client: httpx.AsyncClient) -> None:
    account = await open_account(client, billing_mode="sales_assisted", sales_rep=RITA)
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}/sales-requests"
    body = {"kind": "add_seats", "suite": "support_suite", "seats": 1}
    first = (await client.post(url, json=body, headers=owner)).json()
    second = (await client.post(url, json=body, headers=owner)).json()
    rita = await rep_key(client)

    declined = (
        await client.post(
            f"/v1/sales-requests/{first['id']}/decline", json={"reason": "Budget"}, headers=rita
        )
    ).json()
    cancelled = (
        await client.post(f"/v1/sales-requests/{second['id']}/cancel", headers=owner)
    ).json()
    rep_cancel = await client.post(f"/v1/sales-requests/{second['id']}/cancel", headers=rita)

    assert (declined["status"], declined["decline_reason"]) == ("declined", "Budget")
    assert declined["acted_by"] != declined["requested_by"]
    assert cancelled["status"] == "cancelled"
    assert rep_cancel.status_code == 403
    listed = (await client.get(url, params={"status": "declined"}, headers=owner)).json()["data"]
    assert [r["id"] for r in listed] == [first["id"]]


async def test_a_rep_of_another_account_sees_nothing(client: httpx.AsyncClient) -> None:
    account = await open_account(client, billing_mode="sales_assisted", sales_rep=RITA)
    owner = bearer(await mint_key(client, account["id"], "owner"))
    filed = (
        await client.post(
            f"/v1/accounts/{account['id']}/sales-requests",
            json={"kind": "add_seats", "suite": "support_suite", "seats": 1},
            headers=owner,
        )
    ).json()
    sam = await rep_key(client, "sam@sales.example.com")
    assert (await client.get("/v1/sales-requests", headers=sam)).json()["data"] == []
    for method, path, body in (
        ("GET", "", None),
        ("POST", "/fulfill", {"seats": 1}),  # a valid body: only the wall stops it
        ("POST", "/decline", {"reason": "x"}),
    ):
        response = await client.request(
            method, f"/v1/sales-requests/{filed['id']}{path}", json=body, headers=sam
        )
        assert response.status_code == 404, path
    other = await open_account(client, billing_mode="sales_assisted", sales_rep=RITA)
    stranger = bearer(await mint_key(client, other["id"], "owner"))
    assert (
        await client.post(f"/v1/sales-requests/{filed['id']}/cancel", headers=stranger)
    ).status_code == 404
    assert (await client.get(f"/v1/sales-requests/{filed['id']}")).json()["status"] == "submitted"


async def test_who_may_file_depends_on_the_account_and_role(client: httpx.AsyncClient) -> None:
    async def file(role: str, body: dict[str, Any] | None = None, **account: Any) -> httpx.Response:
        opened = await open_account(
            client, subscription=[{"suite": "sales_suite", "seats": 3}], **account
        )
        secret = await mint_key(client, opened["id"], role)
        return await client.post(
            f"/v1/accounts/{opened['id']}/sales-requests",
            json=body or {"kind": "add_seats", "suite": "sales_suite", "seats": 1},
            headers=bearer(secret),
        )

    assert (await file("admin", billing_mode="sales_assisted")).status_code == 201
    viewer = await file("viewer", billing_mode="sales_assisted")
    # docs/api.md (Sales requests): a viewer is refused for its role.
    assert (viewer.status_code, viewer.json()["code"]) == (403, "insufficient_role")
    self_service = await file("owner")
    assert self_service.json()["code"] == "sales_request_not_available"
    legacy_add = await file("owner", legacy_sell=True)
    assert legacy_add.json()["code"] == "sales_request_not_available"
    legacy_remove = await file(
        "owner", {"kind": "remove_seats", "suite": "sales_suite", "seats": 1}, legacy_sell=True
    )
    assert legacy_remove.status_code == 201


async def test_bad_targets_and_counts_are_named(client: httpx.AsyncClient) -> None:
    account = await open_account(
        client,
        billing_mode="sales_assisted",
        sales_rep=RITA,
        subscription=[{"suite": "support_suite", "seats": 2}],
    )
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}/sales-requests"
    cases = {
        "unknown_product": {"kind": "add_seats", "product": "nope", "seats": 1},
        "product_not_subscribed": {"kind": "add_seats", "product": "sell", "seats": 1},
        "suite_parity_violation": {"kind": "add_seats", "product": "support", "seats": 1},
        "seats_out_of_range": {"kind": "remove_seats", "suite": "support_suite", "seats": 2},
    }
    for code, body in cases.items():
        response = await client.post(url, json=body, headers=owner)
        assert (response.status_code, response.json()["code"]) == (422, code), code
    zero = await client.post(
        url, json={"kind": "add_seats", "suite": "support_suite", "seats": 0}, headers=owner
    )
    assert zero.status_code == 422
    assert (await client.get(url, headers=owner)).json()["data"] == []


async def test_a_fulfil_racing_a_cancel_changes_seats_at_most_once(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        billing_mode="sales_assisted",
        sales_rep=RITA,
        subscription=[{"product": "sell", "seats": 2}],
    )
    owner = bearer(await mint_key(client, account["id"], "owner"))
    rita = await rep_key(client)
    outcomes = []
    for _ in range(6):
        filed = (
            await client.post(
                f"/v1/accounts/{account['id']}/sales-requests",
                json={"kind": "add_seats", "product": "sell", "seats": 1},
                headers=owner,
            )
        ).json()
        url = f"/v1/sales-requests/{filed['id']}"
        fulfil, cancel = await asyncio.gather(
            client.post(f"{url}/fulfill", headers=rita), client.post(f"{url}/cancel", headers=owner)
        )
        assert sorted([fulfil.status_code, cancel.status_code]) == [200, 409]
        final = (await client.get(url)).json()["status"]
        outcomes.append(final)
        assert final == ("fulfilled" if fulfil.status_code == 200 else "cancelled")
    fulfilled = outcomes.count("fulfilled")
    seats = (await client.get(f"/v1/accounts/{account['id']}/subscription")).json()["lines"][0][
        "seats"
    ]
    assert seats == 2 + fulfilled
    async with engine.connect() as connection:
        changes = (await connection.execute(text("SELECT count(*) FROM seat_changes"))).scalar_one()
    assert changes == fulfilled
