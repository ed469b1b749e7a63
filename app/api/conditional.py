"""Conditional requests, the same way on every route of an account.

- A change (POST, PATCH, DELETE) on an account may send `If-Match` with the
  version it last read. `precondition_of` (asked by get_uow) reads it into
  the request's Precondition; the request's units of work check
  it under the account's lock, in the change's own transaction
  (app/db/unit_of_work.py): a stale version is 412 `precondition_failed` and
  changes nothing.
- A successful change answers `ETag` with the version it left the account at,
  added here by ConditionalMiddleware, so a client never reads again just to
  learn it.
- A versioned resource (the account, its subscription, an agent) answers
  `ETag` to GET, and a GET whose `If-None-Match` names it answers 304 with no
  body, also here.

The ETag is the version quoted: `"7"`.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.domain.errors import InvalidRequest
from app.domain.versions import Precondition

CHANGES = frozenset({"POST", "PATCH", "DELETE"})
# POSTs that change nothing: they honour If-Match but never lock (R9).
READ_ONLY = frozenset({"/v1/accounts/{account_id}/seat-changes/preview"})
_PRECONDITION = "seatkeeper.precondition"
# What parse_if_match accepts, stated in the spec; anything else is 422 `invalid_if_match`.
IF_MATCH_PATTERN = r'^[ \t]*(\*|(W/)?"?[0-9]{1,12}"?)[ \t]*$'
_ETAG = re.compile(r'^(?:W/)?"?([0-9]{1,12})"?$')


def etag(version: int) -> str:
    return f'"{version}"'


def parse_if_match(value: str | None) -> int | None:
    """The version an If-Match names; None for none or `*` (any version)."""
    if value is None or value.strip(" \t") == "*":
        return None
    match = _ETAG.match(value.strip(" \t"))
    if match is None:
        raise InvalidRequest('If-Match takes a version such as "7".', code="invalid_if_match")
    return int(match.group(1))


def precondition_of(request: Request) -> Precondition | None:
    """The request's Precondition, made on first asking (by get_uow, after the
    role checks at the door): for a change on an account, its If-Match, else
    None. A malformed If-Match is 422 `invalid_if_match`."""
    state = request.scope.setdefault("state", {})
    if _PRECONDITION not in state:
        route = getattr(request.scope.get("route"), "path", "")
        state[_PRECONDITION] = (
            Precondition(
                account_id=request.path_params.get("account_id"),
                expected=parse_if_match(request.headers.get("if-match")),
                hold_first=route not in READ_ONLY,
            )
            if request.method in CHANGES and on_an_account(route)
            else None
        )
    found: Precondition | None = state[_PRECONDITION]
    return found


def answer_etag(response: Response, version: int) -> None:
    """For a GET of a versioned resource: its ETag (If-None-Match is answered
    by ConditionalMiddleware)."""
    response.headers["ETag"] = etag(version)


def _matches(if_none_match: str, tag: str) -> bool:
    """Weak comparison (RFC 9110, 13.1.2): W/ is ignored, `*` matches any."""
    wanted = tag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False


class ConditionalMiddleware:
    """Adds the ETag a change left to its 2xx answer, and turns a 200 whose
    ETag the client already holds (If-None-Match) into a 304."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method in ("GET", "HEAD"):
            if_none_match = _header(scope, b"if-none-match")
            if if_none_match is None:
                await self.app(scope, receive, send)
                return
            await self.app(scope, receive, _not_modified(if_none_match, send))
        elif method in CHANGES:
            await self.app(scope, receive, _with_etag(scope, send))
        else:
            await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _not_modified(if_none_match: str, send: Send) -> Send:
    dropping = False

    async def answer(message: Message) -> None:
        nonlocal dropping
        if message["type"] == "http.response.start" and message["status"] == 200:
            headers: list[tuple[bytes, bytes]] = message.get("headers", [])
            tag = next((v.decode("latin-1") for k, v in headers if k.lower() == b"etag"), None)
            if tag is not None and _matches(if_none_match, tag):
                dropping = True
                kept = [(k, v) for k, v in headers if k.lower() in (b"etag", b"cache-control")]
                await send({"type": "http.response.start", "status": 304, "headers": kept})
                await send({"type": "http.response.body", "body": b""})
                return
        if dropping:
            return  # the body the client already holds
        await send(message)

    return answer


def _with_etag(scope: Scope, send: Send) -> Send:
    async def answer(message: Message) -> None:
        if message["type"] == "http.response.start" and 200 <= message["status"] < 300:
            state = scope.get("state") or {}
            precondition: Precondition | None = state.get(_PRECONDITION)
            headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
            if (
                precondition is not None
                and precondition.version is not None
                and not any(k.lower() == b"etag" for k, _ in headers)
            ):
                headers.append((b"etag", etag(precondition.version).encode()))
                message = {**message, "headers": headers}
        await send(message)

    return answer


IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "description": 'The account\'s version from an ETag it answered, e.g. "7": the change is '
    "made only if the account is still at that version (checked under the account's lock, "
    "in the change's transaction), else 412 `precondition_failed` and nothing changes. `*` "
    "or none: no condition.",
    "schema": {"type": "string", "maxLength": 64, "pattern": IF_MATCH_PATTERN},
}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "An ETag this resource answered: while it is still current, the answer "
    "is 304 with no body.",
    "schema": {"type": "string"},
}
ETAG_HEADER = {
    "ETag": {
        "description": 'The account\'s version after this, quoted ("7"): send it as If-Match.',
        "schema": {"type": "string"},
    }
}


def document(spec: dict[str, Any], problem: dict[str, Any]) -> None:
    """State the convention in the OpenAPI document: If-Match, 412 and ETag on
    every change of an account; If-None-Match and 304 on versioned GETs (those
    whose 200 declares an ETag)."""
    for route, item in spec["paths"].items():
        for method, operation in item.items():
            responses = operation.get("responses", {})
            ok = next((r for s, r in responses.items() if str(s).startswith("2")), None)
            if method == "get" and ok is not None and "ETag" in ok.get("headers", {}):
                operation.setdefault("parameters", []).append(IF_NONE_MATCH)
                responses.setdefault("304", {"description": "Not modified: no body."})
            elif method in ("post", "patch", "delete") and on_an_account(route):
                parameters = operation.setdefault("parameters", [])
                parameters[:] = [p for p in parameters if p.get("name") != "If-Match"]
                parameters.append(IF_MATCH)
                responses.setdefault("412", problem)
                if ok is not None:
                    ok.setdefault("headers", {}).update(ETAG_HEADER)


def on_an_account(route: str) -> bool:
    """Whether a route acts on one account: its path names the account, or a
    sales request (which belongs to one)."""
    return route.startswith(("/v1/accounts/{account_id}", "/v1/sales-requests/{request_id}"))


def versioned(problem_responses: dict[int | str, dict[str, Any]]) -> dict[int | str, Any]:
    """The `responses=` of a GET that answers a versioned resource: its ETag
    (and, through `document`, If-None-Match and 304)."""
    ok = {
        "description": "The resource, with its version as ETag.",
        "headers": {
            "ETag": {
                "description": 'The account\'s version, quoted ("7"): send it as If-None-Match '
                "to read again cheaply, or as If-Match with a change.",
                "schema": {"type": "string"},
            }
        },
    }
    return {200: ok, **problem_responses}
