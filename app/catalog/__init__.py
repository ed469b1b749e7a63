"""Reading the catalog file: the shipped default, or the operator's own."""

from __future__ import annotations

import json
from pathlib import Path

from app.domain.catalog import Catalog, CatalogError

DEFAULT_CATALOG = Path(__file__).with_name("default.json")


def load_catalog(path: Path | None) -> Catalog:
    source = path or DEFAULT_CATALOG
    try:
        return Catalog.from_dict(json.loads(source.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        reason = exc if isinstance(exc, CatalogError) else f"cannot read {source}: {exc}"
        raise CatalogError(f"SEATKEEPER_CATALOG_FILE: {reason}") from None
