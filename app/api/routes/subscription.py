"""Seats and usage of an account."""

from __future__ import annotations

from fastapi import Response

from app.api.conditional import answer_etag, versioned
from app.api.deps import AccountId, PrincipalDep, RuntimeDep, UowDep, account_router
from app.api.problems import problems
from app.api.schemas.purchase_options import PurchaseOptionsOut
from app.api.schemas.subscription import SubscriptionOut
from app.services.purchase_options import get_purchase_options
from app.services.subscription import get_subscription

router = account_router("subscription")


@router.get(
    "/subscription",
    summary="Seats, capacity and usage per product, the change pending, the version as ETag",
    operation_id="getSubscription",
    responses=versioned(problems(401, 404, 422)),
)
async def read_subscription(
    account_id: AccountId, runtime: RuntimeDep, principal: PrincipalDep, response: Response
) -> SubscriptionOut:
    subscription = await get_subscription(runtime.views, principal, account_id)
    answer_etag(response, subscription.account.version)
    return SubscriptionOut.of(subscription.account, subscription.pending_change)


@router.get(
    "/purchase-options",
    summary="Which ways to buy or remove seats are open to this key, and why not the others",
    operation_id="getPurchaseOptions",
    responses=problems(401, 404, 422),
)
async def read_purchase_options(
    account_id: AccountId, uow: UowDep, principal: PrincipalDep
) -> PurchaseOptionsOut:
    options = await get_purchase_options(uow, principal, account_id)
    return PurchaseOptionsOut.model_validate(options.to_dict())
