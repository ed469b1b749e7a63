"""Webhook endpoints and deliveries: who wants which event, where it may go,
and when a failed delivery is tried again."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from app.domain.errors import InvalidRequest

EVERY_TYPE = "*"
RETRY_FOR = timedelta(hours=24)
FIRST_RETRY = timedelta(seconds=5)
LONGEST_WAIT = timedelta(hours=1)


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class WebhookEndpoint:
    id: str
    account_id: str
    url: str
    event_types: tuple[str, ...]
    secret: str
    created_at: datetime

    def wants(self, event_type: str) -> bool:
        return EVERY_TYPE in self.event_types or event_type in self.event_types


@dataclass(frozen=True, slots=True)
class Delivery:
    seq: int
    account_id: str
    endpoint_id: str
    event_id: str
    event_type: str
    payload: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    last_status_code: int | None = None
    last_error: str | None = None
    delivered_at: datetime | None = None


def check_url(url: str) -> str:
    """http or https, with a host: the shape of a webhook URL."""
    shape = "A webhook URL is http:// or https:// with a host."
    # urlsplit drops tabs and newlines silently, and the resolver refuses NUL.
    if any(ord(char) <= 0x20 or char == "\x7f" for char in url):
        raise InvalidRequest(
            "A webhook URL holds no space or control character.", code="invalid_url"
        )
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - a port that is not 0-65535 raises ValueError here
    except ValueError:  # e.g. "http://[::1/" or "http://host:99999/"
        raise InvalidRequest(shape, code="invalid_url") from None
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidRequest(shape, code="invalid_url")
    if parts.username or parts.password:
        raise InvalidRequest("A webhook URL carries no credentials.", code="invalid_url")
    try:
        host.encode("idna")  # what the resolver does: an empty or 64+ character label fails
    except UnicodeError:
        raise InvalidRequest(f"{host!r} is not a valid host name.", code="invalid_url") from None
    return host


def check_addresses(host: str, addresses: list[str], allow_private: bool) -> None:
    """Refuse targets inside private networks, loopback or link-local (SSRF)."""
    if not addresses:
        raise InvalidRequest(f"{host!r} does not resolve.", code="unresolvable_url")
    if allow_private:
        return
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if ip.is_loopback:
            reason = "loopback"
        elif ip.is_link_local:
            reason = "link-local"
        elif ip.is_private or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
            reason = "private"
        else:
            continue
        raise InvalidRequest(
            f"{host!r} resolves to a {reason} address ({ip}); webhooks go to public hosts.",
            code="private_url",
            reason=reason,
        )


def retry_delay(attempts: int, jitter: float) -> timedelta:
    """Exponential backoff with jitter: 5 s, 10 s, 20 s, ... capped at an hour,
    each stretched by `jitter` (0 to 1) so that retries do not arrive in step."""
    base = min(FIRST_RETRY * (1 << min(max(attempts - 1, 0), 20)), LONGEST_WAIT)
    return base * (1 + jitter / 2)


def gives_up(created_at: datetime, now: datetime) -> bool:
    return now - created_at >= RETRY_FOR
