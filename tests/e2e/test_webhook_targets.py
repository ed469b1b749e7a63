"""Webhooks go only to globally routable addresses, checked when an endpoint is
registered and again at every delivery, on the address actually connected to."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import httpcore
import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime
from app.services.dispatcher import Dispatcher
from app.services.pinned import PinnedTransport, connecting_to
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
) -> tuple[str, str, str]:
    """An endpoint registered while its name resolved to a public address, and
    one event for it (an agent added): the account, the endpoint, its secret."""
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
    return account["id"], created.json()["id"], created.json()["secret"]


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
    account_id, endpoint_id, secret = await endpoint_with_an_event(
        strict, monkeypatch, f"http://rebind.example:{port}/hook"
    )
    receiver.secrets.append(secret)
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


class Redirecting(httpcore.AsyncNetworkBackend):
    """Records where each connection was asked to go, and goes to the local
    receiver instead (no test reaches a public address)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.asked: list[tuple[str, int]] = []
        self.real = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, *args: Any) -> httpcore.AsyncNetworkStream:
        self.asked.append((host, port))
        return await self.real.connect_tcp("127.0.0.1", self.port, *args)

    async def sleep(self, seconds: float) -> None:
        await self.real.sleep(seconds)


async def test_a_delivery_connects_to_the_address_it_checked_under_the_hosts_name(
    strict: httpx.AsyncClient,
    strict_app: FastAPI,
    clock: TickingClock,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = int(receiver.url.rsplit(":", 1)[1].split("/", 1)[0])
    account_id, endpoint_id, secret = await endpoint_with_an_event(
        strict, monkeypatch, f"http://hooks.example.com:{port}/in"
    )
    receiver.secrets.append(secret)
    network = Redirecting(port)
    checked = resolving_to(PUBLIC)
    runtime: Runtime = strict_app.state.runtime
    async with httpx.AsyncClient(transport=PinnedTransport(network)) as http:
        dispatcher = Dispatcher(runtime.unit_of_work, clock, http, resolver=checked)
        assert await dispatcher.drain() == 1

    assert checked.names == ["hooks.example.com"]  # resolved once, by the dispatcher
    assert network.asked == [(PUBLIC, port)]  # and connected to what it checked
    [request] = receiver.received
    assert request["headers"]["host"] == f"hooks.example.com:{port}"
    [delivery] = await deliveries(strict, account_id, endpoint_id)
    assert delivery["status"] == "delivered"


async def test_the_pinned_transport_connects_to_no_host_the_dispatcher_did_not_check() -> None:
    async with httpx.AsyncClient(transport=PinnedTransport()) as http:
        with pytest.raises(httpx.ConnectError, match="was not checked"):
            await http.post("http://127.0.0.1:9/x")
        with connecting_to("other.example", PUBLIC), pytest.raises(httpx.ConnectError):
            await http.post("http://127.0.0.1:9/x")
