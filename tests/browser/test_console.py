"""The reference console (clients/console) in headless Chromium, against a
real `seatkeeper serve`.

Each test builds nothing new: the console is built once per process (`npm
run build`, which regenerates the TypeScript types from openapi/openapi.json
and type-checks them first), served by `vite preview` forwarding /v1 to a
server on this test's database, and driven through Debian's Chromium by
Playwright. Every step asserts what the page shows and what the API then
answers. `make console-deps` (a prerequisite of `make test`) installs
Chromium and the console's npm packages; missing, they fail the test.

`CONSOLE_SCREENSHOT=docs/console.png` makes the self-service test save the
README's screenshot at its last step (`make console-screenshot`).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.builders import account_body
from tests.conftest import ADMIN_KEY
from tests.proofs import proof
from tests.servers import free_port, server_process

ROOT = Path(__file__).resolve().parents[2]
CONSOLE = ROOT / "clients" / "console"
VITE = str(CONSOLE / "node_modules" / ".bin" / "vite")
CHROMIUM = os.environ.get("SEATKEEPER_TEST_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SUITE = ("chat", "explore", "guide", "support", "talk")

pytestmark = pytest.mark.slow
# How long a check waits for the page to show what it expects: generous, for
# a CI machine running the whole suite on two cores (no speed is asserted).
WAIT_MS = 20_000
expect.set_options(timeout=WAIT_MS)


def missing(what: str) -> None:
    pytest.fail(f"{what}: run `make console-deps` (make test does)", pytrace=False)


@pytest.fixture(scope="session")
def console_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The console built into a directory of this process's own."""
    if not Path(CHROMIUM).is_file():
        missing(f"Chromium is not at {CHROMIUM}")
    if not Path(VITE).exists():
        missing("clients/console/node_modules is not installed")
    out = tmp_path_factory.mktemp("console") / "dist"
    # `npm run build` rewrites src/generated/: one process at a time.
    digest = hashlib.sha256(str(CONSOLE).encode()).hexdigest()[:12]
    lock = Path(tempfile.gettempdir()) / f"seatkeeper-console-{digest}.lock"
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        built = subprocess.run(
            ["npm", "run", "build"],
            cwd=CONSOLE,
            env={**os.environ, "CONSOLE_OUT_DIR": str(out), "NO_COLOR": "1"},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    assert built.returncode == 0, f"npm run build failed\n{built.stdout}\n{built.stderr}"
    assert (out / "index.html").is_file()
    return out


@contextlib.contextmanager
def console_preview(dist: Path, api: str) -> Iterator[str]:
    """`vite preview` of the build, forwarding /v1 to `api`."""
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        # --bypass-lock: Vite refuses a second preview of one project, and
        # each pytest worker serves a build of its own.
        [
            VITE,
            "preview",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--strictPort",
            "--bypass-lock",
        ],
        cwd=CONSOLE,
        env={**os.environ, "SEATKEEPER_API": api, "CONSOLE_OUT_DIR": str(dist)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"vite preview exited: {read(log)}"
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(base, timeout=1).status_code == 200:
                    break
            assert time.monotonic() < deadline, f"vite preview did not start: {read(log)}"
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def read(log: Any) -> str:
    log.seek(0)
    return str(log.read().decode(errors="replace"))


@pytest.fixture
def service(database_url: str) -> Iterator[str]:
    with server_process(
        database_url, ADMIN_KEY, SEATKEEPER_DB_POOL_SIZE="2", SEATKEEPER_JOBS_INTERVAL="0"
    ) as (base, _):
        yield base


@pytest.fixture
def console(console_build: Path, service: str) -> Iterator[str]:
    with console_preview(console_build, service) as base:
        yield base


@pytest.fixture
def page(console: str) -> Iterator[Page]:
    """A fresh browser for each test. Playwright's sync API keeps an event loop
    running in this thread while it is open, so it starts after the database
    fixtures (which run their own) and stops before they tear down."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.set_default_timeout(WAIT_MS)
        yield tab
        browser.close()


class Api:
    """The service over HTTP, as the test's own witness of what the console did."""

    def __init__(self, base: str, key: str = ADMIN_KEY) -> None:
        self.http = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"})

    def ok(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        response = self.http.request(method, path, **kwargs)
        assert response.status_code == status, response.text
        return response.json() if response.content else None

    def open_account(self, **overrides: Any) -> tuple[str, str]:
        """An account and its owner key."""
        account = self.ok("POST", "/v1/accounts", 201, json=account_body(**overrides))
        key = self.ok(
            "POST",
            f"/v1/accounts/{account['id']}/api-keys",
            201,
            json={"name": "owner", "role": "owner"},
        )
        return account["id"], key["key"]

    def add_agent(self, account: str, user: str) -> None:
        body = {"user_id": user, "email": f"{user}@acme.example", "name": user.title()}
        self.ok("POST", f"/v1/accounts/{account}/agents", 201, json=body)

    def agent(self, account: str, user: str) -> dict[str, Any]:
        found: dict[str, Any] = self.ok("GET", f"/v1/accounts/{account}/agents/{user}")
        return found

    def subscription(self, account: str) -> dict[str, Any]:
        found: dict[str, Any] = self.ok("GET", f"/v1/accounts/{account}/subscription")
        return found


def sign_in(page: Page, console: str, account: str, key: str) -> None:
    page.goto(console)
    page.fill("input[name=account]", account)
    page.fill("input[name=key]", key)
    page.click("#signin button")
    expect(page.locator("#usage h2")).to_have_text("Seats")


def expect_bars(page: Page, assigned: int, capacity: int, state: str) -> None:
    """Every product of the support suite shows `assigned / capacity` in `state`."""
    for product in SUITE:
        line = page.locator(f"#usage .line[data-product={product}]")
        expect(line.locator(".count")).to_have_text(f"{assigned} / {capacity}")
        expect(line).to_have_attribute("data-state", state)


def add_in_console(page: Page, user: str) -> None:
    form = page.locator("[data-testid=add-agent]")
    form.locator("input[name=user_id]").fill(user)
    form.locator("input[name=name]").fill(user.title())
    form.locator("input[name=email]").fill(f"{user}@acme.example")
    form.locator("button").click()


def preview_in_console(page: Page, seats: int, effective: str) -> None:
    form = page.locator("[data-testid=change-seats]")
    form.locator("select[name=target]").select_option("support_suite")
    form.locator("input[name=seats]").fill(str(seats))
    form.locator("select[name=effective]").select_option(effective)
    form.locator("button").click()


def test_an_owner_runs_a_self_service_subscription_from_the_console(
    page: Page, console: str, service: str
) -> None:
    admin = Api(service)
    account, key = admin.open_account(subscription=[{"suite": "support_suite", "seats": 4}])
    owner = admin.agent(account, admin.ok("GET", f"/v1/accounts/{account}")["owner"]["user_id"])
    for user in ("ben", "cy"):
        admin.add_agent(account, user)
    sign_in(page, console, account, key)

    # Usage bars: the owner, ben and cy hold 3 of 4 seats of every product.
    expect_bars(page, 3, 4, "ok")
    expect(page.locator("#usage .line[data-product=support] .state")).to_have_text("OK")

    # Add an agent: the last seat, the bars turn full.
    add_in_console(page, "dee")
    expect(page.locator("#flash")).to_have_text("Added dee.")
    expect(page.locator("#agents tr[data-user=dee] .role")).to_have_text("agent")
    expect_bars(page, 4, 4, "full")
    assert admin.agent(account, "dee")["products"] == list(SUITE)

    # Remove one: their seats are free again, in the page and in the service.
    page.get_by_role("button", name="Remove cy").click()
    expect(page.locator("#agents tr[data-user=cy]")).to_have_count(0)
    expect_bars(page, 3, 4, "ok")
    assert admin.http.get(f"/v1/accounts/{account}/agents/cy").status_code == 404

    # Full again, then one more: the refusal with its quote and this owner's options.
    add_in_console(page, "eve")
    expect_bars(page, 4, 4, "full")
    add_in_console(page, "fay")
    refusal = page.locator("[data-testid=seats-exhausted]")
    expect(refusal.locator(":scope > h3")).to_have_text("No free seat")
    for product in SUITE:
        row = refusal.locator(f"[data-testid=quote] tr[data-product={product}]")
        expect(row.locator("td")).to_have_text([re.compile(".+"), "4 / 4", "4", "5"])
    # The quote is the service's: the same add through the API is refused with it.
    same = admin.http.post(
        f"/v1/accounts/{account}/agents",
        json={"user_id": "fay", "email": "fay@acme.example", "name": "Fay"},
    )
    assert (same.status_code, same.json()["code"]) == (409, "seats_exhausted")
    quote = same.json()["quote"]
    assert quote["currency"] == "USD"
    expect(refusal.locator("[data-testid=quote] .amount")).to_have_text(
        f"${quote['amount_due'] / 100:,.2f}"
    )
    options = refusal.locator("[data-testid=purchase-options]")
    expect(options.locator("[data-channel=on_the_fly]")).to_have_class("open")
    expect(options.locator("[data-channel=sales_request]")).to_have_class("closed")
    expect(refusal.locator("[data-testid=sales-request-form]")).to_have_count(0)
    assert admin.http.get(f"/v1/accounts/{account}/agents/fay").status_code == 404

    # Buy on the fly: the seat is bought and fay added in one go.
    refusal.locator("[data-testid=buy-on-the-fly]").click()
    expect(page.locator("#flash")).to_have_text(
        re.compile(r"^Added fay \(seats bought: chg_\w+\)\.$")
    )
    expect_bars(page, 5, 5, "full")
    expect(page.locator("[data-testid=seats-exhausted]")).to_have_count(0)
    assert admin.agent(account, "fay")["role"] == "agent"
    assert {line["seats"] for line in admin.subscription(account)["lines"]} == {5}
    bought = admin.ok("GET", f"/v1/accounts/{account}/seat-changes")["data"][0]
    assert (bought["channel"], bought["status"]) == ("on_the_fly", "applied")

    # Decrease to 3: the preview names exactly who would be downgraded (the
    # two newest, fay and eve) before anything changes.
    preview_in_console(page, 3, "immediately")
    named = page.locator("[data-testid=downgraded] li")
    expect(named).to_have_count(2)
    shown = {item.get_attribute("data-user") for item in named.all()}
    expected = admin.ok(
        "POST",
        f"/v1/accounts/{account}/seat-changes/preview",
        json={"changes": [{"suite": "support_suite", "seats": 3}]},
    )["downgraded_agents"]
    assert shown == {agent["user_id"] for agent in expected} == {"eve", "fay"}
    assert admin.agent(account, "fay")["role"] == "agent"  # a preview writes nothing

    page.locator("[data-testid=confirm-change]").click()
    expect(page.locator("#flash")).to_have_text(
        re.compile(r"applied; downgraded: (fay, eve|eve, fay)\.$")
    )
    expect_bars(page, 3, 3, "full")
    for user in ("eve", "fay"):
        expect(page.locator(f"#agents tr[data-user={user}] .role")).to_have_text("end user")
        assert admin.agent(account, user)["role"] == "end_user"
    for user in ("ben", "dee", owner["user_id"]):
        assert admin.agent(account, user)["role"] == "agent"

    # A change at renewal is pending, shown with what it will move.
    preview_in_console(page, 4, "at_renewal")
    page.locator("[data-testid=confirm-change]").click()
    pending = page.locator("[data-testid=pending-change]")
    expect(pending.locator("li")).to_have_count(5)
    expect(pending).to_contain_text("Support: 3 → 4")
    scheduled = admin.subscription(account)["pending_change"]
    assert scheduled is not None
    assert {(line["from"], line["to"]) for line in scheduled["lines"]} == {(3, 4)}
    assert {line["seats"] for line in admin.subscription(account)["lines"]} == {3}

    # Notifications: the seats_full notice the service sent the owner.
    notices = admin.ok("GET", f"/v1/accounts/{account}/notifications")["data"]
    full = [notice for notice in notices if notice["type"] == "seats_full"]
    assert full, notices
    shown_full = page.locator("#notifications li[data-type=seats_full] .title")
    expect(shown_full.first).to_have_text(full[0]["title"])
    expect(shown_full).to_have_count(len(full))

    # A preview left unconfirmed changes nothing; then one more add while
    # full (both stay on screen for the README's picture).
    preview_in_console(page, 2, "immediately")
    expect(page.locator("[data-testid=downgraded] li")).to_have_attribute("data-user", "dee")
    assert admin.agent(account, "dee")["role"] == "agent"
    add_in_console(page, "gus")
    expect(
        page.locator("[data-testid=seats-exhausted] [data-testid=quote] tbody tr")
    ).to_have_count(5)
    if target := os.environ.get("CONSOLE_SCREENSHOT"):
        page.screenshot(path=str(ROOT / target), full_page=True)
    proof(
        f"console in Chromium {page.context.browser.version if page.context.browser else '?'}: "
        "usage, add, remove, seats_exhausted + quote, buy on the fly, decrease preview "
        "+ confirm, pending change, notifications OK"
    )


def test_a_sales_assisted_account_asks_its_rep_from_the_console(
    page: Page, console: str, service: str
) -> None:
    admin = Api(service)
    account, key = admin.open_account(
        billing_mode="sales_assisted",
        sales_rep={"name": "Rita Rep", "email": "rita@sales.example.com"},
        subscription=[{"suite": "support_suite", "seats": 2}],
    )
    admin.add_agent(account, "ben")

    # A wrong key: the service's 401 on the sign-in form, and nothing kept.
    page.goto(console)
    page.fill("input[name=account]", account)
    page.fill("input[name=key]", "sk_not_a_key")
    page.click("#signin button")
    expect(page.locator("#signin .error")).to_have_text(re.compile(r"^Unauthenticated: "))
    assert page.evaluate("sessionStorage.length") == 0

    sign_in(page, console, account, key)
    expect_bars(page, 2, 2, "full")
    stored = page.evaluate("JSON.parse(sessionStorage.getItem('seatkeeper.console'))")
    assert stored == {"accountId": account, "key": key}
    assert key not in page.url

    add_in_console(page, "cy")
    refusal = page.locator("[data-testid=seats-exhausted]")
    expect(refusal.locator(":scope > h3")).to_have_text("No free seat")
    options = refusal.locator("[data-testid=purchase-options]")
    expect(options.locator("[data-channel=on_the_fly]")).to_have_class("closed")
    expect(options.locator("[data-channel=sales_request]")).to_have_class("open")
    expect(refusal.locator("[data-testid=buy-on-the-fly]")).to_have_count(0)

    form = refusal.locator("[data-testid=sales-request-form]")
    expect(form.locator("h3")).to_have_text("Ask Rita Rep, your sales rep")
    expect(form.locator("input[name=seats]")).to_have_value("1")
    expect(form.locator("select[name=target]")).to_have_value("support_suite")
    form.locator("input[name=message]").fill("One more for cy")
    form.locator("button").click()
    result = form.locator("[data-testid=sales-request-result]")
    expect(result).to_have_text(
        re.compile(r"^Request sr_\w+ sent to Rita Rep \(rita@sales\.example\.com\): submitted\.$")
    )

    requests = admin.ok("GET", f"/v1/accounts/{account}/sales-requests")["data"]
    assert [(r["kind"], r["seats"], r["suite"], r["message"], r["status"]) for r in requests] == [
        ("add_seats", 1, "support_suite", "One more for cy", "submitted")
    ]
    assert requests[0]["id"] in (result.text_content() or "")
    expect(page.locator(f"#sales-requests tr[data-id={requests[0]['id']}] .status")).to_have_text(
        "submitted"
    )
    # Nothing was bought: the account is as full as it was.
    assert {line["seats"] for line in admin.subscription(account)["lines"]} == {2}
    proof("console in Chromium: sales-assisted seats_exhausted -> sales request to the rep OK")
