"""Webhook connections that go only to the address the dispatcher checked.

The dispatcher resolves a target's name, checks the addresses, and sends the
request inside `connecting_to(host, address)`. The transport's network
backend then opens a new connection to that address, never to a second
lookup of the name (DNS rebinding), and refuses to connect to a host nobody
checked. URLs keep their names, so the Host header, TLS server name and
certificate check, and the pooling of connections are those of the name.
A pooled connection is reused for its name: it goes to an address that was
checked when it was opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpcore
import httpx

_checked: ContextVar[tuple[str, str] | None] = ContextVar("checked_address", default=None)


@contextmanager
def connecting_to(host: str, address: str) -> Iterator[None]:
    """New connections to `host` made inside go to `address`."""
    token = _checked.set((host, address))
    try:
        yield
    finally:
        _checked.reset(token)


class PinnedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        checked = _checked.get()
        if checked is None or checked[0] != host:
            raise httpcore.ConnectError(f"{host!r} was not checked for this request")
        return await self.inner.connect_tcp(
            checked[1], port, timeout, local_address, socket_options
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("webhooks go over TCP only")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport, its connection pool given the pinned backend. No
    proxy from the environment: a proxy would connect to the name itself."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend | None = None) -> None:
        tls = httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=tls, trust_env=False)
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)  # httpx's own
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=tls,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=5.0,
            network_backend=PinnedBackend(backend),
        )
