"""Webhooks go only to globally routable addresses, checked when an endpoint is
registered and again at every delivery, on the address actually connected to."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime
from app.services.dispatcher import Dispatcher
from tests.builders import open_account
from tests.conftest import ADMIN_KEY, TickingClock
from tests.receiver import Receiver, running_receiver

PUBLIC = "93.184.216.34"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as r:
        yield r


@pytest.fixture
def strict_app(settings: Settings, clock: TickingClock) -> FastAPI:
    """An app that refuses private targets (the test settings allow them)."""
    clock.set(datetime.now(UTC))
    return create_app(settings.model_copy(update={"webhook_allow_private": False}), clock=clock)


@pytest.fixture
async def strict(strict_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        strict_app.router.lifespan_context(strict_app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=strict_app),
            base_url="http://t",
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
        ) as http,
    ):
        yield http


def resolving_to(*addresses: str) -> Any:
    names: list[str] = []

    async def resolve(host: str) -> list[str]:
        names.append(host)
        return list(addresses)

    resolve.names = names  # type: ignore[attr-defined]
    return resolve


async def endpoint_with_an_event(
    strict: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, url: str
) -> tuple[str, str]:
    """An endpoint registered while its name resolved to a public address, and
    one event for it (an agent added)."""
    monkeypatch.setattr("app.services.webhooks.resolve", resolving_to(PUBLIC))
    account = await open_account(strict, subscription=[{"product": "sell", "seats": 3}])
    created = await strict.post(
        f"/v1/accounts/{account['id']}/webhook-endpoints",
        json={"url": url, "event_types": ["agent.added"]},
    )
    assert created.status_code == 201, created.text
    added = await strict.post(
        f"/v1/accounts/{account['id']}/agents",
        json={"user_id": "u1", "email": "u1@x.example", "name": "U"},
    )
    assert added.status_code == 201, added.text
    return account["id"], created.json()["id"]


async def deliveries(strict: httpx.AsyncClient, account_id: str, endpoint_id: str) -> Any:
    url = f"/v1/accounts/{account_id}/webhook-endpoints/{endpoint_id}/deliveries"
    return (await strict.get(url)).json()["data"]


async def test_addresses_that_are_not_globally_routable_are_refused_at_registration(
    strict: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = await open_account(strict)
    url = f"/v1/accounts/{account['id']}/webhook-endpoints"
    cases = {
        "http://100.64.0.1/x": "private",  # shared address space: is_private misses it
        "http://192.0.0.8/x": "private",
        "http://0.0.0.0/x": "private",
        "http://224.0.0.1/x": "private",
        "http://[::ffff:10.0.0.1]/x": "private",
        "http://[fd00:ec2::254]/x": "private",  # a cloud metadata service over IPv6
        "http://[64:ff9b::a9fe:a9fe]/x": "link-local",  # NAT64 to 169.254.169.254
    }

    async def refusal(target: str) -> tuple[int, str, str]:
        response = await strict.post(url, json={"url": target, "event_types": ["*"]})
        problem = response.json()
        return response.status_code, problem["code"], problem["reason"]

    for target, reason in cases.items():
        assert await refusal(target) == (422, "private_url", reason), target
    # A name is judged by what it resolves to (here a cloud metadata address).
    monkeypatch.setattr("app.services.webhooks.resolve", resolving_to("100.100.100.200"))
    assert await refusal("http://metadata.example/x") == (422, "private_url", "private")
    assert (await strict.get(url)).json()["data"] == []


async def test_a_name_rebound_to_a_private_address_gets_nothing_and_fails_with_our_reason(
    strict: httpx.AsyncClient,
    strict_app: FastAPI,
    clock: TickingClock,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = receiver.url.rsplit(":", 1)[1].split("/", 1)[0]
    account_id, endpoint_id = await endpoint_with_an_event(
        strict, monkeypatch, f"http://rebind.example:{port}/hook"
    )
    runtime: Runtime = strict_app.state.runtime
    rebound = resolving_to("127.0.0.1")  # where the receiver listens
    async with httpx.AsyncClient() as http:
        dispatcher = Dispatcher(runtime.unit_of_work, clock, http, resolver=rebound)
        assert await dispatcher.drain() == 1

    assert rebound.names == ["rebind.example"]
    assert receiver.received == [] and receiver.refused == 0
    [delivery] = await deliveries(strict, account_id, endpoint_id)
    assert delivery["status"] == "failed"
    assert delivery["last_status_code"] is None
    assert delivery["last_error"] == (
        "refused: 'rebind.example' resolves to a loopback address (127.0.0.1); "
        "webhooks go to public hosts."
    )


async def test_a_delivery_connects_to_the_address_it_checked_and_names_the_host_for_tls(
    strict: httpx.AsyncClient,
    strict_app: FastAPI,
    clock: TickingClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    account_id, endpoint_id = await endpoint_with_an_event(
        strict, monkeypatch, "https://hooks.example.com:8443/in"
    )
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    runtime: Runtime = strict_app.state.runtime
    checked = resolving_to(PUBLIC)
    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        dispatcher = Dispatcher(runtime.unit_of_work, clock, http, resolver=checked)
        assert await dispatcher.drain() == 1

    [request] = sent
    assert (request.url.scheme, request.url.host, request.url.port) == ("https", PUBLIC, 8443)
    assert request.url.path == "/in"
    assert request.headers["host"] == "hooks.example.com:8443"
    assert request.extensions["sni_hostname"] == "hooks.example.com"
    assert checked.names == ["hooks.example.com"]
    [delivery] = await deliveries(strict, account_id, endpoint_id)
    assert (delivery["status"], delivery["last_status_code"]) == ("delivered", 204)
