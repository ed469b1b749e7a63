"""What a running app holds: built in the lifespan, never at import time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.config import Settings
from app.db.unit_of_work import RequestTransaction, UnitOfWork
from app.db.views import Views
from app.domain.catalog import Catalog
from app.domain.versions import Precondition
from app.metrics import Metrics
from app.services.clock import Clock
from app.services.key_cache import KeyCache
from app.services.usage import announce_usage


@dataclass(frozen=True, slots=True)
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    views: Views
    catalog: Catalog
    clock: Clock
    keys: KeyCache

    metrics: Metrics | None = None

    def unit_of_work(
        self, request: RequestTransaction | None = None, precondition: Precondition | None = None
    ) -> UnitOfWork:
        """A unit of work of its own, or one inside a request's transaction,
        checking the request's precondition if it has one."""
        return UnitOfWork(
            self.sessions,
            self.metrics.tally if self.metrics else None,
            request,
            announce=announce_usage,
            precondition=precondition,
        )

    def job_item_failed(self, job: str) -> None:
        if self.metrics is not None:
            self.metrics.job_item_failures.labels(job).inc()
