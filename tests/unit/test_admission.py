"""The admission limit: at most `limit` requests that may change something
past the door, the rest let in first come first served as others finish;
reads, probes and scrapes never wait; a request that fails gives its place
back; a body still arriving holds no place."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from app.api.middleware import AdmissionMiddleware
from app.config import Settings
from app.main import create_app


class Held:
    """An ASGI app that records who came in and holds each request until told."""

    def __init__(self) -> None:
        self.entered: list[str] = []
        self.inside = 0
        self.most_inside = 0
        self.release: dict[str, asyncio.Event] = {}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        name = scope["path"]
        self.entered.append(name)
        self.inside += 1
        self.most_inside = max(self.most_inside, self.inside)
        try:
            await self.release.setdefault(name, asyncio.Event()).wait()
            if name.endswith("/fails"):
                raise RuntimeError("the route failed")
        finally:
            self.inside -= 1


def request(path: str, method: str) -> dict[str, Any]:
    return {"type": "http", "path": path, "method": method, "headers": []}


async def whole_body() -> dict[str, Any]:
    return {"type": "http.request", "body": b"{}", "more_body": False}


async def call(app: AdmissionMiddleware, path: str, method: str = "POST") -> None:
    await app(request(path, method), whole_body, None)


async def settle() -> None:
    for _ in range(5):  # a few turns of the loop: whoever can go in has gone in
        await asyncio.sleep(0)


async def test_requests_past_the_limit_wait_and_go_in_in_arrival_order() -> None:
    inner = Held()
    door = AdmissionMiddleware(inner, limit=2)
    tasks = [asyncio.create_task(call(door, f"/v1/r{n}")) for n in range(5)]
    await settle()
    assert inner.entered == ["/v1/r0", "/v1/r1"]

    inner.release.setdefault("/v1/r1", asyncio.Event()).set()
    await settle()
    assert inner.entered == ["/v1/r0", "/v1/r1", "/v1/r2"]

    for n in range(5):
        inner.release.setdefault(f"/v1/r{n}", asyncio.Event()).set()
    await asyncio.gather(*tasks)
    assert inner.entered == [f"/v1/r{n}" for n in range(5)]
    assert inner.most_inside == 2


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/healthz", "GET"),
        ("/metrics", "GET"),
        ("/v1/accounts/a/subscription", "GET"),
        ("/v1/accounts", "HEAD"),
        ("/v1/accounts", "OPTIONS"),
    ],
)
async def test_reads_probes_and_scrapes_go_past_a_full_door(path: str, method: str) -> None:
    inner = Held()
    door = AdmissionMiddleware(inner, limit=1)
    holding = asyncio.create_task(call(door, "/v1/slow"))
    queued = asyncio.create_task(call(door, "/v1/queued", "DELETE"))
    probe = asyncio.create_task(call(door, path, method))
    await settle()
    assert inner.entered == ["/v1/slow", path]

    inner.release.setdefault(path, asyncio.Event()).set()
    await probe
    assert inner.entered == ["/v1/slow", path]  # the queued request still waits
    for name in ("/v1/slow", "/v1/queued"):
        inner.release.setdefault(name, asyncio.Event()).set()
    await asyncio.gather(holding, queued)
    assert inner.entered == ["/v1/slow", path, "/v1/queued"]


async def test_a_failed_request_gives_its_place_to_the_next() -> None:
    inner = Held()
    door = AdmissionMiddleware(inner, limit=1)
    failing = asyncio.create_task(call(door, "/v1/fails"))
    waiting = asyncio.create_task(call(door, "/v1/next"))
    await settle()
    inner.release.setdefault("/v1/fails", asyncio.Event()).set()
    with pytest.raises(RuntimeError):
        await failing
    await settle()
    assert inner.entered == ["/v1/fails", "/v1/next"]
    inner.release.setdefault("/v1/next", asyncio.Event()).set()
    await waiting
    assert inner.inside == 0


async def test_the_app_admits_requests_under_its_limit_and_zero_turns_it_off(
    tmp_path: Any,
) -> None:
    def layers(limit: int) -> list[type]:
        app = create_app(
            Settings(database_url=f"sqlite:///{tmp_path}/x.db", max_writes_in_flight=limit)
        )
        return [m.cls for m in app.user_middleware]  # type: ignore[misc]

    assert AdmissionMiddleware in layers(16)
    assert AdmissionMiddleware not in layers(0)


async def test_a_request_through_the_limited_app_is_answered() -> None:
    inner = Held()
    inner.release["/v1/ok"] = asyncio.Event()
    inner.release["/v1/ok"].set()

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await inner(scope, receive, send)
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    door = AdmissionMiddleware(app, limit=1)
    transport = httpx.ASGITransport(app=door)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        answers = await asyncio.gather(*(client.post("/v1/ok") for _ in range(3)))
    assert [a.status_code for a in answers] == [204, 204, 204]
    assert inner.entered == ["/v1/ok"] * 3 and inner.most_inside == 1


async def test_a_body_still_arriving_holds_no_place_and_reaches_the_route_whole() -> None:
    bodies: dict[str, bytes] = {}

    async def route(scope: dict[str, Any], receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        bodies[scope["path"]] = body

    door = AdmissionMiddleware(route, limit=1)
    rest_sent = asyncio.Event()

    first_part = True

    async def slow() -> dict[str, Any]:
        nonlocal first_part
        if first_part:
            first_part = False
            return {"type": "http.request", "body": b'{"a":', "more_body": True}
        await rest_sent.wait()
        return {"type": "http.request", "body": b" 1}", "more_body": False}

    slow_request = asyncio.create_task(door(request("/v1/slow", "POST"), slow, None))
    await settle()
    # The only place is free: a change whose body has arrived goes straight in.
    await asyncio.wait_for(door(request("/v1/ready", "POST"), whole_body, None), timeout=5)
    assert bodies == {"/v1/ready": b"{}"}

    rest_sent.set()
    await slow_request
    assert bodies["/v1/slow"] == b'{"a": 1}'
