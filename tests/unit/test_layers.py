"""The layers import downwards only (docs/architecture.md): the graph that
`python -m tests.layers` prints must obey these rules."""

from __future__ import annotations

import sys

from tests.layers import APP, imported_modules, layer_edges, module_name

# Who may import whom, top to bottom. A layer not named here (config, logs,
# metrics, runtime, main, cli, serving, workers) is wiring and may import any.
_FORBIDDEN = {
    "app.domain": {
        "app.api",
        "app.api.routes",
        "app.api.schemas",
        "app.services",
        "app.db",
        "app.db.fastpath",
        "app.main",
        "app.runtime",
        "app.config",
    },
    "app.db": {"app.api", "app.api.routes", "app.api.schemas", "app.services", "app.main"},
    "app.services": {"app.api", "app.api.routes", "app.api.schemas", "app.main"},
    "app.api.schemas": {"app.api.routes", "app.db", "app.db.fastpath", "app.main"},
    "app.api.routes": {"app.db", "app.db.fastpath", "app.main"},
}


def test_no_layer_imports_one_above_it() -> None:
    upward = {
        (source, target): count
        for (source, target), count in layer_edges().items()
        if target in _FORBIDDEN.get(source, set())
    }
    assert upward == {}


def test_the_domain_imports_only_the_standard_library_and_itself() -> None:
    outside = {
        module_name(path): sorted(
            name
            for name in imported_modules(path)
            if name.split(".")[0] not in sys.stdlib_module_names
            and not name.startswith("app.domain")
        )
        for path in (APP / "domain").rglob("*.py")
    }
    assert {module: names for module, names in outside.items() if names} == {}
