"""Fuzzing from the spec: schemathesis generates requests for every operation of
the committed openapi/openapi.json and sends them to the app in-process.

Every operation runs as two callers, the platform admin (the bootstrap key) and
the owner of an account made in setup, each on an account of its own, with valid
(positive) and invalid (negative) data. Path ids are mostly real ones made in
setup, so that the cases reach the handlers rather than stop at 404; the rest
are generated. Valid bodies mostly name real catalog codes and agents, for the
same reason. Every answer must hold to the spec:

- never a 5xx, whatever the input;
- a documented status code and content type;
- a body and headers that match the documented schema;
- invalid input (negative cases) refused with a 4xx.

The run prints one line for CI, `schemathesis (<db>): N cases over M operations
x 2 callers, 0 failures, <s>`. SEATKEEPER_FUZZ_EXAMPLES sets the examples per
operation and caller (default 30 on SQLite, 12 on PostgreSQL) for a deeper run,
SEATKEEPER_FUZZ_SEED=<int> other cases than the fixed ones, and
SEATKEEPER_FUZZ_VERBOSE=1 prints the statuses seen per operation.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from itertools import product
from pathlib import Path
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
from anyio.from_thread import BlockingPortal, start_blocking_portal
from fastapi import FastAPI
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.config import Settings
from tests.builders import account_body
from tests.conftest import ADMIN_KEY, TEST_EPOCH
from tests.proofs import proof

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
BASE_URL = "http://seatkeeper.test"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
# Examples per operation and caller: PostgreSQL is slower per request, so it gets fewer.
DEFAULT_EXAMPLES = {"sqlite": 30, "postgresql": 12}
# Operations that use up the ids they name run after all the others.
CONSUMING = ("/cancel", "/fulfill", "/decline")
HOOK_URL = "http://127.0.0.1:9/fuzz"
SUBSCRIPTION = [{"suite": "support_suite", "seats": 5}, {"product": "sell", "seats": 4}]


@dataclass
class Seed:
    """What setup made for one caller: its key, and real ids for the path parameters."""

    key: str
    ids: dict[str, list[str]]
    # Ids that only one operation may use up (operationId -> parameter -> ids).
    own: dict[str, dict[str, list[str]]]
    suites: list[str]
    products: list[str]
    user_ids: list[str]


@dataclass
class Tally:
    cases: int = 0
    operations: int = 0
    failures: list[str] = field(default_factory=list)
    statuses: dict[str, Counter[int]] = field(default_factory=dict)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The suite's settings with quiet logs: thousands of requests log only errors."""
    return settings.model_copy(update={"log_level": "warning"})


class Client:
    """The app in-process for a synchronous test (Hypothesis drives it): an
    httpx client on its ASGI transport, as the suite's `client` fixture, with
    the lifespan running, both on an event loop in a thread of their own."""

    def __init__(self, portal: BlockingPortal, http: httpx.AsyncClient) -> None:
        self.portal = portal
        self.http = http

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        response: httpx.Response = self.portal.call(
            partial(self.http.request, method, url, **kwargs)
        )
        return response

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", url, **kwargs)


@contextmanager
def in_process(app: FastAPI) -> Iterator[Client]:
    with ExitStack() as stack:
        portal = stack.enter_context(start_blocking_portal())
        stack.enter_context(portal.wrap_async_context_manager(app.router.lifespan_context(app)))
        # A 500 comes back as an answer to check, not as the app's exception.
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        http = httpx.AsyncClient(transport=transport, base_url=BASE_URL)
        stack.enter_context(portal.wrap_async_context_manager(http))
        yield Client(portal, http)


def _load_schema() -> Any:
    schema = schemathesis.openapi.from_dict(json.loads(SPEC.read_text()))
    # The Authorization header is ours (the admin's or the owner's key), never a generated one.
    schema.config.generation.update(with_security_parameters=False)
    return schema


def _ok(response: Any, status: int = 201) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def _seed(client: Client, caller: str) -> Seed:
    """An account and one of everything a path can name; the caller's key."""
    admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
    catalog = _ok(client.get("/v1/catalog", headers=admin), 200)
    # Legacy Sell opens sales requests (to remove Sell) on a self-service account.
    body = account_body(subscription=SUBSCRIPTION, legacy_sell=True)
    account = _ok(client.post("/v1/accounts", json=body, headers=admin))
    base = f"/v1/accounts/{account['id']}"

    def mint(role: str) -> dict[str, Any]:
        body = {"name": f"fuzz {role}", "role": role}
        return _ok(client.post(f"{base}/api-keys", json=body, headers=admin))

    owner_key = mint("owner")["key"]
    owner = {"Authorization": f"Bearer {owner_key}"}

    def post(path: str, body: dict[str, Any], headers: dict[str, str] = owner) -> dict[str, Any]:
        return _ok(client.post(f"{base}{path}", json=body, headers=headers))

    spare_key = mint("viewer")
    rep = {"name": "Rita Rep", "email": "rita@sales.example.com"}
    platform_key = _ok(
        client.post(
            "/v1/api-keys", json={**rep, "name": "fuzz rep", "role": "sales_rep"}, headers=admin
        )
    )
    agents = ["fuzz.agent-1", "fuzz.leaver"]
    for user_id in agents:
        post("/agents", {"user_id": user_id, "email": f"{user_id}@example.com", "name": user_id})
    post("/seat-changes", {"changes": [{"suite": "support_suite", "seats": 6}]})
    changes = [
        post(
            "/seat-changes",
            {"changes": [{"product": "sell", "seats": seats}], "effective": "at_renewal"},
        )["id"]
        for seats in (5, 6)
    ]
    notes = _ok(client.get(f"{base}/notifications", headers=owner), 200)["data"]
    hook = {"url": HOOK_URL, "event_types": ["*"]}
    endpoints = [post("/webhook-endpoints", hook)["id"] for _ in range(2)]
    deliveries = _ok(
        client.get(f"{base}/webhook-endpoints/{endpoints[0]}/deliveries", headers=owner), 200
    )["data"]
    platform_endpoints = [
        _ok(client.post("/v1/webhook-endpoints", json=hook, headers=admin))["id"] for _ in range(2)
    ]
    platform_ops = (
        "getPlatformWebhookEndpoint",
        "updatePlatformWebhookEndpoint",
        "rotatePlatformWebhookEndpointSecret",
        "testPlatformWebhookEndpoint",
        "listPlatformWebhookDeliveries",
    )
    starts = TEST_EPOCH + timedelta(days=10)
    grant = post(
        "/temporary-seats",
        {
            "suite": "support_suite",
            "seats": 2,
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(days=20)).isoformat(),
        },
    )
    # Sales requests need a sales-assisted account for a moment.
    _ok(
        client.patch(
            base, json={"billing_mode": "sales_assisted", "sales_rep": rep}, headers=admin
        ),
        200,
    )
    request = {"kind": "add_seats", "suite": "support_suite", "seats": 2}
    requests = [post("/sales-requests", request)["id"] for _ in range(4)]
    _ok(client.patch(base, json={"billing_mode": "self_service"}, headers=admin), 200)
    owner_id = account["owner"]["user_id"]
    return Seed(
        key=ADMIN_KEY if caller == "platform_admin" else owner_key,
        ids={
            "account_id": [account["id"]],
            "user_id": [owner_id, agents[0]],
            "key_id": [spare_key["id"]],
            "change_id": changes[:1],
            "notification_id": [n["id"] for n in notes[:1]],
            "endpoint_id": endpoints[:1],
            "grant_id": [grant["id"]],
            "request_id": requests[:1],
            "delivery_id": [d["id"] for d in deliveries[:1]],
        },
        own={
            "removeAgent": {"user_id": [owner_id, agents[1]]},
            "revokePlatformKey": {"key_id": [platform_key["id"]]},
            "cancelSeatChange": {"change_id": changes[1:]},
            "deleteWebhookEndpoint": {"endpoint_id": endpoints[1:]},
            **{op: {"endpoint_id": platform_endpoints[:1]} for op in platform_ops},
            "deletePlatformWebhookEndpoint": {"endpoint_id": platform_endpoints[1:]},
            "cancelSalesRequest": {"request_id": requests[1:2]},
            "fulfillSalesRequest": {"request_id": requests[2:3]},
            "declineSalesRequest": {"request_id": requests[3:]},
        },
        suites=[s["code"] for s in catalog["suites"]],
        products=[p["code"] for p in catalog["products"]],
        user_ids=[owner_id, *agents],
    )


def _real_path_parameters(operation: APIOperation, seed: Seed) -> list[dict[str, str]]:
    """Every combination of real ids for the operation's path parameters."""
    names = [p.name for p in operation.path_parameters]
    own = seed.own.get(operation.definition.raw.get("operationId", ""), {})
    pools = [own.get(name) or seed.ids[name] for name in names]
    return [dict(zip(names, values, strict=True)) for values in product(*pools)]


def _steer(case: Case, rnd: random.Random, seed: Seed) -> Case:
    """Most valid cases name what the account has (its suite, its stand-alone
    product, its agents), small seat counts, dates ahead and a reachable URL,
    so that they get past 'unknown product' to the rules and the writes."""
    meta = case.meta
    # Hypothesis starts from minimal draws (0.0): the steered branch comes first.
    if meta is None or meta.generation.mode is not GenerationMode.POSITIVE or rnd.random() > 0.8:
        return case
    if case.headers and "If-Match" in case.headers and rnd.random() < 0.5:
        del case.headers["If-Match"]

    def aim(value: dict[str, Any]) -> None:
        """A suite-or-product object: mostly one of the account's own lines."""
        if rnd.random() < 0.8:
            target = rnd.choice(SUBSCRIPTION)
            value.pop("suite", None)
            value.pop("product", None)
            value.update({key: code for key, code in target.items() if key != "seats"})
        elif isinstance(value.get("suite"), str):
            value["suite"] = rnd.choice(seed.suites)
        elif isinstance(value.get("product"), str):
            value["product"] = rnd.choice(seed.products)

    def visit(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                visit(item)
        if not isinstance(value, dict):
            return
        if "suite" in value or "product" in value:
            aim(value)
        if isinstance(value.get("starts_at"), str) and isinstance(value.get("ends_at"), str):
            starts = TEST_EPOCH + timedelta(days=rnd.randint(-2, 20))
            value["starts_at"] = starts.isoformat()
            value["ends_at"] = (starts + timedelta(days=rnd.randint(1, 40))).isoformat()
        for key, item in value.items():
            if key == "products" and isinstance(item, list) and item:
                value[key] = rnd.sample(seed.products, rnd.randint(1, len(seed.products)))
            elif key == "downgrade" and isinstance(item, list):
                count = rnd.choice([0, 0, 1, len(seed.user_ids)])
                value[key] = rnd.sample(seed.user_ids, count)
            elif key in ("changes", "subscription") and isinstance(item, list) and item:
                del item[rnd.randint(1, 2) :]
                visit(item)
            elif key == "seats" and isinstance(item, int | float) and not isinstance(item, bool):
                value[key] = rnd.randint(0 if item == 0 else 1, 12)
            elif key == "url" and isinstance(item, str):
                # A reachable hook, or the generated text as its host: hostile host names.
                value[key] = rnd.choice([HOOK_URL, f"http://{item}", f"https://{item}/x"])
            else:
                visit(item)

    visit(case.body)
    if rnd.random() > 0.9:  # rare: Hypothesis's first draws are 0.0
        _poison(case, rnd)
    return case


def _poison(case: Case, rnd: random.Random) -> None:
    """Put a NUL into one text value, path, query or body: PostgreSQL cannot
    store one, and the answer must still be a 4xx, never a 500."""
    holders: list[tuple[Any, Any]] = []

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            holders.extend((value, key) for key, item in value.items() if isinstance(item, str))
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            holders.extend(
                (value, index) for index, item in enumerate(value) if isinstance(item, str)
            )
            for item in value:
                collect(item)

    for container in (case.path_parameters, case.query, case.body):
        collect(container)
    if holders:
        holder, key = rnd.choice(holders)
        text = holder[key]
        at = rnd.randint(0, len(text))
        holder[key] = text[:at] + "\x00" + text[at:]


def _strategy(operation: APIOperation, seed: Seed) -> st.SearchStrategy[Case]:
    """Mostly real path ids (all of them, or the account's alone); sometimes generated ones."""
    headers = {"Authorization": f"Bearer {seed.key}"}
    names = {p.name for p in operation.path_parameters}
    # Real ids first: Hypothesis favours (and shrinks towards) the first choice.
    variants: list[dict[str, str] | None] = []
    if names:
        real = _real_path_parameters(operation, seed)
        variants += real * max(1, 6 // len(real))
        if names != {"account_id"} and "account_id" in names:
            variants += [{"account_id": seed.ids["account_id"][0]}] * 2
    variants.append(None)
    cases = st.sampled_from(
        [
            operation.as_strategy(mode, path_parameters=fixed, headers=headers)
            for fixed in variants
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        ]
    ).flatmap(lambda strategy: strategy)
    return st.tuples(cases, st.randoms(use_true_random=False)).map(
        lambda drawn: _steer(drawn[0], drawn[1], seed)
    )


def _send(client: Client, case: Case) -> Any:
    kwargs = case.as_transport_kwargs(base_url=BASE_URL)
    kwargs["url"] = kwargs["url"].replace("\x00", "%00")  # as a client would send it
    if not kwargs.get("cookies"):
        kwargs.pop("cookies", None)
    data = kwargs.pop("data", None)
    if data is not None:
        kwargs["content"] = data if isinstance(data, bytes | str) else json.dumps(data)
    return client.request(**kwargs)


def _fuzz(
    client: Client, strategy: st.SearchStrategy[Case], examples: int, statuses: Counter[int]
) -> tuple[int, str]:
    """Run the cases: how many ran, and what failed (empty when nothing did)."""
    count = 0
    fuzz_seed = os.environ.get("SEATKEEPER_FUZZ_SEED")

    @hypothesis.settings(
        max_examples=examples,
        derandomize=fuzz_seed is None,  # the same cases every run, unless a seed is asked for
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Case) -> None:
        nonlocal count
        count += 1
        response = _send(client, case)
        statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    if fuzz_seed is not None:
        run = hypothesis.seed(int(fuzz_seed))(run)
    try:
        run()
    except (Exception, BaseExceptionGroup) as failure:
        return count, str(failure) or repr(failure)
    return count, "" if count else "no case could be generated"


def _in_order(schema: Any) -> list[APIOperation]:
    """The spec's operations, those that use up their ids (cancel, delete, ...) last."""
    operations = [result.ok() for result in schema.get_all_operations()]
    return sorted(
        operations,
        key=lambda op: op.method.upper() == "DELETE" or op.path.endswith(CONSUMING),
    )


def test_every_operation_holds_to_the_spec(
    app: FastAPI, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    backend = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    examples = int(os.environ.get("SEATKEEPER_FUZZ_EXAMPLES") or DEFAULT_EXAMPLES[backend])
    operations = _in_order(_load_schema())
    callers = ("platform_admin", "owner")
    tally = Tally(operations=len(operations))
    started = time.perf_counter()
    with in_process(app) as client:
        for caller in callers:
            seed = _seed(client, caller)
            for operation in operations:
                statuses = tally.statuses.setdefault(operation.label, Counter())
                count, failure = _fuzz(client, _strategy(operation, seed), examples, statuses)
                tally.cases += count
                if failure:
                    tally.failures.append(f"{operation.label} as {caller}:\n{failure}")
    summary = (
        f"schemathesis ({backend}): {tally.cases} cases over {tally.operations} operations "
        f"x {len(callers)} callers, {len(tally.failures)} failures, "
        f"{time.perf_counter() - started:.1f}s"
    )
    with capsys.disabled():
        proof(summary)
        if os.environ.get("SEATKEEPER_FUZZ_VERBOSE"):
            for label, counts in tally.statuses.items():
                print(f"  {label}: {dict(sorted(counts.items()))}")
    assert not tally.failures, summary + "\n\n" + "\n\n".join(tally.failures)
