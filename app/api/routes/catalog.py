"""The product catalog."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import CatalogDep, PrincipalDep
from app.api.problems import problems
from app.api.schemas.catalog import CatalogOut

router = APIRouter(prefix="/v1", tags=["catalog"])


@router.get(
    "/catalog",
    summary="Products, add-ons and suites with their prices",
    operation_id="getCatalog",
    responses=problems(401),
)
async def get_catalog(_: PrincipalDep, catalog: CatalogDep) -> CatalogOut:
    return CatalogOut.of(catalog)
