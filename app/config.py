"""Settings, read once from SEATKEEPER_* environment variables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["debug", "info", "warning", "error"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SEATKEEPER_", extra="ignore")

    database_url: str = Field(
        default="sqlite:///seatkeeper.db",
        description="sqlite:///path or postgresql://user@host:port/db; the driver is picked here.",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: LogLevel = "info"
    bootstrap_admin_key: str | None = Field(default=None, min_length=16, max_length=255)
    catalog_file: Path | None = None
    webhook_allow_private: bool = False
    db_connections: int | None = Field(
        default=None,
        ge=3,
        le=1000,
        description="PostgreSQL connections this process may hold in all (see connection_budget).",
    )
    db_pool_size: int | None = Field(
        default=None,
        ge=1,
        le=200,
        description="Deprecated: what each of the two pools held before db_connections.",
    )
    db_application_name: str = Field(
        default="seatkeeper",
        min_length=1,
        max_length=40,
        pattern=r"^[A-Za-z0-9_.-]+$",
        description="Prefix of the application_name each connection shows in pg_stat_activity.",
    )
    max_writes_in_flight: int = Field(
        default=16,
        ge=0,
        le=10_000,
        description="Requests other than GET, HEAD and OPTIONS a worker serves at once; "
        "more wait their turn (0: no limit).",
    )
    dispatcher: bool = Field(default=True, description="Run the webhook dispatcher inside the app.")
    metrics: bool = Field(default=True, description="Serve /metrics and instrument every request.")
    dispatch_interval: float = Field(default=1.0, gt=0, le=60)
    jobs_interval: float = Field(
        default=60.0,
        ge=0,
        le=86_400,
        description="Seconds between job runs in the app; 0 turns the loop off.",
    )
    temporary_seats_warning: timedelta = Field(
        default=timedelta(days=7),
        description="How long before temporary seats end the owner is warned.",
    )

    def connection_budget(self) -> ConnectionBudget:
        """How many connections this process may hold, and each pool's share."""
        if self.db_connections is not None:
            total = self.db_connections
        elif self.db_pool_size is not None:  # the deprecated setting: what it opened before
            total = 2 * self.db_pool_size + 1
        else:
            total = DEFAULT_DB_CONNECTIONS
        return ConnectionBudget.split(total, listens=self.listens_for_notifications())

    def listens_for_notifications(self) -> bool:
        """Whether a connection of its own hears NOTIFY: on PostgreSQL, unless
        through PgBouncer's transaction pooling, which cannot pass LISTEN on."""
        return self.database_url.startswith("postgresql") and not behind_pgbouncer(
            self.database_url
        )

    @field_validator("log_level", mode="before")
    @classmethod
    def _lowercase_level(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("database_url")
    @classmethod
    def _pick_driver(cls, url: str) -> str:
        return async_database_url(url)

    @field_validator("catalog_file")
    @classmethod
    def _catalog_exists(cls, path: Path | None) -> Path | None:
        if path is not None and not path.is_file():
            raise ValueError(f"no such file: {path}")
        return path


# 8 processes x 10 = 80 connections: within PostgreSQL's default max_connections
# (100) less its superuser_reserved_connections (3), with 17 to spare for
# migrations, cron jobs and an operator's psql (docs/scaling.md).
DEFAULT_DB_CONNECTIONS = 10


@dataclass(frozen=True, slots=True)
class ConnectionBudget:
    """A process's PostgreSQL connections: `total` at most, shared as
    `listener` (one hearing NOTIFY, or none), `writers` (the units of work,
    the webhook dispatcher's and the jobs' among them) and `readers` (the
    reads outside a unit of work). Writers get the odd one: a write holds its
    connection for a whole transaction, a read for one statement."""

    total: int
    writers: int
    readers: int
    listener: int

    @classmethod
    def split(cls, total: int, *, listens: bool) -> ConnectionBudget:
        listener = 1 if listens else 0
        pooled = total - listener
        writers = (pooled + 1) // 2
        return cls(total=total, writers=writers, readers=pooled - writers, listener=listener)


def behind_pgbouncer(url: str) -> bool:
    """Whether the URL says it reaches PostgreSQL through PgBouncer's
    transaction pooling (`?pgbouncer=true`): each transaction may then run on
    another server connection, so nothing may outlive one (app/db/engine.py)."""
    values = parse_qs(urlsplit(url).query).get(PGBOUNCER_PARAMETER, [])
    return any(value.lower() in ("true", "1", "yes") for value in values)


PGBOUNCER_PARAMETER = "pgbouncer"


def async_database_url(url: str) -> str:
    """Map a plain database URL to the async driver this service uses."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError("expected sqlite:///path or postgresql://user@host:port/db")
    base = scheme.split("+", 1)[0]
    if base == "sqlite":
        return f"sqlite+aiosqlite://{rest}"
    if base in ("postgresql", "postgres"):
        return f"postgresql+asyncpg://{rest}"
    raise ValueError(f"unsupported database {base!r}: use sqlite or postgresql")


class ConfigurationError(Exception):
    """A setting is wrong; the message is one line naming the variable."""


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        variable = f"SEATKEEPER_{field.upper()}"
        raise ConfigurationError(f"{variable}: {first['msg']}") from None
