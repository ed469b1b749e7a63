"""Sales requests, completed: the rep is told, a request with no rep goes to
customer support, the rep adjusts a request before applying it, and
temporary seats can be asked for."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.models import (
    NotificationRow,
    SalesRequestRow,
    SeatChangeRow,
    TemporarySeatsRow,
    WebhookDeliveryRow,
)
from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock

RITA = {"name": "Rita Rep", "email": "Rita.Rep@Sales.Example.com"}
RITA_EMAIL = "rita.rep@sales.example.com"  # as stored and compared: normalised
SAM = {"name": "Sam Seller", "email": "sam@sales.example.com"}


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def rep_key(client: httpx.AsyncClient, email: str) -> tuple[dict[str, str], str]:
    """A sales rep's key, minted with an email written as the rep typed it."""
    response = await client.post(
        "/v1/api-keys", json={"name": email, "role": "sales_rep", "email": email}
    )
    assert response.status_code == 201, response.text
    return bearer(response.json()["key"]), response.json()["id"]


async def account_with_owner(
    client: httpx.AsyncClient, **overrides: Any
) -> tuple[str, dict[str, str]]:
    opened = await open_account(client, **overrides)
    return opened["id"], bearer(await mint_key(client, opened["id"], "owner"))


async def file(
    client: httpx.AsyncClient, account_id: str, key: dict[str, str], **body: Any
) -> httpx.Response:
    return await client.post(f"/v1/accounts/{account_id}/sales-requests", json=body, headers=key)


async def rows(engine: AsyncEngine, statement: Any) -> list[Any]:
    async with engine.connect() as connection:
        return list((await connection.execute(statement)).all())


async def events(client: httpx.AsyncClient, account_id: str, type: str) -> list[dict[str, Any]]:
    listed = (await client.get(f"/v1/accounts/{account_id}/events")).json()["data"]
    return [e for e in listed if e["type"] == type]


async def seats(client: httpx.AsyncClient, account_id: str) -> dict[str, tuple[int, int]]:
    lines = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["lines"]
    return {ln["product"]: (ln["seats"], ln["temporary_seats"]) for ln in lines}


async def test_the_rep_is_told_of_a_request_and_sees_only_their_own_notifications(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    ritas, rita_owner = await account_with_owner(
        client, name="Acme", billing_mode="sales_assisted", sales_rep=RITA
    )
    sams, sam_owner = await account_with_owner(
        client, name="Globex", billing_mode="sales_assisted", sales_rep=SAM
    )
    rita, _ = await rep_key(client, "RITA.rep@sales.EXAMPLE.com")
    sam, _ = await rep_key(client, SAM["email"])

    filed = await file(
        client, ritas, rita_owner, kind="add_seats", suite="support_suite", seats=2, message="Hires"
    )
    other = await file(client, sams, sam_owner, kind="add_seats", suite="support_suite", seats=1)
    assert filed.status_code == other.status_code == 201, filed.text
    assert filed.json()["assigned_to"] == "sales_rep"

    ritas_notes = await client.get("/v1/notifications", headers=rita)
    assert ritas_notes.status_code == 200, ritas_notes.text
    [told] = ritas_notes.json()["data"]
    assert told["type"] == "sales_request_submitted"
    assert told["account_id"] == ritas
    assert told["data"]["sales_request_id"] == filed.json()["id"]
    assert told["read_at"] is None
    assert told["body"] == "Acme asks to add 2 support_suite seat(s). Their message: Hires"
    [sams_note] = (await client.get("/v1/notifications", headers=sam)).json()["data"]
    assert sams_note["data"]["sales_request_id"] == other.json()["id"]

    # The rep's notice is not the account's, and other keys have no rep inbox.
    account_notes = (
        await client.get(f"/v1/accounts/{ritas}/notifications", headers=rita_owner)
    ).json()["data"]
    assert [n["type"] for n in account_notes] == ["sales_request_updated"]
    assert "sent to Rita Rep" in account_notes[0]["body"]
    for key in (rita_owner, {}):  # an owner, and the platform admin
        refused = await client.get("/v1/notifications", headers=key)
        assert (refused.status_code, refused.json()["code"]) == (403, "insufficient_role")

    stored = await rows(
        engine,
        select(NotificationRow.recipient_email, NotificationRow.account_id).where(
            NotificationRow.type == "sales_request_submitted"
        ),
    )
    assert sorted(stored) == sorted([(RITA_EMAIL, ritas), (SAM["email"], sams)])

    # Only its rep marks it read.
    stranger = await client.post(f"/v1/notifications/{told['id']}/read", headers=sam)
    assert stranger.status_code == 404
    read = await client.post(f"/v1/notifications/{told['id']}/read", headers=rita)
    assert read.json()["read_at"] is not None
    unread = await client.get("/v1/notifications", params={"unread": "true"}, headers=rita)
    assert unread.json()["data"] == []


async def test_the_created_event_carries_the_reps_email_to_webhooks(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await account_with_owner(
        client, billing_mode="sales_assisted", sales_rep=RITA
    )
    hook = await client.post(
        f"/v1/accounts/{account_id}/webhook-endpoints",
        json={"url": "http://127.0.0.1:9/crm", "event_types": ["sales_request.created"]},
        headers=owner,
    )
    assert hook.status_code == 201, hook.text

    filed = await file(client, account_id, owner, kind="add_seats", suite="support_suite", seats=1)

    [created] = await events(client, account_id, "sales_request.created")
    assert created["data"]["sales_rep"] == {"email": RITA_EMAIL}
    assert created["data"]["assigned_to"] == "sales_rep"
    assert created["data"]["sales_request_id"] == filed.json()["id"]
    [payload] = await rows(engine, select(WebhookDeliveryRow.payload))
    delivered = json.loads(payload[0])
    assert delivered["type"] == "sales_request.created"
    assert delivered["data"]["sales_rep"] == {"email": RITA_EMAIL}


async def test_a_legacy_sell_removal_with_no_rep_goes_to_customer_support(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await account_with_owner(
        client, legacy_sell=True, subscription=[{"suite": "sales_suite", "seats": 3}]
    )
    ritas, rita_owner = await account_with_owner(
        client, billing_mode="sales_assisted", sales_rep=RITA
    )
    rita, _ = await rep_key(client, RITA["email"])

    filed = await file(client, account_id, owner, kind="remove_seats", suite="sales_suite", seats=1)
    for_rita = await file(
        client, ritas, rita_owner, kind="add_seats", suite="support_suite", seats=1
    )

    assert filed.status_code == 201, filed.text
    request = filed.json()
    assert (request["assigned_to"], request["sales_rep"]) == ("customer_support", None)
    [notice] = (await client.get(f"/v1/accounts/{account_id}/notifications", headers=owner)).json()[
        "data"
    ]
    assert notice["body"] == (
        "Your request to remove 1 sales_suite seat(s) was sent to customer support, "
        "who will handle it."
    )
    assert "rep" not in notice["body"]
    [created] = await events(client, account_id, "sales_request.created")
    assert (created["data"]["sales_rep"], created["data"]["assigned_to"]) == (
        None,
        "customer_support",
    )
    told = await rows(
        engine,
        select(NotificationRow.recipient_email).where(NotificationRow.account_id == account_id),
    )
    assert told == [(None,)]  # nobody's inbox but the account's
    stored = await rows(engine, select(SalesRequestRow.id, SalesRequestRow.assigned_to))
    assert sorted(stored) == sorted(
        [(request["id"], "customer_support"), (for_rita.json()["id"], "sales_rep")]
    )

    support = await client.get("/v1/sales-requests", params={"assigned_to": "customer_support"})
    assert [r["id"] for r in support.json()["data"]] == [request["id"]]
    reps = await client.get("/v1/sales-requests", params={"assigned_to": "sales_rep"})
    assert [r["id"] for r in reps.json()["data"]] == [for_rita.json()["id"]]
    refused = await client.get(
        "/v1/sales-requests", params={"assigned_to": "customer_support"}, headers=rita
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "insufficient_role")
    assert (await client.get("/v1/notifications", headers=rita)).json()["data"][0]["data"][
        "sales_request_id"
    ] == for_rita.json()["id"]

    # Customer support (a platform admin) works it, and says so.
    done = await client.post(f"/v1/sales-requests/{request['id']}/fulfill")
    assert done.status_code == 200, done.text
    assert await seats(client, account_id) == {"sell": (2, 0), "sell_prospecting": (2, 0)}
    notices = (await client.get(f"/v1/accounts/{account_id}/notifications", headers=owner)).json()[
        "data"
    ]
    latest = next(n for n in notices if n["type"] == "sales_request_updated")
    assert latest["body"] == (
        "Customer support fulfilled your request to remove 1 sales_suite seat(s); "
        "the seats have changed."
    )


async def test_the_rep_adjusts_seats_date_and_note_before_fulfilling(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await account_with_owner(
        client,
        billing_mode="sales_assisted",
        sales_rep=RITA,
        subscription=[{"suite": "support_suite", "seats": 2}],
    )
    rita, rita_id = await rep_key(client, RITA["email"])
    now = (
        await file(client, account_id, owner, kind="add_seats", suite="support_suite", seats=4)
    ).json()
    later = (
        await file(client, account_id, owner, kind="add_seats", suite="support_suite", seats=5)
    ).json()

    # Fewer seats, at once: the same seat-change path, charged as it applies.
    at_once = await client.post(
        f"/v1/sales-requests/{now['id']}/fulfill", json={"seats": 1}, headers=rita
    )
    assert at_once.json()["fulfilment"] == {"seats": 1, "effective": "immediately", "note": None}
    applied = (
        await client.get(
            f"/v1/accounts/{account_id}/seat-changes/{at_once.json()['seat_change_id']}"
        )
    ).json()
    assert (applied["status"], applied["amount_due"] > 0) == ("applied", True)
    assert {s for s, _ in (await seats(client, account_id)).values()} == {3}

    adjusted = await client.post(
        f"/v1/sales-requests/{later['id']}/fulfill",
        json={"seats": 3, "effective": "at_renewal", "note": "Three from the renewal"},
        headers=rita,
    )

    assert adjusted.status_code == 200, adjusted.text
    answer = adjusted.json()
    assert (answer["status"], answer["seats"]) == ("fulfilled", 5)
    assert answer["fulfilment"] == {
        "seats": 3,
        "effective": "at_renewal",
        "note": "Three from the renewal",
    }
    change = (
        await client.get(f"/v1/accounts/{account_id}/seat-changes/{answer['seat_change_id']}")
    ).json()
    subscription = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()
    assert (change["status"], change["channel"]) == ("scheduled", "sales_request")
    assert change["effective_at"] == subscription["term_end"]
    assert {(ln["from"], ln["to"]) for ln in change["lines"]} == {(3, 6)}
    assert {s for s, _ in (await seats(client, account_id)).values()} == {3}  # not yet
    [stored] = await rows(
        engine,
        select(
            SalesRequestRow.seats,
            SalesRequestRow.fulfilled_seats,
            SalesRequestRow.effective,
            SalesRequestRow.note,
        ).where(SalesRequestRow.id == later["id"]),
    )
    assert tuple(stored) == (5, 3, "at_renewal", "Three from the renewal")
    updated = await events(client, account_id, "sales_request.updated")
    assert [e["data"]["sales_request_id"] for e in updated] == [later["id"], now["id"]]
    assert updated[0]["actor"] == rita_id
    assert updated[0]["data"]["seats"] == 5
    assert updated[0]["data"]["fulfilment"] == answer["fulfilment"]
    told = (await client.get(f"/v1/accounts/{account_id}/notifications", headers=owner)).json()
    bodies = [n["body"] for n in told["data"] if n["type"] == "sales_request_updated"]
    assert bodies[0] == (
        "Rita Rep fulfilled your request to add 5 support_suite seat(s), as 3 seat(s); "
        "the seats change at the renewal. Note: Three from the renewal"
    )

    clock.set_iso(subscription["term_end"])
    clock.advance_seconds(1)
    assert (await client.post("/v1/admin/jobs/run")).status_code == 200
    assert {s for s, _ in (await seats(client, account_id)).values()} == {6}


async def test_bad_fulfil_bodies_are_refused_and_change_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await account_with_owner(
        client,
        billing_mode="sales_assisted",
        sales_rep=RITA,
        subscription=[{"product": "sell", "seats": 3}],
    )
    rita, _ = await rep_key(client, RITA["email"])
    removal = (
        await file(client, account_id, owner, kind="remove_seats", product="sell", seats=1)
    ).json()
    start = clock.now() + timedelta(days=1)
    temporary = (
        await file(
            client,
            account_id,
            owner,
            kind="temporary_seats",
            product="sell",
            seats=2,
            starts_at=iso(start),
            ends_at=iso(start + timedelta(days=10)),
        )
    ).json()
    cases: list[tuple[dict[str, Any], dict[str, Any], str]] = [
        (removal, {"seats": 0}, "validation_error"),
        (removal, {"seats": "2"}, "validation_error"),
        (removal, {"effective": "tomorrow"}, "validation_error"),
        (removal, {"note": ""}, "validation_error"),
        (removal, {"note": "n" * 2001}, "validation_error"),
        (removal, {"seats": 1, "discount": 10}, "unknown_field"),
        (removal, {"seats": 3}, "seats_out_of_range"),  # the owner keeps a seat
        (temporary, {"effective": "immediately"}, "effective_not_applicable"),
        (temporary, {"seats": 100_001}, "limit_exceeded"),
    ]
    for request, body, code in cases:
        response = await client.post(
            f"/v1/sales-requests/{request['id']}/fulfill", json=body, headers=rita
        )
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"] == code, (body, response.json())
    over = await client.post(
        f"/v1/sales-requests/{removal['id']}/fulfill",
        content=b'{"seats": 1,',
        headers={**rita, "Content-Type": "application/json"},
    )
    assert (over.status_code, over.json()["code"]) == (422, "invalid_json")

    for request in (removal, temporary):
        got = (await client.get(f"/v1/sales-requests/{request['id']}", headers=rita)).json()
        assert (got["status"], got["fulfilment"], got["acted_at"]) == ("submitted", None, None)
    assert await seats(client, account_id) == {"sell": (3, 0)}
    assert await rows(engine, select(func.count()).select_from(SeatChangeRow)) == [(0,)]
    assert await rows(engine, select(func.count()).select_from(TemporarySeatsRow)) == [(0,)]
    assert await events(client, account_id, "sales_request.updated") == []


async def test_a_temporary_seats_request_is_granted_with_its_dates_when_fulfilled(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await account_with_owner(
        client,
        billing_mode="sales_assisted",
        sales_rep=RITA,
        subscription=[{"suite": "support_suite", "seats": 2}],
    )
    rita, rita_id = await rep_key(client, RITA["email"])
    start = clock.now() + timedelta(days=1)
    window = {"starts_at": iso(start), "ends_at": iso(start + timedelta(days=30))}
    # The temporary-seats page is closed to this account; the request is its way.
    page = await client.post(
        f"/v1/accounts/{account_id}/temporary-seats",
        json={"suite": "support_suite", "seats": 4, **window},
        headers=owner,
    )
    assert page.json()["code"] == "subscription_managed_by_sales"

    filed = await file(
        client, account_id, owner, kind="temporary_seats", suite="support_suite", seats=4, **window
    )
    assert filed.status_code == 201, filed.text
    assert (filed.json()["starts_at"], filed.json()["ends_at"]) == (
        window["starts_at"],
        window["ends_at"],
    )
    [told] = (await client.get("/v1/notifications", headers=rita)).json()["data"]
    assert "get 4 temporary support_suite seat(s) from" in told["body"]

    done = await client.post(
        f"/v1/sales-requests/{filed.json()['id']}/fulfill", json={"seats": 3}, headers=rita
    )

    assert done.status_code == 200, done.text
    assert done.json()["fulfilment"] == {"seats": 3, "effective": None, "note": None}
    assert done.json()["seat_change_id"] is None
    [grant] = (await client.get(f"/v1/accounts/{account_id}/temporary-seats")).json()["data"]
    assert grant["id"] == done.json()["temporary_seats_id"]
    assert (grant["seats"], grant["status"], grant["suite"]) == (3, "scheduled", "support_suite")
    assert (grant["starts_at"], grant["ends_at"]) == (window["starts_at"], window["ends_at"])
    [added] = await events(client, account_id, "temporary_seats.added")
    assert added["actor"] == rita_id
    assert added["data"]["sales_request_id"] == filed.json()["id"]
    [stored] = await rows(engine, select(TemporarySeatsRow.seats, TemporarySeatsRow.actor))
    assert tuple(stored) == (3, rita_id)

    clock.set(start)
    started = (await client.post("/v1/admin/jobs/run")).json()["temporary_seats"]
    assert started["started"] == [grant["id"]]
    assert set((await seats(client, account_id)).values()) == {(2, 3)}


async def test_a_temporary_seats_request_is_checked_like_the_temporary_seats_page(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    account_id, owner = await account_with_owner(
        client, billing_mode="sales_assisted", sales_rep=RITA
    )
    self_service, ss_owner = await account_with_owner(client)
    start = clock.now() + timedelta(days=1)

    def asked(**body: Any) -> dict[str, Any]:
        return {
            "kind": "temporary_seats",
            "suite": "support_suite",
            "seats": 2,
            "starts_at": iso(start),
            "ends_at": iso(start + timedelta(days=10)),
            **body,
        }

    cases = [
        (asked(ends_at=iso(start + timedelta(days=367))), 422, "limit_exceeded"),
        (asked(ends_at=iso(start - timedelta(days=1))), 422, "invalid_window"),
        (asked(seats=100_001), 422, "limit_exceeded"),
        (asked(product="sell", suite=None), 422, "product_not_subscribed"),
        ({k: v for k, v in asked().items() if k != "ends_at"}, 422, "validation_error"),
        (
            {"kind": "add_seats", "suite": "support_suite", "seats": 1, "starts_at": iso(start)},
            422,
            "validation_error",
        ),
    ]
    for body, status, code in cases:
        response = await client.post(
            f"/v1/accounts/{account_id}/sales-requests", json=body, headers=owner
        )
        assert (response.status_code, response.json()["code"]) == (status, code), body
    at_limit = asked(ends_at=iso(start + timedelta(days=366)))
    assert (await file(client, account_id, owner, **at_limit)).status_code == 201
    refused = await file(client, self_service, ss_owner, **asked())
    assert (refused.status_code, refused.json()["code"]) == (409, "sales_request_not_available")
    listed = (await client.get(f"/v1/accounts/{account_id}/sales-requests")).json()["data"]
    assert len(listed) == 1


async def test_a_viewer_files_nothing_and_the_rep_hears_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, _ = await account_with_owner(client, billing_mode="sales_assisted", sales_rep=RITA)
    viewer = bearer(await mint_key(client, account_id, "viewer"))
    rita, _ = await rep_key(client, RITA["email"])
    start = clock.now() + timedelta(days=1)

    response = await file(
        client,
        account_id,
        viewer,
        kind="temporary_seats",
        suite="support_suite",
        seats=2,
        starts_at=iso(start),
        ends_at=iso(start + timedelta(days=5)),
    )

    assert (response.status_code, response.json()["code"]) == (403, "insufficient_role")
    assert await rows(engine, select(func.count()).select_from(SalesRequestRow)) == [(0,)]
    notes = await client.get("/v1/notifications", headers=rita)
    assert (notes.status_code, notes.json()["data"]) == (200, [])


async def test_fulfilling_twice_at_once_applies_once(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await account_with_owner(
        client,
        billing_mode="sales_assisted",
        sales_rep=RITA,
        subscription=[{"product": "sell", "seats": 2}],
    )
    rita, _ = await rep_key(client, RITA["email"])
    expected = 2
    for _ in range(3):
        filed = (
            await file(client, account_id, owner, kind="add_seats", product="sell", seats=1)
        ).json()
        url = f"/v1/sales-requests/{filed['id']}/fulfill"
        first, second = await asyncio.gather(
            client.post(url, json={"seats": 2}, headers=rita),
            client.post(url, json={"seats": 3, "note": "more"}, headers=rita),
        )
        assert sorted([first.status_code, second.status_code]) == [200, 409]
        loser = first if first.status_code == 409 else second
        winner = second if loser is first else first
        assert loser.json()["code"] == "invalid_transition"
        expected += winner.json()["fulfilment"]["seats"]
        assert await seats(client, account_id) == {"sell": (expected, 0)}
    assert await rows(engine, select(func.count()).select_from(SeatChangeRow)) == [(3,)]

    start = clock.now() + timedelta(days=1)
    asked = (
        await file(
            client,
            account_id,
            owner,
            kind="temporary_seats",
            product="sell",
            seats=2,
            starts_at=iso(start),
            ends_at=iso(start + timedelta(days=3)),
        )
    ).json()
    url = f"/v1/sales-requests/{asked['id']}/fulfill"
    answers = await asyncio.gather(
        client.post(url, headers=rita), client.post(url, json={"seats": 1}, headers=rita)
    )
    assert sorted(a.status_code for a in answers) == [200, 409]
    assert await rows(engine, select(func.count()).select_from(TemporarySeatsRow)) == [(1,)]
    updated = await events(client, account_id, "sales_request.updated")
    assert len(updated) == 4
