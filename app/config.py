"""Settings, read once from SEATKEEPER_* environment variables."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Literal

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
    db_pool_size: int = Field(default=10, ge=1, le=200)
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
