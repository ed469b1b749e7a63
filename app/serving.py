"""Serving HTTP with uvicorn: one process, or several workers on one port.

uvicorn's own workers share one listening socket, and the first worker awake
accepts every connection waiting on it: a client that opens its pool at once
(a load generator, another service's pool after a deploy) lands on one worker.
So each worker listens on a socket of its own, all bound to the port with
SO_REUSEPORT, and the kernel spreads new connections over them by their
address hash. The supervisor binds each socket (so a taken port stops it at
once) and the worker's server starts listening on it only when the app has
started: no connection waits on a worker that is still starting. Only
uvicorn's public API is used (`Config`, `Server.run` with the sockets to
serve); the supervisor here is small: it starts the workers, replaces one that
dies, replaces each in turn on SIGHUP, and stops them all on SIGTERM or
SIGINT.

A worker that dies takes its socket, and the connections queued on it, out
of the port; the kernel sends new ones to the others. The same holds for a
worker retired on SIGHUP: connections still queued on its socket, not yet
accepted, are reset (as with any SO_REUSEPORT server).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("seatkeeper.serving")

# The exit status of a worker (and of uvicorn) that failed before serving: the
# app, or the address, is broken, and would fail the same way on every restart.
STARTUP_FAILURE = 3
_spawn = multiprocessing.get_context("spawn")  # a worker imports the app for itself

# Request line and headers, in all. A header section past this is refused
# before the app sees the request (docs/api.md, "Limits").
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
    Supervisor(app, workers, options).run()


class Supervisor:
    def __init__(self, app: str, workers: int, options: dict[str, Any]) -> None:
        self.app, self.count, self.options = app, workers, options
        self.config = uvicorn.Config(app, **options)  # for the address, as uvicorn reads it
        self.workers: list[BaseProcess] = []
        self.signals: list[int] = []

    def run(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, lambda sig, _: self.signals.append(sig))
        host, port = self.config.host, self.config.port
        log.info("serving on http://%s:%d with %d workers", host, port, self.count)
        self.workers = [self._start() for _ in range(self.count)]
        try:
            while not self._stopping():
                wait([w.sentinel for w in self.workers], timeout=0.5)
                self._replace_dead()
        finally:
            for worker in self.workers:
                worker.terminate()  # SIGTERM: uvicorn's graceful shutdown
            for worker in self.workers:
                worker.join()

    def _stopping(self) -> bool:
        while self.signals:
            sig = self.signals.pop(0)
            if sig != signal.SIGHUP:
                return True
            self._restart_all()
        return False

    def _replace_dead(self) -> None:
        for i, worker in enumerate(self.workers):
            if worker.is_alive():
                continue
            worker.join()
            if worker.exitcode == STARTUP_FAILURE:
                log.error("worker %s failed to start: stopping", worker.pid)
                sys.exit(STARTUP_FAILURE)
            log.warning("worker %s exited (%s): starting another", worker.pid, worker.exitcode)
            self.workers[i] = self._start()

    def _restart_all(self) -> None:
        """Each worker in turn: the new one listens before the old one stops."""
        for i, old in enumerate(self.workers):
            new = self._start(until_listening=True)
            if not new.is_alive():
                log.error("a new worker did not start: keeping worker %s", old.pid)
                new.join()
                return
            self.workers[i] = new
            old.terminate()
            old.join()

    def _start(self, *, until_listening: bool = False) -> BaseProcess:
        host, port = self.config.host, self.config.port
        try:
            sock = bound_socket(host, port)
        except OSError as exc:  # the port is taken, or the address is not ours
            log.error("cannot listen on %s:%d: %s", host, port, exc.strerror)
            sys.exit(STARTUP_FAILURE)
        with sock:  # the worker has its own copy once started
            worker = _spawn.Process(target=_work, args=(self.app, self.options, sock))
            worker.start()
            # One socket, two descriptors: this one sees the worker's listen().
            while until_listening and worker.is_alive() and not _listening(sock):
                worker.join(0.1)
        return worker


def _work(app: str, options: dict[str, Any], sock: socket.socket) -> None:
    uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])


def bound_socket(host: str, port: int) -> socket.socket:
    """Bound, not yet listening: uvicorn's server calls listen() (with the
    configured backlog) once the app has started."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _listening(sock: socket.socket) -> bool:
    return bool(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
