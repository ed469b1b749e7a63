"""Use case: which purchase channels are open to the caller."""

from __future__ import annotations

from app.db.unit_of_work import UnitOfWork
from app.domain.access import Principal
from app.domain.purchase_options import PurchaseOptions, purchase_options
from app.services.access import load_visible


async def get_purchase_options(
    uow: UnitOfWork, principal: Principal, account_id: str
) -> PurchaseOptions:
    async with uow:
        account = await load_visible(uow, principal, account_id)
    return purchase_options(account, principal.role)
