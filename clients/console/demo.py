"""`make console`: the service on a fresh SQLite database with two demo
accounts, and the console on Vite's dev server; prints where to go and the
keys to paste. Ctrl-C stops both; the database is thrown away.

Run with the project's virtualenv (the Makefile does): it starts the
`seatkeeper` next to this Python. Ports: SEATKEEPER_PORT (API, default 8001)
and CONSOLE_PORT (default 5173).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
SEATKEEPER = str(Path(sys.executable).with_name("seatkeeper"))
API_PORT = int(os.environ.get("SEATKEEPER_PORT", "8001"))
CONSOLE_PORT = int(os.environ.get("CONSOLE_PORT", "5173"))


def wait_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"console: {url} exited before it was ready")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    sys.exit(f"console: {url} did not answer within 30 s")


def seed(api: httpx.Client) -> list[dict[str, str]]:
    """Two accounts a newcomer can try every flow on, and their owner keys."""

    def call(path: str, body: dict[str, Any], key: str | None = None) -> Any:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        response = api.post(path, json=body, headers=headers)
        response.raise_for_status()
        return response.json()

    opened = []
    for name, mode, extra in (
        ("Acme (self-service)", "self_service", {}),
        (
            "Globex (sales-assisted)",
            "sales_assisted",
            {"sales_rep": {"name": "Rita Rep", "email": "rita@vendor.example"}},
        ),
    ):
        account = call(
            "/v1/accounts",
            {
                "name": name,
                "billing_mode": mode,
                "owner": {"user_id": "ana", "email": "ana@example.com", "name": "Ana"},
                "billing_cycle": "monthly",
                "currency": "USD",
                "subscription": [
                    {"suite": "support_suite", "seats": 5},
                    {"product": "sell", "seats": 2},
                ],
                **extra,
            },
        )
        key = call(
            f"/v1/accounts/{account['id']}/api-keys", {"name": "demo owner", "role": "owner"}
        )["key"]
        suite = ["support", "guide", "chat", "talk", "explore"]
        for user, products in (("ben", suite), ("cy", suite), ("dee", [*suite, "sell"])):
            call(
                f"/v1/accounts/{account['id']}/agents",
                {
                    "user_id": user,
                    "email": f"{user}@example.com",
                    "name": user.title(),
                    "products": products,
                },
                key,
            )
        opened.append({"name": name, "id": account["id"], "key": key})
    return opened


def main() -> None:
    # Stopped by a signal, as by Ctrl-C: take both servers down on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    workdir = Path(tempfile.mkdtemp(prefix="seatkeeper-console-"))
    admin_key = secrets.token_urlsafe(24)
    env = {
        **os.environ,
        "SEATKEEPER_DATABASE_URL": f"sqlite:///{workdir / 'demo.db'}",
        "SEATKEEPER_BOOTSTRAP_ADMIN_KEY": admin_key,
        "SEATKEEPER_PORT": str(API_PORT),
        "SEATKEEPER_LOG_LEVEL": "warning",
    }
    subprocess.run([SEATKEEPER, "migrate"], env=env, check=True, capture_output=True)
    api_url = f"http://127.0.0.1:{API_PORT}"
    service = subprocess.Popen([SEATKEEPER, "serve"], env=env)
    console = None
    try:
        wait_ready(f"{api_url}/readyz", service)
        with httpx.Client(
            base_url=api_url, headers={"Authorization": f"Bearer {admin_key}"}
        ) as api:
            accounts = seed(api)
        # The types first (as `npm run dev` would), then Vite itself, so that
        # stopping it stops the server and not just an npm wrapper.
        subprocess.run(["npm", "run", "--silent", "generate"], cwd=HERE, check=True)
        vite = [str(HERE / "node_modules" / ".bin" / "vite"), "--host", "127.0.0.1"]
        console = subprocess.Popen(
            [*vite, "--port", str(CONSOLE_PORT), "--strictPort", "--clearScreen", "false"],
            cwd=HERE,
            env={**os.environ, "SEATKEEPER_API": api_url},
        )
        url = f"http://127.0.0.1:{CONSOLE_PORT}/"
        wait_ready(url, console)
        print(f"\nseatkeeper console: {url}  (API {api_url}, database {workdir / 'demo.db'})")
        for account in accounts:
            print(f"  {account['name']}: account id {account['id']}  owner key {account['key']}")
        print("Paste an account id and its key. Ctrl-C stops both servers.\n", flush=True)
        service.wait()
    except KeyboardInterrupt:
        pass
    finally:
        for process in (console, service):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=10)


if __name__ == "__main__":
    main()
