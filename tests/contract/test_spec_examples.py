"""Every request-body example in openapi/openapi.json is accepted by the app.

Examples are what a reader copies first, and what tools such as Swagger UI
send as they are; one the server refuses teaches the wrong thing. Each example
is sent, as the platform admin, to the app (in-process, with the production
default of refusing private webhook targets) on an account laid out the way
the examples assume: owner u_1001 (Ana), agents u_1002 (Ben) and u_1007, a
Support Suite and Sell; a sales-assisted account where the operation is the
rep's. The only stand-in is DNS: there is none here, so example.com resolves
to a public address, as it does on the internet.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.config import Settings

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
EXAMPLE_DOT_COM = "93.184.215.14"  # a globally routable address, as example.com has
RITA = {"name": "Rita Rep", "email": "rita@sales.example"}
# Seats are bought on the subscription page by the owner alone; the rest as the admin.
OWNERS_OWN = ("/seat-changes", "/seat-changes/preview", "/temporary-seats")


def request_examples() -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, body) for every example of every request body."""
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    found: list[tuple[str, str, dict[str, Any]]] = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            media = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if media is None:
                continue
            examples = list(media.get("examples", {}).values())
            examples = [e["value"] for e in examples] + (
                [media["example"]] if "example" in media else []
            )
            ref = media["schema"].get("$ref", "")
            if ref:
                examples += schemas[ref.rsplit("/", 1)[-1]].get("examples", [])
            found.extend((method.upper(), path, example) for example in examples)
    return found


EXAMPLES = request_examples()


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The suite's settings, but with the production default for webhook targets."""
    return settings.model_copy(update={"webhook_allow_private": False})


@pytest.fixture(autouse=True)
def dns(monkeypatch: pytest.MonkeyPatch) -> None:
    async def resolve(host: str) -> list[str]:
        return [EXAMPLE_DOT_COM] if host == "example.com" else []

    monkeypatch.setattr("app.services.webhooks.resolve", resolve)


async def ok(response: Awaitable[httpx.Response]) -> dict[str, Any]:
    answer = await response
    assert answer.status_code < 300, answer.text
    body: dict[str, Any] = answer.json() if answer.content else {}
    return body


async def account(client: httpx.AsyncClient, *, sales_assisted: bool = False) -> str:
    body: dict[str, Any] = {
        "name": "Acme",
        "billing_mode": "sales_assisted" if sales_assisted else "self_service",
        "owner": {"user_id": "u_1001", "email": "ana@acme.example", "name": "Ana"},
        "subscription": [
            {"suite": "support_suite", "seats": 5},
            {"product": "sell", "seats": 3},
        ],
    }
    if sales_assisted:
        body["sales_rep"] = RITA
    created = await ok(client.post("/v1/accounts", json=body))
    account_id: str = created["id"]
    agents = f"/v1/accounts/{account_id}/agents"
    for user_id, name in (("u_1002", "Ben"), ("u_1007", "Gus")):
        person = {"user_id": user_id, "email": f"{name.lower()}@acme.example", "name": name}
        await ok(client.post(agents, json=person))
    return account_id


async def owner_key(client: httpx.AsyncClient, account_id: str) -> dict[str, str]:
    key = {"name": "owner", "role": "owner"}
    minted = await ok(client.post(f"/v1/accounts/{account_id}/api-keys", json=key))
    return {"Authorization": f"Bearer {minted['key']}"}


async def url_for(client: httpx.AsyncClient, method: str, path: str) -> tuple[str, dict[str, str]]:
    """The path with real ids, made for this example alone, and who sends it."""
    if path == "/v1/accounts" or path == "/v1/api-keys" or path == "/v1/webhook-endpoints":
        return path, {}
    if path.startswith("/v1/sales-requests/"):
        account_id = await account(client, sales_assisted=True)
        asked = await ok(
            client.post(
                f"/v1/accounts/{account_id}/sales-requests",
                json={"kind": "add_seats", "suite": "support_suite", "seats": 1},
            )
        )
        return path.replace("{request_id}", asked["id"]), {}
    if path.startswith("/v1/webhook-endpoints/"):
        hook = {"url": "https://example.com/hooks/seatkeeper", "event_types": ["*"]}
        made = await ok(client.post("/v1/webhook-endpoints", json=hook))
        return path.replace("{endpoint_id}", made["id"]), {}
    account_id = await account(client, sales_assisted=path.endswith("/sales-requests"))
    url = path.replace("{account_id}", account_id).replace("{user_id}", "u_1002")
    if method == "POST" and path.endswith("/agents"):
        await ok(client.delete(f"/v1/accounts/{account_id}/agents/u_1002"))
    if "{endpoint_id}" in url:
        hook = {"url": "https://example.com/hooks/seatkeeper", "event_types": ["*"]}
        made = await ok(client.post(f"/v1/accounts/{account_id}/webhook-endpoints", json=hook))
        url = url.replace("{endpoint_id}", made["id"])
    return url, await owner_key(client, account_id) if path.endswith(OWNERS_OWN) else {}


Check = Callable[[dict[str, Any]], bool]


@pytest.mark.parametrize(
    ("method", "path", "example"),
    EXAMPLES,
    ids=[f"{m} {p} {i}" for i, (m, p, _) in enumerate(EXAMPLES)],
)
async def test_the_example_is_accepted(
    client: httpx.AsyncClient, method: str, path: str, example: dict[str, Any]
) -> None:
    url, caller = await url_for(client, method, path)
    answer = await client.request(method, url, json=example, headers=caller)
    assert answer.status_code < 300, f"{method} {url} {json.dumps(example)}\n{answer.text}"
    # Nothing was dropped on the way: each field of the example is echoed where
    # the answer has a field of that name and kind.
    body = answer.json() if answer.content else {}
    if path.endswith("/fulfill"):  # the request keeps what was asked; `fulfilment` what was done
        body = body["fulfilment"]
    for name, value in example.items():
        if isinstance(value, str | bool | int) and name in body:
            assert body[name] == value, (name, body[name], value)


def test_every_core_write_has_an_example() -> None:
    covered = {(method, path) for method, path, _ in EXAMPLES}
    for write in (
        ("POST", "/v1/accounts"),
        ("POST", "/v1/accounts/{account_id}/agents"),
        ("PATCH", "/v1/accounts/{account_id}/agents/{user_id}"),
        ("POST", "/v1/accounts/{account_id}/seat-changes"),
        ("POST", "/v1/accounts/{account_id}/sales-requests"),
        ("POST", "/v1/accounts/{account_id}/temporary-seats"),
        ("POST", "/v1/accounts/{account_id}/webhook-endpoints"),
    ):
        assert write in covered, write
