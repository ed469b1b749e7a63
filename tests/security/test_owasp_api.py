"""The OWASP API Security Top 10, as tests: object- and function-level
authorization, mass assignment, resource limits, and secrets that never leak.

The operations come from the app's own OpenAPI document, so a route added
later without a row in these tables fails here first.
"""

from __future__ import annotations

import io
import json
import logging
import re
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.logs import JsonFormatter
from tests.builders import account_body, bearer, open_account
from tests.conftest import ADMIN_KEY, TickingClock
from tests.proofs import proof

ROLES = ("platform_admin", "sales_rep", "owner", "admin", "viewer")
EVERYONE: frozenset[str] = frozenset()
PUBLIC = {"healthz", "readyz", "metrics"}

# Roles answered 403 whatever else is true (function-level authorization, API4/5).
REFUSED: dict[str, frozenset[str]] = {
    "listAccounts": frozenset({"owner", "admin", "viewer"}),
    "createAccount": frozenset({"sales_rep", "owner", "admin", "viewer"}),
    "getAccount": EVERYONE,
    "updateAccount": frozenset({"sales_rep", "owner", "admin", "viewer"}),
    # Closing cancels the world's account; every later refusal is still a 403
    # (roles are checked before the status).
    "closeAccount": frozenset({"sales_rep", "owner", "admin", "viewer"}),
    # Sent without a body (422), so the owner key the later rows use stays the owner's.
    "handOverAccount": frozenset({"sales_rep", "admin", "viewer"}),
    "listAgents": EVERYONE,
    "getAgent": EVERYONE,
    "explainAgentSeats": EVERYONE,
    "addAgent": frozenset({"sales_rep", "viewer"}),
    "updateAgent": frozenset({"sales_rep", "viewer"}),
    "removeAgent": frozenset({"sales_rep", "viewer"}),
    "listWaitingAgents": EVERYONE,
    "withdrawWaitingAgent": frozenset({"sales_rep", "viewer"}),
    "recordAgentActivity": frozenset({"sales_rep", "viewer"}),
    "reclaimSeats": frozenset({"sales_rep", "viewer"}),
    "syncAgents": frozenset({"sales_rep", "viewer"}),
    "listAccountKeys": frozenset({"sales_rep", "viewer"}),
    "createAccountKey": frozenset({"sales_rep", "admin", "viewer"}),
    "revokeAccountKey": frozenset({"sales_rep", "admin", "viewer"}),
    "listEvents": EVERYONE,
    "listNotifications": EVERYONE,
    "markNotificationRead": EVERYONE,
    # A rep's own inbox: no other role has one.
    "listRepNotifications": frozenset({"platform_admin", "owner", "admin", "viewer"}),
    "markRepNotificationRead": frozenset({"platform_admin", "owner", "admin", "viewer"}),
    "getPurchaseOptions": EVERYONE,
    "listAccountSalesRequests": EVERYONE,
    # A viewer is read-only; for the others a closed channel is 409 with the open options.
    "createSalesRequest": frozenset({"viewer"}),
    "listSeatChanges": EVERYONE,
    "getSeatChange": EVERYONE,
    "createSeatChange": frozenset({"platform_admin", "sales_rep", "admin", "viewer"}),
    # Those who may act on the seats may look first; the answer says `can_apply`.
    "previewSeatChange": frozenset({"sales_rep", "viewer"}),
    "cancelSeatChange": frozenset({"sales_rep", "admin", "viewer"}),
    "getSubscription": EVERYONE,
    "listTemporarySeats": EVERYONE,
    "addTemporarySeats": frozenset({"platform_admin", "sales_rep", "admin", "viewer"}),
    "deleteTemporarySeats": frozenset({"platform_admin", "sales_rep", "admin", "viewer"}),
    "listWebhookEndpoints": frozenset({"sales_rep", "viewer"}),
    "createWebhookEndpoint": frozenset({"sales_rep", "viewer"}),
    "deleteWebhookEndpoint": frozenset({"sales_rep", "viewer"}),
    "listWebhookDeliveries": frozenset({"sales_rep", "viewer"}),
    "getWebhookEndpoint": frozenset({"sales_rep", "viewer"}),
    "updateWebhookEndpoint": frozenset({"sales_rep", "viewer"}),
    "rotateWebhookEndpointSecret": frozenset({"sales_rep", "viewer"}),
    "testWebhookEndpoint": frozenset({"sales_rep", "viewer"}),
    "retryWebhookDelivery": frozenset({"sales_rep", "viewer"}),
    "listEventTypes": EVERYONE,
    # Platform endpoints hear every account: the platform admin's alone.
    **{
        operation: frozenset({"sales_rep", "owner", "admin", "viewer"})
        for operation in (
            "createPlatformWebhookEndpoint",
            "listPlatformWebhookEndpoints",
            "getPlatformWebhookEndpoint",
            "updatePlatformWebhookEndpoint",
            "rotatePlatformWebhookEndpointSecret",
            "testPlatformWebhookEndpoint",
            "deletePlatformWebhookEndpoint",
            "listPlatformWebhookDeliveries",
            "retryPlatformWebhookDelivery",
        )
    },
    "runJobs": frozenset({"sales_rep", "owner", "admin", "viewer"}),
    "listPlatformKeys": frozenset({"sales_rep", "owner", "admin", "viewer"}),
    "createPlatformKey": frozenset({"sales_rep", "owner", "admin", "viewer"}),
    "revokePlatformKey": frozenset({"sales_rep", "owner", "admin", "viewer"}),
    "getCatalog": EVERYONE,
    "listSalesRequestQueue": frozenset({"owner", "admin", "viewer"}),
    "getSalesRequest": EVERYONE,
    "cancelSalesRequest": frozenset({"sales_rep", "viewer"}),
    "declineSalesRequest": frozenset({"owner", "admin", "viewer"}),
    "fulfillSalesRequest": frozenset({"owner", "admin", "viewer"}),
}


def operations(app: FastAPI) -> list[tuple[str, str, str]]:
    return [
        (method.upper(), path, operation["operationId"])
        for path, methods in app.openapi()["paths"].items()
        for method, operation in methods.items()
    ]


def test_every_operation_has_a_row_in_the_role_table(app: FastAPI) -> None:
    named = {op for _, _, op in operations(app)} - PUBLIC
    assert named == set(REFUSED), "give each new operation its refused roles"


class World:
    """One sales-assisted account (Manage on, so its owner may buy) with a key
    per role and one of everything the routes act on."""

    def __init__(self, client: httpx.AsyncClient, clock: TickingClock) -> None:
        self.client = client
        self.clock = clock
        self.keys: dict[str, dict[str, str]] = {"platform_admin": bearer(ADMIN_KEY)}
        self.ids: dict[str, str] = {}
        self.serial = 0

    async def build(self) -> None:
        c = self.client
        rep = await c.post(
            "/v1/api-keys",
            json={"name": "r", "role": "sales_rep", "email": "rita@sales.example.com"},
        )
        self.keys["sales_rep"] = bearer(rep.json()["key"])
        account = await open_account(c, billing_mode="sales_assisted", self_manageable=True)
        self.ids["account_id"] = account["id"]
        base = f"/v1/accounts/{account['id']}"
        for role in ("owner", "admin", "viewer"):
            minted = await c.post(f"{base}/api-keys", json={"name": role, "role": role})
            self.keys[role] = bearer(minted.json()["key"])
        owner = self.keys["owner"]
        await c.post(f"{base}/agents", json={"user_id": "u1", "email": "u1@x.example", "name": "U"})
        change = await c.post(
            f"{base}/seat-changes",
            json={"changes": [{"suite": "support_suite", "seats": 9}], "effective": "at_renewal"},
            headers=owner,
        )
        self.ids["change_id"] = change.json()["id"]
        now = self.clock.now()
        grant = await c.post(
            f"{base}/temporary-seats",
            json={
                "suite": "support_suite",
                "seats": 1,
                "starts_at": _iso(now + timedelta(days=1)),
                "ends_at": _iso(now + timedelta(days=2)),
            },
            headers=owner,
        )
        self.ids["grant_id"] = grant.json()["id"]
        hook = await c.post(
            f"{base}/webhook-endpoints", json={"url": "http://127.0.0.1:9/h", "event_types": ["*"]}
        )
        self.ids["endpoint_id"] = hook.json()["id"]
        request = await c.post(
            f"{base}/sales-requests",
            json={"kind": "add_seats", "suite": "support_suite", "seats": 1},
            headers=owner,
        )
        self.ids["request_id"] = request.json()["id"]

    def path(self, template: str) -> str:
        self.serial += 1
        fills = {
            **self.ids,
            "user_id": "u1",
            "key_id": "key_nobody",
            "notification_id": "ntf_nobody",
            "delivery_id": "dlv_nobody",
        }
        return re.sub(r"\{(\w+)\}", lambda m: fills[m.group(1)], template)

    def body(self, operation: str) -> dict[str, Any] | None:
        now = self.clock.now()
        n = self.serial
        bodies: dict[str, dict[str, Any]] = {
            "createAccount": account_body(),
            "updateAccount": {"self_manageable": True},
            "addAgent": {"user_id": f"x{n}", "email": "x@x.example", "name": "X"},
            "updateAgent": {"products": ["support", "guide", "chat", "talk", "explore"]},
            "syncAgents": {"agents": [{"user_id": "u1", "email": "u1@x.example", "name": "U"}]},
            "createAccountKey": {"name": "x", "role": "viewer"},
            "createSalesRequest": {"kind": "add_seats", "suite": "support_suite", "seats": 1},
            "createSeatChange": {"changes": [{"suite": "support_suite", "seats": 6 + n % 3}]},
            "previewSeatChange": {"changes": [{"suite": "support_suite", "seats": 20}]},
            "addTemporarySeats": {
                "suite": "support_suite",
                "seats": 1,
                "starts_at": _iso(now + timedelta(days=3)),
                "ends_at": _iso(now + timedelta(days=4)),
            },
            "createWebhookEndpoint": {"url": "http://127.0.0.1:9/h", "event_types": ["*"]},
            "createPlatformWebhookEndpoint": {"url": "http://127.0.0.1:9/h", "event_types": ["*"]},
            "updateWebhookEndpoint": {"enabled": True},
            "updatePlatformWebhookEndpoint": {"enabled": True},
            "createPlatformKey": {"name": "x", "role": "platform_admin"},
            "declineSalesRequest": {"reason": "no"},
            "recordAgentActivity": {"activity": [{"user_id": "u1", "at": _iso(now)}]},
            "reclaimSeats": {"inactive_for": "P30D"},
        }
        return bodies.get(operation)


def _iso(moment: Any) -> str:
    return str(moment.isoformat()).replace("+00:00", "Z")


async def test_each_role_is_refused_exactly_the_operations_it_may_not_call(
    app: FastAPI, client: httpx.AsyncClient, clock: TickingClock
) -> None:
    world = World(client, clock)
    await world.build()
    checked = 0
    for method, template, operation in operations(app):
        if operation in PUBLIC:
            continue
        for role in ROLES:
            body = world.body(operation)
            response = await client.request(
                method,
                world.path(template),
                headers=world.keys[role],
                **({"json": body} if body is not None else {}),
            )
            where = f"{operation} as {role}: {response.status_code} {response.text[:200]}"
            if role in REFUSED[operation]:
                assert response.status_code == 403, where
                assert response.headers["content-type"] == "application/problem+json", where
            else:
                assert response.status_code != 403, where
                assert response.status_code < 500, where
            checked += 1
    proof(f"owasp: function-level authorization checked {checked} operation x role pairs")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/accounts", {"id": "acct_mine"}),
        ("POST", "/v1/accounts", {"version": 99}),
        (
            "PATCH",
            "/v1/accounts/{account_id}",
            {"owner": {"user_id": "me", "email": "a@b.co", "name": "Me"}},
        ),
        ("PATCH", "/v1/accounts/{account_id}", {"term_end": "2099-01-01T00:00:00Z"}),
        ("POST", "/v1/accounts/{account_id}/agents", {"role": "owner"}),
        ("POST", "/v1/accounts/{account_id}/agents", {"is_owner": True}),
        ("POST", "/v1/accounts/{account_id}/agents", {"added_at": "2000-01-01T00:00:00Z"}),
        ("PATCH", "/v1/accounts/{account_id}/agents/{user_id}", {"role": "owner"}),
        ("POST", "/v1/accounts/{account_id}/api-keys", {"account_id": "acct_other"}),
        ("POST", "/v1/accounts/{account_id}/seat-changes", {"amount_due": 0}),
        ("POST", "/v1/accounts/{account_id}/seat-changes", {"status": "applied"}),
        ("POST", "/v1/accounts/{account_id}/sales-requests", {"status": "fulfilled"}),
    ],
)
async def test_read_only_and_unknown_fields_are_refused(
    client: httpx.AsyncClient, method: str, path: str, body: dict[str, Any]
) -> None:
    account = await open_account(client)
    url = path.replace("{account_id}", account["id"]).replace(
        "{user_id}", account["owner"]["user_id"]
    )
    valid: dict[str, dict[str, Any]] = {
        "/v1/accounts": account_body(),
        "/v1/accounts/{account_id}": {"legacy_sell": False},
        "/v1/accounts/{account_id}/agents": {"user_id": "m1", "email": "m@x.example", "name": "M"},
        "/v1/accounts/{account_id}/agents/{user_id}": {},
        "/v1/accounts/{account_id}/api-keys": {"name": "k", "role": "viewer"},
        "/v1/accounts/{account_id}/seat-changes": {
            "changes": [{"suite": "support_suite", "seats": 6}]
        },
        "/v1/accounts/{account_id}/sales-requests": {
            "kind": "add_seats",
            "suite": "support_suite",
            "seats": 1,
        },
    }
    before = (await client.get(f"/v1/accounts/{account['id']}/events")).json()["data"]
    response = await client.request(method, url, json={**valid[path], **body})
    assert response.status_code == 422, response.text
    assert response.json()["code"] in ("unknown_field", "validation_error")
    after = (await client.get(f"/v1/accounts/{account['id']}/events")).json()["data"]
    assert after == before  # nothing changed


async def test_every_list_caps_its_page_at_200(app: FastAPI, client: httpx.AsyncClient) -> None:
    account = await open_account(client)
    lists = [
        (path, op)
        for method, path, op in operations(app)
        if method == "GET"
        and any(
            p["name"] == "limit" for p in app.openapi()["paths"][path]["get"].get("parameters", [])
        )
    ]
    assert len(lists) >= 10
    for path, op in lists:
        url = re.sub(r"\{account_id\}", account["id"], path)
        url = re.sub(r"\{\w+\}", "x_1", url)
        too_many = await client.get(url, params={"limit": 201})
        assert too_many.status_code == 422, op
        spec = next(
            p for p in app.openapi()["paths"][path]["get"]["parameters"] if p["name"] == "limit"
        )
        assert spec["schema"]["maximum"] == 200, op


async def test_every_body_over_one_mebibyte_is_refused_with_413(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    account = await open_account(client)
    huge = b'{"name": "' + b"x" * (1024 * 1024 + 1) + b'"}'
    writes = [(m, p, op) for m, p, op in operations(app) if m in ("POST", "PATCH")]
    for method, path, op in writes:
        url = re.sub(r"\{\w+\}", "x_1", path.replace("{account_id}", account["id"]))
        response = await client.request(
            method, url, content=huge, headers={"content-type": "application/json"}
        )
        assert response.status_code == 413, op
        assert response.json()["code"] == "payload_too_large", op


async def test_secrets_never_appear_in_logs_or_later_answers(client: httpx.AsyncClient) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        account = await open_account(client)
        minted = await client.post(
            f"/v1/accounts/{account['id']}/api-keys", json={"name": "k", "role": "owner"}
        )
        secret = minted.json()["key"]
        hook = await client.post(
            f"/v1/accounts/{account['id']}/webhook-endpoints",
            json={"url": "http://127.0.0.1:9/h", "event_types": ["*"]},
        )
        signing = hook.json()["secret"]
        owner = bearer(secret)
        answers = [
            await client.get(f"/v1/accounts/{account['id']}", headers=owner),
            await client.get(f"/v1/accounts/{account['id']}/api-keys"),
            await client.get(f"/v1/accounts/{account['id']}/events", headers=owner),
            await client.get(f"/v1/accounts/{account['id']}/webhook-endpoints"),
            await client.get("/v1/api-keys"),
            await client.post(
                f"/v1/accounts/{account['id']}/agents", json={"user_id": "bad id"}, headers=owner
            ),
            await client.get("/v1/catalog", headers=bearer(secret + "x")),
        ]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    logs = stream.getvalue()
    assert "request" in logs  # the access log did run
    for text in [logs, *(a.text for a in answers)]:
        for leaked in (secret, signing, ADMIN_KEY):
            assert leaked not in text
    assert all(json.loads(line)["level"] for line in logs.splitlines())
