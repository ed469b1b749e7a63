"""The fast paths stay behind their fence: app/db/fastpath is the only place
that imports asyncpg or its own private modules."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
FENCE = APP / "db" / "fastpath"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_fastpath_package_reaches_the_driver_or_its_private_modules() -> None:
    leaks = {
        str(path.relative_to(APP)): sorted(
            name
            for name in _imports(path)
            if name.split(".")[0] == "asyncpg" or name.startswith("app.db.fastpath._")
        )
        for path in APP.rglob("*.py")
        if FENCE not in path.parents
    }
    assert {path: names for path, names in leaks.items() if names} == {}
