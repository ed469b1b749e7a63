"""Webhook endpoints and deliveries: who wants which event, where it may go,
and when a failed delivery is tried again."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from app.domain.errors import Conflict, InvalidRequest
from app.domain.event_types import EVERY_TYPE

RETRY_FOR = timedelta(hours=24)
# After a rotation the old secret signs too, so receivers can switch over.
OLD_SECRET_SIGNS_FOR = timedelta(hours=24)
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
    account_id: str | None  # None: a platform endpoint, which hears every account
    url: str
    event_types: tuple[str, ...]
    secret: str
    created_at: datetime
    enabled: bool = True
    previous_secret: str | None = None
    previous_secret_expires_at: datetime | None = None

    def wants(self, event_type: str) -> bool:
        return EVERY_TYPE in self.event_types or event_type in self.event_types

    def signing_secrets(self, now: datetime) -> list[str]:
        """The secrets a delivery is signed with now: the current one, and the
        one it replaced while that still signs."""
        return signing_secrets(
            self.secret, self.previous_secret, self.previous_secret_expires_at, now
        )


def signing_secrets(
    secret: str, previous: str | None, previous_expires_at: datetime | None, now: datetime
) -> list[str]:
    if previous and previous_expires_at is not None and now < previous_expires_at:
        return [secret, previous]
    return [secret]


@dataclass(frozen=True, slots=True)
class Delivery:
    seq: int  # the outbox's order; never shown (the API shows `id`)
    id: str
    account_id: str | None
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
    retried_at: datetime | None = None

    @property
    def retrying_since(self) -> datetime:
        """Retries go on for a day from here: the event, or a retry by hand."""
        return self.retried_at or self.created_at


def check_retry(delivery: Delivery) -> None:
    """A delivery may be queued again unless it is being sent right now."""
    if delivery.status is DeliveryStatus.SENDING:
        raise Conflict(
            "The delivery is being sent now; retry it once it is settled.",
            code="delivery_in_progress",
        )


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


Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Refused though `is_global` lets them through on some Python versions:
# 192.0.0.0/24 (IETF protocol assignments) and local-use NAT64.
_NOT_GLOBAL = (ipaddress.ip_network("192.0.0.0/24"), ipaddress.ip_network("64:ff9b:1::/48"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one reaches: mapped, 6to4, Teredo or NAT64.
    64:ff9b::a9fe:a9fe is "global", and reaches 169.254.169.254."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal(address: str) -> str | None:
    """Why a webhook may not go to `address`, or None when it is globally
    routable. Only `is_global` counts: `is_private` misses the shared address
    space (100.64.0.0/10) and more, where cloud metadata services live."""
    ip: Address = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        ip = _embedded_ipv4(ip) or ip
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if not ip.is_global or ip.is_multicast or any(ip in net for net in _NOT_GLOBAL):
        return "private"
    return None


def check_addresses(host: str, addresses: list[str], allow_private: bool) -> None:
    """Refuse a target unless every address it resolves to is globally
    routable (SSRF), when private targets are not allowed."""
    if not addresses:
        raise InvalidRequest(f"{host!r} does not resolve.", code="unresolvable_url")
    if allow_private:
        return
    for address in addresses:
        reason = refusal(address)
        if reason is None:
            continue
        raise InvalidRequest(
            f"{host!r} resolves to a {reason} address ({address}); webhooks go to public hosts.",
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
