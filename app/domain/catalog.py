"""The catalog: products, add-ons and the suites that bundle them (R8)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from app.domain.errors import InvalidRequest
from app.domain.limits import MAX_SEATS_PER_LINE

DEFAULT_MAX_SEATS = 100_000

ProductKind = Literal["product", "addon"]


@dataclass(frozen=True, slots=True)
class Product:
    code: str
    name: str
    kind: ProductKind
    monthly_price: int  # minor units of `currency`, per seat
    currency: str


@dataclass(frozen=True, slots=True)
class Suite:
    code: str
    name: str
    products: tuple[str, ...]


class CatalogError(ValueError):
    """The catalog definition itself is inconsistent."""


@dataclass(frozen=True, slots=True)
class Catalog:
    products: Mapping[str, Product]
    suites: Mapping[str, Suite]
    max_seats: int = DEFAULT_MAX_SEATS

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Catalog:
        """Build a catalog from its JSON form, refusing anything inconsistent."""
        try:
            products = {
                p["code"]: Product(
                    code=str(p["code"]),
                    name=str(p["name"]),
                    kind=p.get("kind", "product"),
                    monthly_price=int(p["monthly_price"]),
                    currency=str(p["currency"]).upper(),
                )
                for p in data["products"]
            }
            suites = {
                s["code"]: Suite(
                    code=str(s["code"]), name=str(s["name"]), products=tuple(s["products"])
                )
                for s in data.get("suites", [])
            }
            max_seats = int(data.get("max_seats", DEFAULT_MAX_SEATS))
        except (KeyError, TypeError, ValueError) as exc:
            raise CatalogError(f"malformed catalog: {exc!r}") from exc
        for product in products.values():
            if product.kind not in ("product", "addon"):
                raise CatalogError(f"product {product.code!r} has unknown kind {product.kind!r}")
            if product.monthly_price < 0:
                raise CatalogError(f"product {product.code!r} has a negative price")
        seen: dict[str, str] = {}
        for suite in suites.values():
            if not suite.products:
                raise CatalogError(f"suite {suite.code!r} has no products")
            if suite.code in products:
                raise CatalogError(f"suite {suite.code!r} shares its code with a product")
            for code in suite.products:
                if code not in products:
                    raise CatalogError(f"suite {suite.code!r} names unknown product {code!r}")
                # A product in two suites would make parity ambiguous.
                if code in seen:
                    raise CatalogError(
                        f"product {code!r} is in suites {seen[code]!r} and {suite.code!r}"
                    )
                seen[code] = suite.code
        if not 1 <= max_seats <= MAX_SEATS_PER_LINE:
            raise CatalogError(f"max_seats must be between 1 and {MAX_SEATS_PER_LINE}")
        return cls(products=products, suites=suites, max_seats=max_seats)


def resolve_target(catalog: Catalog, suite: str | None, product: str | None) -> tuple[str, ...]:
    """The products a target names: every product of a suite, or the one product.

    The one place a suite, product or add-on name is checked against the
    catalog, so every use case refuses an unknown name the same way.
    """
    if suite is not None:
        found = catalog.suites.get(suite)
        if found is None:
            raise InvalidRequest(f"Unknown suite {suite!r}.", code="unknown_suite")
        return found.products
    assert product is not None
    if product not in catalog.products:
        raise InvalidRequest(f"Unknown product {product!r}.", code="unknown_product")
    return (product,)
