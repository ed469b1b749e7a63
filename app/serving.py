"""Serving HTTP with uvicorn: one process, or several workers on one port.

uvicorn's own workers share one listening socket, and the first worker awake
accepts every connection waiting on it. A client that opens its pool at once
(wrk's 64 connections, another service's pool after a deploy) then lands on
one worker: measured here, all 64 connections on one worker in 2 runs of 5,
and two workers served no more than one. So each worker listens on a socket
of its own, all bound to the port with SO_REUSEPORT, and the kernel spreads
new connections over them by their address hash.
"""

from __future__ import annotations

import logging
import socket
import sys
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.supervisors import Multiprocess

log = logging.getLogger("seatkeeper.serving")

# Request line and headers, in all. A header section past this is refused
# before the app sees the request (API.md, "HTTP hygiene").
MAX_HEADER_BYTES = 16 * 1024
HTTP_PROTOCOL = "app.serving:HeaderCappedHttpTools"


def protocol_options() -> dict[str, Any]:
    """The uvicorn options that cap a request's header section, whichever
    parser runs: h11 refuses a longer one with 400 itself; httptools (what
    uvicorn picks when it is installed) has no cap, so it runs capped here."""
    try:
        import httptools  # noqa: F401
    except ImportError:
        return {"http": "h11", "h11_max_incomplete_event_size": MAX_HEADER_BYTES}
    return {"http": HTTP_PROTOCOL, "h11_max_incomplete_event_size": MAX_HEADER_BYTES}


_TOO_LARGE = (
    b'{"type":"urn:seatkeeper:problem:request_header_fields_too_large",'
    b'"title":"Request header fields too large","status":431,'
    b'"detail":"The request line and headers exceed 16384 bytes.",'
    b'"code":"request_header_fields_too_large"}'
)


class HeaderCappedHttpTools(HttpToolsProtocol):
    """uvicorn's httptools protocol with a cap on the header section.

    httptools gathers a header's value until its end, however long: one
    endless header grows the worker without bound and stalls every other
    request it serves. Bytes are counted as they arrive, from the start of a
    request until its headers are complete; past the cap the connection gets
    431 and is closed. The count restarts when a request's headers are
    complete and when it ends (a pipelined next request may start inside the
    last read of the previous one: it is counted from the next read on)."""

    _header_bytes = 0
    _reading_headers = True

    def data_received(self, data: bytes) -> None:
        if self._reading_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        if self._reading_headers and self._header_bytes > MAX_HEADER_BYTES:
            self._refuse_headers()

    def on_headers_complete(self) -> None:
        self._reading_headers = False
        self._header_bytes = 0
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._reading_headers = True
        super().on_message_complete()

    def _refuse_headers(self) -> None:
        if self.transport.is_closing():
            return
        self.logger.warning("Request header section too large.")
        self.transport.write(
            b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
            b"content-type: application/problem+json\r\n"
            b"content-length: " + str(len(_TOO_LARGE)).encode() + b"\r\n"
            b"connection: close\r\n\r\n" + _TOO_LARGE
        )
        self.transport.close()


def serve(app: str, *, workers: int, **options: Any) -> None:
    """`app` is an import string: each worker imports it for itself."""
    options = {**protocol_options(), **options}
    if workers <= 1:
        uvicorn.run(app, **options)
        return
    config = uvicorn.Config(app, workers=workers, **options)
    log.info("serving on http://%s:%d with %d workers", config.host, config.port, workers)
    SpreadWorkers(config).run()


class SpreadWorkers(Multiprocess):
    """uvicorn's supervisor (restarts, signals, health checks), with a socket
    of its own for every worker it starts, first or replacement.

    The supervisor reads `sockets` each time it starts a worker; the new socket
    goes to the child, and the parent's copy is dropped once the child has
    started (multiprocessing lets go of a started process's arguments). A
    worker that dies takes its socket, and the connections queued on it, out
    of the port; the kernel sends new ones to the others. The same holds for
    a worker retired by a rolling restart (SIGHUP): connections still queued
    on its socket, not yet accepted, are reset (as with any SO_REUSEPORT
    server)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config, sockets=[])

    @property
    def sockets(self) -> list[socket.socket]:
        host, port = self.config.host, self.config.port
        try:
            return [listening_socket(host, port, self.config.backlog)]
        except OSError as exc:  # the port is taken, or the address is not ours
            log.error("cannot listen on %s:%d: %s", host, port, exc.strerror)
            sys.exit(STARTUP_FAILURE)

    @sockets.setter
    def sockets(self, _: list[socket.socket]) -> None:
        """Nothing to keep: the base class sets the shared sockets it was given."""


def listening_socket(host: str, port: int, backlog: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock
