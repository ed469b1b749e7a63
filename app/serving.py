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
from uvicorn.supervisors import Multiprocess

log = logging.getLogger("seatkeeper.serving")


def serve(app: str, *, workers: int, **options: Any) -> None:
    """`app` is an import string: each worker imports it for itself."""
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
