"""/metrics: requests by route template, seats sold, downgrades, backlog, pool."""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families

from app.config import Settings
from tests.builders import bearer, mint_key, open_account


async def samples(
    client: httpx.AsyncClient,
) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    found = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def test_metrics_count_requests_by_route_seats_sold_and_downgrades(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 3}])
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}"
    for n in (1, 2):
        await client.post(
            f"{url}/agents", json={"user_id": f"u{n}", "email": "u@x.example", "name": "U"}
        )
    await client.post(f"{url}/agents", json={"user_id": "u3", "email": "u@x.example", "name": "U"})
    await client.post(
        f"{url}/seat-changes", json={"changes": [{"product": "sell", "seats": 5}]}, headers=owner
    )
    await client.post(
        f"{url}/seat-changes", json={"changes": [{"product": "sell", "seats": 1}]}, headers=owner
    )
    await client.post(
        f"{url}/seat-changes", json={"changes": [{"product": "sell", "seats": 0}]}, headers=owner
    )

    found = await samples(client)
    route = "/v1/accounts/{account_id}/agents"
    assert (
        found[
            (
                "seatkeeper_http_requests_total",
                (("method", "POST"), ("route", route), ("status", "201")),
            )
        ]
        == 2
    )
    assert (
        found[
            (
                "seatkeeper_http_requests_total",
                (("method", "POST"), ("route", route), ("status", "409")),
            )
        ]
        == 1
    )
    # The refused change (seats 0) bought and downgraded nothing.
    assert found[("seatkeeper_seats_sold_total", (("channel", "subscription_page"),))] == 2
    assert found[("seatkeeper_agent_downgrades_total", (("reason", "seats_reduced"),))] == 2
    assert found[("seatkeeper_webhook_outbox_backlog", ())] == 0
    assert found[("seatkeeper_db_pool_size", (("pool", "writers"),))] >= 1
    latency = (
        "seatkeeper_http_request_duration_seconds_count",
        (("method", "POST"), ("route", route)),
    )
    assert found[latency] == 3


async def test_unmatched_paths_do_not_become_labels(client: httpx.AsyncClient) -> None:
    await client.get("/v1/no/such/acct_123")
    found = await samples(client)
    assert (
        "seatkeeper_http_requests_total",
        (("method", "GET"), ("route", "unmatched"), ("status", "404")),
    ) in found
    assert not any("acct_123" in str(labels) for _, labels in found)


async def test_metrics_show_the_connection_budget_and_each_pools_share(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await client.get("/v1/catalog")  # a request, so that the pools have opened
    found = await samples(client)
    budget = settings.connection_budget()
    assert found[("seatkeeper_db_connections_budget", ())] == budget.total
    shares = {
        pool: found[("seatkeeper_db_pool_size", (("pool", pool),))]
        for pool in ("writers", "readers", "listener")
    }
    assert shares == {
        "writers": budget.writers,
        "readers": budget.readers,
        "listener": budget.listener,
    }
    assert sum(shares.values()) == budget.total
    for pool in shares:
        in_use = found[("seatkeeper_db_pool_connections_in_use", (("pool", pool),))]
        idle = found[("seatkeeper_db_pool_connections_idle", (("pool", pool),))]
        assert 0 <= in_use + idle <= shares[pool]
    # The scrape itself holds a writer (it counts the outbox backlog).
    assert found[("seatkeeper_db_pool_connections_in_use", (("pool", "writers"),))] >= 0
