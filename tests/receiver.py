"""A webhook receiver on 127.0.0.1 that verifies every signature it gets."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook


@dataclass
class Receiver:
    url: str = ""
    secrets: list[str] = field(default_factory=list)
    down: bool = False  # answer 503, as a receiver in trouble would
    hang_seconds: float = 0.0  # answer only after this long
    refuse_types: set[str] = field(default_factory=set)  # answer 503 to events of these types
    received: list[dict[str, Any]] = field(default_factory=list)
    refused: int = 0
    bad_signatures: int = 0
    verified_by_library: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def verify(self, body: bytes, headers: dict[str, str]) -> bool:
        """The library's verifier first; for tests that move the service's clock
        far from this one, the same HMAC over the header's own timestamp."""
        for secret in self.secrets:
            hook = Webhook(secret)
            try:
                hook.verify(body, headers)
                self.verified_by_library += 1
                return True
            except Exception:
                moment = datetime.fromtimestamp(int(headers["webhook-timestamp"]), UTC)
                expected = hook.sign(headers["webhook-id"], moment, body.decode())
                if expected in headers["webhook-signature"].split(" "):
                    return True
        return False

    def ids(self) -> list[str]:
        return [r["headers"]["webhook-id"] for r in self.received]


@contextmanager
def running_receiver() -> Iterator[Receiver]:
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            if receiver.hang_seconds:
                time.sleep(receiver.hang_seconds)
            with receiver.lock:
                if receiver.down:
                    receiver.refused += 1
                    self.send_response(503)
                    self.end_headers()
                    return
                headers = {k.lower(): v for k, v in self.headers.items()}
                if json.loads(body).get("type") in receiver.refuse_types:
                    receiver.refused += 1
                    self.send_response(503)
                    self.end_headers()
                    return
                if not receiver.verify(body, headers):
                    receiver.bad_signatures += 1
                    self.send_response(401)
                    self.end_headers()
                    return
                receiver.received.append(
                    {"headers": headers, "body": json.loads(body), "raw": body.decode()}
                )
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        # The dispatcher opens many connections at once; the default backlog of
        # 5 would refuse some of them.
        request_queue_size = 256

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
