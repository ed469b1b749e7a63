"""Notifications for the account and for its sales rep, and webhooks for other services."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from app.api.deps import (
    AccountId,
    ClockDep,
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
    NotificationOut,
    WebhookEndpointCreated,
    WebhookEndpointIn,
    WebhookEndpointOut,
)
from app.domain.access import AGENT_MANAGERS
from app.services import notifications, webhooks
from app.services.notifications import REP_ONLY

router = account_router("notifications")
reps = APIRouter(prefix="/v1/notifications", tags=["notifications"])
hooks = account_router("webhooks")

NotificationId = Annotated[str, Path(max_length=64, pattern=NO_NUL, description="`ntf_...`")]
EndpointId = Annotated[str, Path(max_length=64, pattern=NO_NUL, description="`whe_...`")]


@router.get(
    "/notifications",
    summary="Notifications, newest first (seats near limit or full, downgrades, ...)",
    operation_id="listNotifications",
    responses=problems(401, 404, 422),
)
async def list_notifications(
    account_id: AccountId,
    uow: UowDep,
    principal: PrincipalDep,
    unread: bool | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[NotificationOut]:
    page = await notifications.list_notifications(uow, principal, account_id, unread, cursor, limit)
    return Page.of(page, NotificationOut.of)


@router.post(
    "/notifications/{notification_id}/read",
    summary="Mark a notification read",
    operation_id="markNotificationRead",
    responses=problems(401, 404, 422),
)
async def mark_read(
    account_id: AccountId,
    notification_id: NotificationId,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
) -> NotificationOut:
    return NotificationOut.of(
        await notifications.mark_read(uow, principal, account_id, notification_id, clock)
    )


@reps.get(
    "",
    summary="A sales rep's notifications, newest first (new sales requests on their accounts)",
    description="For a `sales_rep` key: the notifications addressed to its email, across the "
    "accounts it represents (`sales_request_submitted`); never an account's own. Other keys "
    "are 403 `insufficient_role`.",
    # The use case checks the role, after the query is read: a page size out of
    # range answers 422 to any key, as the other lists do for the platform admin.
    operation_id="listRepNotifications",
    responses=problems(401, 403, 422),
)
async def list_rep_notifications(
    uow: UowDep,
    principal: PrincipalDep,
    unread: bool | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[NotificationOut]:
    page = await notifications.list_for_rep(uow, principal, unread, cursor, limit)
    return Page.of(page, NotificationOut.of)


@reps.post(
    "/{notification_id}/read",
    summary="Mark one of the rep's notifications read",
    dependencies=[allow(REP_ONLY, "mark a sales rep's notifications read")],
    operation_id="markRepNotificationRead",
    responses=problems(401, 403, 404, 422),
)
async def mark_rep_notification_read(
    notification_id: NotificationId, uow: UowDep, principal: PrincipalDep, clock: ClockDep
) -> NotificationOut:
    return NotificationOut.of(
        await notifications.mark_read_for_rep(uow, principal, notification_id, clock)
    )


@hooks.post(
    "/webhook-endpoints",
    status_code=201,
    summary="Subscribe a URL to event types; answers the signing secret once",
    description="Deliveries follow the Standard Webhooks spec (webhook-id, webhook-timestamp, "
    "webhook-signature). Private, loopback and link-local targets are refused (422 "
    "`private_url`) unless the operator allows them.\n\n"
    "`secret` is shown in this answer only. A replay of it (`Idempotency-Key`) answers the "
    "same endpoint with `secret: null`: the secret is kept once, where signing needs it, "
    "never in a stored answer.",
    dependencies=[allow(AGENT_MANAGERS, "manage webhooks")],
    operation_id="createWebhookEndpoint",
    responses=problems(401, 403, 404, 413, 422),
)
async def create_endpoint(
    account_id: AccountId,
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
        account_id,
        body.url,
        body.event_types,
        runtime.clock,
        allow_private=runtime.settings.webhook_allow_private,
    )
    return WebhookEndpointCreated(
        **WebhookEndpointOut.of(endpoint).model_dump(), secret=endpoint.secret
    )


@hooks.get(
    "/webhook-endpoints",
    summary="List webhook endpoints",
    dependencies=[allow(AGENT_MANAGERS, "read webhooks")],
    operation_id="listWebhookEndpoints",
    responses=problems(401, 403, 404, 422),
)
async def list_endpoints(
    account_id: AccountId,
    uow: UowDep,
    principal: PrincipalDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[WebhookEndpointOut]:
    page = await webhooks.list_endpoints(uow, principal, account_id, cursor, limit)
    return Page.of(page, WebhookEndpointOut.of)


@hooks.delete(
    "/webhook-endpoints/{endpoint_id}",
    status_code=204,
    summary="Remove a webhook endpoint and its pending deliveries",
    dependencies=[allow(AGENT_MANAGERS, "manage webhooks")],
    operation_id="deleteWebhookEndpoint",
    responses=problems(401, 403, 404, 422),
)
async def delete_endpoint(
    account_id: AccountId,
    endpoint_id: EndpointId,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
) -> Response:
    await webhooks.remove_endpoint(uow, principal, account_id, endpoint_id, clock)
    return Response(status_code=204)


@hooks.get(
    "/webhook-endpoints/{endpoint_id}/deliveries",
    summary="Deliveries to an endpoint: status, attempts, last response code, next try",
    dependencies=[allow(AGENT_MANAGERS, "read webhooks")],
    operation_id="listWebhookDeliveries",
    responses=problems(401, 403, 404, 422),
)
async def list_deliveries(
    account_id: AccountId,
    endpoint_id: EndpointId,
    uow: UowDep,
    principal: PrincipalDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[DeliveryOut]:
    page = await webhooks.list_deliveries(uow, principal, account_id, endpoint_id, cursor, limit)
    return Page.of(page, DeliveryOut.of)
