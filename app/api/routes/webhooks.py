"""Webhooks for other services: an account's endpoints (its owner and admins),
the platform's (every account's events, for CRM and billing), and the
catalog of event types. Both kinds of endpoint have the same routes, built
once by `_install`: only the prefix, the roles and the operation ids differ."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response

from app.api.deps import (
    CursorQuery,
    LimitQuery,
    PrincipalDep,
    RuntimeDep,
    UowDep,
    account_router,
    allow,
)
from app.api.idempotency import withhold_from_replay
from app.api.problems import problems
from app.api.schemas.common import NO_NUL, Page
from app.api.schemas.notifications import (
    DeliveryOut,
    EventTypeOut,
    EventTypesOut,
    WebhookEndpointCreated,
    WebhookEndpointIn,
    WebhookEndpointOut,
    WebhookEndpointPatch,
)
from app.domain.access import AGENT_MANAGERS, PLATFORM_ADMIN_ONLY, Role
from app.domain.event_types import EVENT_TYPES
from app.services import webhooks
from app.services.webhooks import EndpointChanges

account = account_router("webhooks")
platform = APIRouter(prefix="/v1", tags=["webhooks"])
event_types = APIRouter(prefix="/v1", tags=["webhooks"])

EndpointId = Annotated[str, Path(max_length=64, pattern=NO_NUL, description="`whe_...`")]
DeliveryId = Annotated[str, Path(max_length=64, pattern=NO_NUL, description="`dlv_...`")]


async def _scope(request: Request) -> str | None:
    """The account of an account route (the tenant wall already let it
    through), or None on a platform route."""
    account_id: str | None = request.path_params.get("account_id")
    return account_id


ScopeDep = Annotated[str | None, Depends(_scope)]

CREATE_DESCRIPTION = (
    "Deliveries follow the Standard Webhooks spec (webhook-id, webhook-timestamp, "
    "webhook-signature). Private, loopback and link-local targets are refused (422 "
    "`private_url`) unless the operator allows them; every type must be one of "
    "`GET /v1/event-types` (422 `unknown_event_type`).\n\n"
    "`secret` is shown in this answer only. A replay of it (`Idempotency-Key`) answers the "
    "same endpoint with `secret: null`: the secret is kept once, where signing needs it, "
    "never in a stored answer."
)


@event_types.get(
    "/event-types",
    summary="Every event type, with what it means",
    description="The same names in the audit trail and on webhooks. The payload of each is "
    "described under `webhooks` in this document.",
    operation_id="listEventTypes",
    responses=problems(401),
)
async def list_event_types(_: PrincipalDep) -> EventTypesOut:
    return EventTypesOut(data=[EventTypeOut.of(t) for t in EVENT_TYPES.values()])


def _install(router: APIRouter, roles: frozenset[Role], kind: str, whose: str) -> None:
    """The endpoint routes on `router`; `kind` goes into the operation ids."""
    manage = [allow(roles, "manage webhooks")]
    read = [allow(roles, "read webhooks")]
    name = f"{kind}WebhookEndpoint"

    @router.post(
        "/webhook-endpoints",
        status_code=201,
        summary=f"Subscribe a URL to {whose} events; answers the signing secret once",
        description=CREATE_DESCRIPTION,
        dependencies=manage,
        operation_id=f"create{name}",
        responses=problems(401, 403, 404, 413, 422),
    )
    async def create_endpoint(
        scope: ScopeDep,
        body: WebhookEndpointIn,
        uow: UowDep,
        principal: PrincipalDep,
        runtime: RuntimeDep,
        request: Request,
    ) -> WebhookEndpointCreated:
        withhold_from_replay(request, "secret")
        endpoint = await webhooks.add_endpoint(
            uow,
            principal,
            scope,
            body.url,
            body.event_types,
            runtime.clock,
            allow_private=runtime.settings.webhook_allow_private,
        )
        return WebhookEndpointCreated(
            **WebhookEndpointOut.of(endpoint).model_dump(), secret=endpoint.secret
        )

    @router.get(
        "/webhook-endpoints",
        summary=f"List {whose} webhook endpoints",
        dependencies=read,
        operation_id=f"list{name}s",
        responses=problems(401, 403, 404, 422),
    )
    async def list_endpoints(
        scope: ScopeDep,
        uow: UowDep,
        principal: PrincipalDep,
        runtime: RuntimeDep,
        limit: LimitQuery = 50,
        cursor: CursorQuery = None,
    ) -> Page[WebhookEndpointOut]:
        page = await webhooks.list_endpoints(uow, principal, scope, cursor, limit)
        now = runtime.clock.now()
        return Page.of(page, lambda e: WebhookEndpointOut.of(e, now))

    @router.get(
        "/webhook-endpoints/{endpoint_id}",
        summary=f"One of {whose} webhook endpoints",
        dependencies=read,
        operation_id=f"get{name}",
        responses=problems(401, 403, 404, 422),
    )
    async def get_endpoint(
        scope: ScopeDep,
        endpoint_id: EndpointId,
        uow: UowDep,
        principal: PrincipalDep,
        runtime: RuntimeDep,
    ) -> WebhookEndpointOut:
        endpoint = await webhooks.get_endpoint(uow, principal, scope, endpoint_id)
        return WebhookEndpointOut.of(endpoint, runtime.clock.now())

    @router.patch(
        "/webhook-endpoints/{endpoint_id}",
        summary="Change the URL, the event types, or whether it is enabled",
        description="A new URL is checked as on creation (`invalid_url`, `private_url`, "
        "`unresolvable_url`); types as on creation (`unknown_event_type`).",
        dependencies=manage,
        operation_id=f"update{name}",
        responses=problems(401, 403, 404, 413, 422),
    )
    async def update_endpoint(
        scope: ScopeDep,
        endpoint_id: EndpointId,
        body: WebhookEndpointPatch,
        uow: UowDep,
        principal: PrincipalDep,
        runtime: RuntimeDep,
    ) -> WebhookEndpointOut:
        changes = EndpointChanges(url=body.url, event_types=body.event_types, enabled=body.enabled)
        endpoint = await webhooks.update_endpoint(
            uow,
            principal,
            scope,
            endpoint_id,
            changes,
            runtime.clock,
            allow_private=runtime.settings.webhook_allow_private,
        )
        return WebhookEndpointOut.of(endpoint, runtime.clock.now())

    @router.post(
        "/webhook-endpoints/{endpoint_id}/rotate-secret",
        summary="Replace the signing secret; the old one signs too for 24 h",
        description="Answers the new secret once (null in a replay). For 24 h every delivery "
        "carries two signatures in `webhook-signature`, space separated: one with the new "
        "secret, one with the old, so a receiver can switch over without missing one.",
        dependencies=manage,
        operation_id=f"rotate{name}Secret",
        responses=problems(401, 403, 404, 422),
    )
    async def rotate_secret(
        scope: ScopeDep,
        endpoint_id: EndpointId,
        uow: UowDep,
        principal: PrincipalDep,
        runtime: RuntimeDep,
        request: Request,
    ) -> WebhookEndpointCreated:
        withhold_from_replay(request, "secret")
        endpoint = await webhooks.rotate_secret(uow, principal, scope, endpoint_id, runtime.clock)
        shown = WebhookEndpointOut.of(endpoint, runtime.clock.now()).model_dump()
        return WebhookEndpointCreated(**shown, secret=endpoint.secret)

    @router.post(
        "/webhook-endpoints/{endpoint_id}/test",
        status_code=202,
        summary="Send a `webhook.test` event to this endpoint only",
        description="Answers the queued delivery; follow it in the endpoint's deliveries. "
        "409 `webhook_endpoint_disabled` while the endpoint is disabled.",
        dependencies=manage,
        operation_id=f"test{name}",
        responses=problems(401, 403, 404, 409, 422),
    )
    async def test_endpoint(
        scope: ScopeDep,
        endpoint_id: EndpointId,
        uow: UowDep,
        principal: PrincipalDep,
        runtime: RuntimeDep,
    ) -> DeliveryOut:
        delivery = await webhooks.send_test(uow, principal, scope, endpoint_id, runtime.clock)
        return DeliveryOut.of(delivery)

    @router.delete(
        "/webhook-endpoints/{endpoint_id}",
        status_code=204,
        summary="Remove a webhook endpoint and its pending deliveries",
        dependencies=manage,
        operation_id=f"delete{name}",
        responses=problems(401, 403, 404, 422),
    )
    async def delete_endpoint(
        scope: ScopeDep,
        endpoint_id: EndpointId,
        uow: UowDep,
        principal: PrincipalDep,
        runtime: RuntimeDep,
    ) -> Response:
        await webhooks.remove_endpoint(uow, principal, scope, endpoint_id, runtime.clock)
        return Response(status_code=204)

    @router.get(
        "/webhook-endpoints/{endpoint_id}/deliveries",
        summary="Deliveries to an endpoint: status, attempts, last response code, next try",
        dependencies=read,
        operation_id=f"list{kind}WebhookDeliveries",
        responses=problems(401, 403, 404, 422),
    )
    async def list_deliveries(
        scope: ScopeDep,
        endpoint_id: EndpointId,
        uow: UowDep,
        principal: PrincipalDep,
        limit: LimitQuery = 50,
        cursor: CursorQuery = None,
    ) -> Page[DeliveryOut]:
        page = await webhooks.list_deliveries(uow, principal, scope, endpoint_id, cursor, limit)
        return Page.of(page, DeliveryOut.of)

    @router.post(
        "/deliveries/{delivery_id}/retry",
        summary="Send a delivery again now, whatever became of it",
        description="It is due at once, with a fresh day of retries. 409 "
        "`delivery_in_progress` while it is being sent.",
        dependencies=manage,
        operation_id=f"retry{kind}WebhookDelivery",
        responses=problems(401, 403, 404, 409, 422),
    )
    async def retry_delivery(
        scope: ScopeDep,
        delivery_id: DeliveryId,
        uow: UowDep,
        principal: PrincipalDep,
        runtime: RuntimeDep,
    ) -> DeliveryOut:
        delivery = await webhooks.retry_delivery(uow, principal, scope, delivery_id, runtime.clock)
        return DeliveryOut.of(delivery)


_install(account, AGENT_MANAGERS, "", "this account's")
_install(platform, PLATFORM_ADMIN_ONLY, "Platform", "every account's")
