"""Prometheus metrics: requests per route and status, seats sold, downgrades,
scheduled-job items that failed, the webhook outbox backlog and the connection
pool.

Counts are per process (scrape each worker, or run one worker per container).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from app.domain.events import Event

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class Metrics:
    """One registry per app, so tests and several apps in one process never collide."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "seatkeeper_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "seatkeeper_http_request_duration_seconds",
            "Time to answer, by route template and method.",
            ["route", "method"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.seats_sold = Counter(
            "seatkeeper_seats_sold",
            "Seats bought, by channel.",
            ["channel"],
            registry=self.registry,
        )
        self.downgrades = Counter(
            "seatkeeper_agent_downgrades",
            "Agents who gave up seats when capacity fell below usage, by reason.",
            ["reason"],
            registry=self.registry,
        )
        self.job_item_failures = Counter(
            "seatkeeper_job_item_failures",
            "Items (accounts, temporary-seat grants) a scheduled job failed on and left "
            "for its next run, by job.",
            ["job"],
            registry=self.registry,
        )
        self.outbox_backlog = Gauge(
            "seatkeeper_webhook_outbox_backlog",
            "Webhook deliveries not yet delivered or given up.",
            registry=self.registry,
        )
        self.connection_budget = Gauge(
            "seatkeeper_db_connections_budget",
            "PostgreSQL connections this process may hold in all (SEATKEEPER_DB_CONNECTIONS).",
            registry=self.registry,
        )
        self.pool_size = Gauge(
            "seatkeeper_db_pool_size",
            "Connections the pool may hold: its share of the budget, by pool.",
            ["pool"],
            registry=self.registry,
        )
        self.pool_in_use = Gauge(
            "seatkeeper_db_pool_connections_in_use",
            "Connections checked out, by pool.",
            ["pool"],
            registry=self.registry,
        )
        self.pool_idle = Gauge(
            "seatkeeper_db_pool_connections_idle",
            "Connections open and waiting in the pool, by pool.",
            ["pool"],
            registry=self.registry,
        )

    def tally(self) -> EventTally:
        """A tally for one transaction's events (see UnitOfWork)."""
        return EventTally(self)


class EventTally:
    """What one transaction's events add to the counters, applied when it
    commits, so a rolled-back change is never counted. The audit events are
    the one source. Counts, not the events: a seat change can demote every
    agent of an account, and keeping their events until the commit was a
    large part of the request's peak memory."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._seats_sold: dict[str, int] = {}
        self._downgrades: dict[str, int] = {}

    def count(self, event: Event) -> None:
        if event.type == "seat_change.applied":
            channel = str(event.data.get("channel", "unknown"))
            bought = sum(max(line["to"] - line["from"], 0) for line in event.data.get("lines", []))
            if bought:
                self._seats_sold[channel] = self._seats_sold.get(channel, 0) + bought
        elif event.type == "agent.downgraded":
            reason = str(event.data.get("reason", "unknown"))
            self._downgrades[reason] = self._downgrades.get(reason, 0) + 1

    def commit(self) -> None:
        # Per label, once: a labelled increment per agent took longer than the
        # rest of counting.
        for channel, bought in self._seats_sold.items():
            self._metrics.seats_sold.labels(channel).inc(bought)
        for reason, count in self._downgrades.items():
            self._metrics.downgrades.labels(reason).inc(count)
        self._seats_sold, self._downgrades = {}, {}
