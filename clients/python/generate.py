"""Regenerate the Python client from openapi/openapi.json.

    python clients/python/generate.py             # rewrite clients/python (make clients)
    python clients/python/generate.py --output D  # write a fresh copy to D (the drift test)

openapi-python-client (pinned in pyproject.toml's test extra) writes the
project into a scratch directory, which then replaces the generated parts here
(GENERATED); examples/ and this script are kept. The generator's output is
printed: a warning means the spec has a shape it cannot read, and
tests/contract/test_python_client.py fails on any.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPEC = HERE.parents[1] / "openapi" / "openapi.json"
CONFIG = HERE / "openapi-python-client.yaml"
GENERATED = ("seatkeeper_client", "pyproject.toml", "README.md", ".gitignore")


def generate(output: Path) -> str:
    """Write the generated project's files (GENERATED) into `output`; answer
    what the generator printed. Raises CalledProcessError when it fails."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "client"
        result = subprocess.run(
            [
                str(bin_dir / "openapi-python-client"),
                "generate",
                "--path",
                str(SPEC),
                "--config",
                str(CONFIG),
                "--meta",
                "uv",
                "--output-path",
                str(target),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        printed = result.stdout + result.stderr
        if result.returncode != 0:
            raise subprocess.CalledProcessError(result.returncode, result.args, printed)
        output.mkdir(parents=True, exist_ok=True)
        for name in GENERATED:
            old, new = output / name, target / name
            if old.is_dir():
                shutil.rmtree(old)
            elif old.exists():
                old.unlink()
            if new.is_dir():
                shutil.copytree(new, old, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(new, old)
    return printed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=HERE)
    args = parser.parse_args()
    try:
        print(generate(args.output), end="")
    except subprocess.CalledProcessError as failed:
        print(failed.output, end="", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
