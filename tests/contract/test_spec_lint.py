"""openapi/openapi.json passes Redocly CLI's lint (its `recommended` rules, as
openapi/redocly.yaml sets them) with no error and no warning. The few reports
that are the design are listed, with the reason, in
openapi/.redocly.lint-ignore.yaml. Node and npm are required (see node.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.contract.node import client_lock, installed, output, run
from tests.proofs import proof

OPENAPI = Path(__file__).resolve().parents[2] / "openapi"
LINT_TIMEOUT = 120
STYLISH = re.compile(r"^\s*\d+:\d+\s+(error|warning)\s")


def test_redocly_lint_finds_no_error_and_no_warning(capsys: pytest.CaptureFixture[str]) -> None:
    installed(OPENAPI)
    with client_lock(OPENAPI):
        result = run(["run", "--silent", "lint"], OPENAPI, LINT_TIMEOUT)
    printed = result.stdout + result.stderr
    # Stylish format: "  6500:3  warning  info-license  Info object should ...".
    problems = [line for line in printed.splitlines() if STYLISH.match(line)]
    assert result.returncode == 0 and not problems, f"redocly lint\n{output(result)}"
    assert "Your API description is valid" in printed, output(result)
    assert "You have" not in printed, output(result)  # "You have 3 warnings."
    with capsys.disabled():
        proof("redocly lint (recommended): 0 errors, 0 warnings")
