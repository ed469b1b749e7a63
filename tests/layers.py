"""The import graph of `app/`, layer by layer: `python -m tests.layers`.

Each module is named by its layer (`app.services`, `app.db`, `app.api.routes`
...), and each edge says how many import statements cross from one layer to
another. tests/unit/test_layers.py holds the rules this graph must obey.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"

# Packages shown on their own rather than folded into their parent layer.
_SUBLAYERS = {("api", "routes"), ("api", "schemas"), ("db", "fastpath")}


def layer_of(module: str) -> str | None:
    """`app.services.agents` -> `app.services`; None outside `app`."""
    parts = module.split(".")
    if parts[0] != "app":
        return None
    if len(parts) > 2 and (parts[1], parts[2]) in _SUBLAYERS:
        return ".".join(parts[:3])
    return ".".join(parts[:2]) if len(parts) > 1 else "app"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def module_name(path: Path) -> str:
    relative = path.relative_to(APP.parent).with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


def layer_edges() -> Counter[tuple[str, str]]:
    """(from layer, to layer) -> import statements, for edges between layers."""
    edges: Counter[tuple[str, str]] = Counter()
    for path in APP.rglob("*.py"):
        source = layer_of(module_name(path))
        for name in imported_modules(path):
            target = layer_of(name)
            if source and target and target != source:
                edges[source, target] += 1
    return edges


def main() -> None:
    for (source, target), count in sorted(layer_edges().items()):
        sys.stdout.write(f"{source:18} -> {target:18} {count:3}\n")


if __name__ == "__main__":
    main()
