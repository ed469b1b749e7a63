"""Sales requests: filed by the account, worked by its rep (R4)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.api.deps import (
    AccountId,
    CatalogDep,
    ClockDep,
    CursorQuery,
    LimitQuery,
    PrincipalDep,
    UowDep,
    account_router,
    allow,
)
from app.api.problems import problems
from app.api.schemas.common import NO_NUL, Page
from app.api.schemas.sales_requests import DeclineIn, FulfilIn, SalesRequestIn, SalesRequestOut
from app.domain.access import SALES_REQUEST_FILERS
from app.domain.sales_requests import Adjustment, Assignee, RequestStatus
from app.services import sales_requests
from app.services.sales_requests import REP_ROLES

account = account_router("sales requests")
router = APIRouter(prefix="/v1/sales-requests", tags=["sales requests"])

RequestId = Annotated[str, Path(max_length=64, pattern=NO_NUL, description="`sr_...`")]


@account.post(
    "/sales-requests",
    status_code=201,
    summary="File a request to the account's sales rep (a service order)",
    description="Open to owners and admins of sales-assisted accounts, and for legacy-Sell "
    "removals on any account; elsewhere 409 `sales_request_not_available` with the open options. "
    "A viewer key is 403 `insufficient_role`.\n\n"
    "The rep gets a `sales_request_submitted` notification (`GET /v1/notifications`). On an "
    "account with no rep the request goes to customer support (`assigned_to: "
    "customer_support`), and the account's notice says so.\n\n"
    "`temporary_seats` asks for seats between `starts_at` and `ends_at`, checked as on the "
    "temporary-seats page (at most 366 days, 422 `limit_exceeded` past it).",
    operation_id="createSalesRequest",
    responses=problems(401, 403, 404, 409, 413, 422, limits=True),
    dependencies=[allow(SALES_REQUEST_FILERS, "file sales requests")],
)
async def create_sales_request(
    account_id: AccountId,
    body: SalesRequestIn,
    uow: UowDep,
    principal: PrincipalDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> SalesRequestOut:
    request = await sales_requests.submit(uow, principal, account_id, body.to_new(), catalog, clock)
    return SalesRequestOut.of(request)


@account.get(
    "/sales-requests",
    summary="The account's sales requests, newest first",
    operation_id="listAccountSalesRequests",
    responses=problems(401, 404, 422),
)
async def list_account_requests(
    account_id: AccountId,
    uow: UowDep,
    principal: PrincipalDep,
    status: RequestStatus | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[SalesRequestOut]:
    page = await sales_requests.list_for_account(uow, principal, account_id, status, cursor, limit)
    return Page.of(page, SalesRequestOut.of)


@router.get(
    "",
    summary="The reps' queue: every request (platform admin) or the rep's accounts' (sales rep)",
    description="`assigned_to=customer_support` is the queue of requests on accounts with no "
    "rep: a platform admin's only (a sales rep asking for it is 403 `insufficient_role`).",
    dependencies=[allow(REP_ROLES, "read the sales-request queue")],
    operation_id="listSalesRequestQueue",
    responses=problems(401, 403, 422),
)
async def read_queue(
    uow: UowDep,
    principal: PrincipalDep,
    status: RequestStatus | None = None,
    assigned_to: Assignee | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[SalesRequestOut]:
    page = await sales_requests.queue(uow, principal, status, assigned_to, cursor, limit)
    return Page.of(page, SalesRequestOut.of)


@router.get(
    "/{request_id}",
    summary="Read one sales request",
    operation_id="getSalesRequest",
    responses=problems(401, 404, 422),
)
async def read_request(
    request_id: RequestId, uow: UowDep, principal: PrincipalDep
) -> SalesRequestOut:
    return SalesRequestOut.of(await sales_requests.get(uow, principal, request_id))


@router.post(
    "/{request_id}/fulfill",
    summary="Fulfil: apply the change by the seat-change rules (parity, downgrades, proration)",
    description="The optional body adjusts the request before it is applied: `seats` instead "
    "of those asked for, `effective` (`immediately` or `at_renewal`, for add and remove), and "
    "a `note` for the account. A temporary_seats request is granted through the "
    "temporary-seats rules and answers `temporary_seats_id`.",
    dependencies=[allow(REP_ROLES, "fulfil sales requests")],
    operation_id="fulfillSalesRequest",
    responses=problems(401, 403, 404, 409, 413, 422, limits=True),
)
async def fulfill_request(
    request_id: RequestId,
    uow: UowDep,
    principal: PrincipalDep,
    catalog: CatalogDep,
    clock: ClockDep,
    body: FulfilIn | None = None,
) -> SalesRequestOut:
    adjustment = body.to_adjustment() if body is not None else Adjustment()
    return SalesRequestOut.of(
        await sales_requests.fulfil(uow, principal, request_id, adjustment, catalog, clock)
    )


@router.post(
    "/{request_id}/decline",
    summary="Decline, with a reason the account sees",
    dependencies=[allow(REP_ROLES, "decline sales requests")],
    operation_id="declineSalesRequest",
    responses=problems(401, 403, 404, 409, 413, 422),
)
async def decline_request(
    request_id: RequestId, body: DeclineIn, uow: UowDep, principal: PrincipalDep, clock: ClockDep
) -> SalesRequestOut:
    return SalesRequestOut.of(
        await sales_requests.decline(uow, principal, request_id, body.reason, clock)
    )


@router.post(
    "/{request_id}/cancel",
    summary="Cancel a submitted request (the account's side)",
    operation_id="cancelSalesRequest",
    responses=problems(401, 403, 404, 409, 422),
)
async def cancel_request(
    request_id: RequestId, uow: UowDep, principal: PrincipalDep, clock: ClockDep
) -> SalesRequestOut:
    return SalesRequestOut.of(await sales_requests.cancel(uow, principal, request_id, clock))
