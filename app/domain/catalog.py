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
    base: str | None = None  # an add-on's base product: its seats never exceed the base's


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
                    base=str(p["base"]) if p.get("base") is not None else None,
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
            _check_base(product, products)
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
        for product in products.values():
            # Parity keeps a suite's lines equal: an add-on sold in a suite
            # without its base could be held above it.
            in_suite = seen.get(product.code)
            if product.base is not None and in_suite and seen.get(product.base) != in_suite:
                raise CatalogError(
                    f"add-on {product.code!r} is in suite {in_suite!r} without its base "
                    f"{product.base!r}"
                )
        if not 1 <= max_seats <= MAX_SEATS_PER_LINE:
            raise CatalogError(f"max_seats must be between 1 and {MAX_SEATS_PER_LINE}")
        return cls(products=products, suites=suites, max_seats=max_seats)

    def base_of(self, product: str) -> str | None:
        """The base product an add-on needs, or None for a product."""
        found = self.products.get(product)
        return found.base if found is not None else None


def _check_base(product: Product, products: Mapping[str, Product]) -> None:
    """Every add-on names its base, a product (not an add-on) of the catalog."""
    if product.kind == "addon":
        base = products.get(product.base) if product.base is not None else None
        if base is None or base.kind != "product":
            raise CatalogError(
                f"add-on {product.code!r} needs a base product, not {product.base!r}"
            )
    elif product.base is not None:
        raise CatalogError(f"product {product.code!r} is not an add-on: it has no base")


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


def addons_over_base(catalog: Catalog, levels: Mapping[str, int]) -> list[tuple[str, str]]:
    """The (add-on, base) pairs whose add-on would have more seats than its
    base: `levels` holds every line of an account, as it would be after a
    change (seat totals, or capacities). A base not subscribed has none."""
    return [
        (product, base)
        for product, count in levels.items()
        if (base := catalog.base_of(product)) is not None and count > levels.get(base, 0)
    ]


def check_addons(catalog: Catalog, levels: Mapping[str, int], what: str = "seats") -> None:
    """An add-on needs its base product: its `what` never exceed the base's.
    Refuses raising the add-on past the base as well as lowering the base
    under the add-on."""
    over = addons_over_base(catalog, levels)
    if over:
        addon, base = over[0]
        raise InvalidRequest(
            f"{addon!r} is an add-on of {base!r}: its {what} ({levels[addon]}) may not exceed "
            f"{base!r}'s ({levels.get(base, 0)}). Change both together, or the base first.",
            code="addon_exceeds_base",
            addon=addon,
            base=base,
            addon_seats=levels[addon],
            base_seats=levels.get(base, 0),
        )


def fit_addons(catalog: Catalog, levels: Mapping[str, int]) -> dict[str, int]:
    """The levels with every add-on lowered to its base where it was above it:
    what a change applied with nobody to refuse it to (a renewal) does."""
    fitted = dict(levels)
    for addon, base in addons_over_base(catalog, levels):
        fitted[addon] = levels.get(base, 0)
    return fitted
