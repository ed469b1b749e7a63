"""The catalog on the wire."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.domain.catalog import Catalog, ProductKind


class ProductOut(BaseModel):
    code: str
    name: str
    kind: ProductKind
    monthly_price: int
    currency: str
    base: str | None = Field(
        default=None,
        description="An add-on's base product: the add-on's seats never exceed the base's "
        "(`addon_exceeds_base`). Null for a product.",
        examples=["sell"],
    )


class SuiteOut(BaseModel):
    code: str
    name: str
    products: list[str]


class CatalogOut(BaseModel):
    products: list[ProductOut]
    suites: list[SuiteOut]
    max_seats: int

    @classmethod
    def of(cls, catalog: Catalog) -> CatalogOut:
        return cls(
            products=[
                ProductOut(
                    code=p.code,
                    name=p.name,
                    kind=p.kind,
                    monthly_price=p.monthly_price,
                    currency=p.currency,
                    base=p.base,
                )
                for p in catalog.products.values()
            ],
            suites=[
                SuiteOut(code=s.code, name=s.name, products=list(s.products))
                for s in catalog.suites.values()
            ],
            max_seats=catalog.max_seats,
        )
