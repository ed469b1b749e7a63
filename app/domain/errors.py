"""Every expected failure of a use case, as an exception that knows no HTTP.

Each carries a stable snake_case ``code``; the HTTP layer maps the class to a
status in one table (``app/api/problems.py``).
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "domain_error"
    title = "Request refused"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class NotFound(DomainError):
    code = "not_found"
    title = "Not found"


class Unauthenticated(DomainError):
    code = "unauthenticated"
    title = "Unauthenticated"


class Forbidden(DomainError):
    """The caller sees the resource but its role may not do this."""

    code = "insufficient_role"
    title = "Forbidden"

    def __init__(self, detail: str, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail, **extra)
        if code is not None:
            self.code = code


class InvalidRequest(DomainError):
    """Well-formed input that breaks a rule (an unknown product, a bad count)."""

    code = "invalid_request"
    title = "Invalid request"

    def __init__(self, detail: str, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail, **extra)
        if code is not None:
            self.code = code


class Conflict(DomainError):
    """The request is valid but the current state refuses it."""

    code = "conflict"
    title = "Conflict"

    def __init__(self, detail: str, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail, **extra)
        if code is not None:
            self.code = code


class PreconditionFailed(DomainError):
    code = "precondition_failed"
    title = "Precondition failed"


class LimitExceeded(DomainError):
    """A seat total, capacity or amount would pass its declared maximum
    (app/domain/limits.py). Names the field and the maximum."""

    code = "limit_exceeded"
    title = "Limit exceeded"
