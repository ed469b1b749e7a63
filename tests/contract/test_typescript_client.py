"""The TypeScript client in clients/typescript compiles against the committed
spec, and runs.

`npm run check` there generates types from openapi/openapi.json with
openapi-typescript (default flags) and type-checks src/usage.ts and
src/scenario.ts, which use them the way a frontend would. A field, status or
media type they rely on and the spec loses makes tsc fail, and so this test.
`npm run scenario` compiles src/scenario.ts and runs it with node, through
openapi-fetch, against a server this test starts. Node and npm are required: CI
has them, so a missing npm is a failure, never a skip.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ADMIN_KEY
from tests.contract.node import client_lock, installed, output, run
from tests.proofs import proof

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "openapi.json"
CLIENT = ROOT / "clients" / "typescript"
GENERATED = Path("src") / "generated" / "schema.d.ts"
CHECK_TIMEOUT = 120
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def operation_ids(spec: dict[str, Any]) -> set[str]:
    return {
        item[method]["operationId"]
        for item in spec["paths"].values()
        for method in HTTP_METHODS
        if method in item
    }


def typed_operations(schema_dts: str) -> set[str]:
    """The members of the generated `operations` interface."""
    match = re.search(r"^export interface operations \{\n(.*?)^\}", schema_dts, re.M | re.S)
    assert match, "the generated schema has no `operations` interface"
    return set(re.findall(r"^    ([A-Za-z_$][\w$]*): \{", match.group(1), re.M))


def generator_warnings(printed: str) -> list[str]:
    """What openapi-typescript printed beyond its banner and the file it wrote."""
    return [
        line
        for line in printed.splitlines()
        if line.strip() and not line.startswith(("✨ openapi-typescript", "🚀 "))
    ]


def test_typescript_client_compiles(capsys: pytest.CaptureFixture[str]) -> None:
    installed(CLIENT)
    with client_lock(CLIENT):
        generated = run(["run", "--silent", "generate"], CLIENT, CHECK_TIMEOUT)
        assert generated.returncode == 0, f"generation failed\n{output(generated)}"
        warnings = generator_warnings(generated.stdout + generated.stderr)
        assert not warnings, "openapi-typescript warned:\n" + "\n".join(warnings)
        result = run(["run", "check"], CLIENT, CHECK_TIMEOUT)
        assert result.returncode == 0, f"`npm run check` failed in {CLIENT}\n{output(result)}"
        schema_dts = (CLIENT / GENERATED).read_text(encoding="utf-8")

    expected = operation_ids(json.loads(SPEC_PATH.read_text(encoding="utf-8")))
    typed = typed_operations(schema_dts)
    assert expected <= typed, f"operations missing from the types: {sorted(expected - typed)}"
    with capsys.disabled():
        proof(f"openapi-typescript: warnings 0; {len(expected)} operations typed, tsc OK")


def test_a_scenario_through_openapi_fetch(
    live_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    installed(CLIENT)
    with client_lock(CLIENT):
        result = run(
            ["run", "--silent", "scenario"],
            CLIENT,
            CHECK_TIMEOUT,
            SEATKEEPER_URL=live_server,
            SEATKEEPER_ADMIN_KEY=ADMIN_KEY,
        )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.returncode == 0 and lines, f"`npm run scenario` failed\n{output(result)}"
    report = json.loads(lines[-1])
    assert report["ok"] is True, output(result)
    assert report["steps"] == [
        "account created",
        "seats filled, seats_exhausted typed (missing, quote, purchase_options)",
        "change previewed and applied with If-Match (412 when stale), agent patched",
        "sales request fulfilled by the rep",
    ]
    with capsys.disabled():
        proof("typescript scenario (openapi-fetch, node): " + "; ".join(report["steps"]))


def test_typescript_check_fails_when_the_spec_loses_a_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check has teeth: drop `assigned` from subscription lines and tsc fails.

    Runs on a copy laid out like the repository (openapi/ next to
    clients/typescript/), so the same `npm run check` script is exercised and
    the real client directory is left alone.
    """
    node_modules = installed(CLIENT)
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    broken = copy.deepcopy(spec)
    line = broken["components"]["schemas"]["LineOut"]
    assert "assigned" in line["properties"], "LineOut.assigned is gone already: update this test"
    del line["properties"]["assigned"]
    line["required"] = [name for name in line.get("required", []) if name != "assigned"]

    (tmp_path / "openapi").mkdir()
    (tmp_path / "openapi" / "openapi.json").write_text(json.dumps(broken), encoding="utf-8")
    client = tmp_path / "clients" / "typescript"
    (client / "src").mkdir(parents=True)
    for name in ("package.json", "package-lock.json", "tsconfig.json"):
        shutil.copy2(CLIENT / name, client / name)
    shutil.copy2(CLIENT / "src" / "usage.ts", client / "src" / "usage.ts")
    try:
        (client / "node_modules").symlink_to(node_modules, target_is_directory=True)
    except OSError:  # no symlinks here (Windows without the privilege)
        shutil.copytree(node_modules, client / "node_modules", symlinks=True)

    with client_lock(CLIENT):  # node_modules is shared with the real client
        result = run(["run", "check"], client, CHECK_TIMEOUT)

    assert result.returncode != 0, f"tsc accepted a spec without LineOut.assigned\n{output(result)}"
    regenerated = (client / GENERATED).read_text(encoding="utf-8")
    assert "LineOut: {" in regenerated, f"generation itself failed\n{output(result)}"
    errors = [text for text in result.stdout.splitlines() if "error TS" in text]
    assert errors, f"the check failed, but not in tsc\n{output(result)}"
    assert all("assigned" in text for text in errors), f"unexpected tsc errors\n{output(result)}"
    with capsys.disabled():
        first = errors[0].split(" on type ")[0]
        proof(f"typescript client without LineOut.assigned: tsc failed as expected: {first}")
