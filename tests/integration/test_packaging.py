"""What ships: the wheel, and the Docker image's health check.

Docker itself is not needed: the wheel is built and installed here, and the
image's HEALTHCHECK command is run as the image would run it."""

from __future__ import annotations

import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.db.migrate import head_revisions
from tests.conftest import ADMIN_KEY
from tests.servers import clean_env, free_port, running_server

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy of what the Dockerfile copies: setuptools writes build/
    # and *.egg-info beside the sources, and the clone must stay as it was.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("app", "migrations"):
        skip = shutil.ignore_patterns("__pycache__")
        shutil.copytree(ROOT / folder, source / folder, ignore=skip)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("seatkeeper-*.whl")
    return built


def test_the_wheel_carries_the_migrations_inside_app_and_no_other_top_level_package(
    wheel: Path,
) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {
        "app",
        wheel.name.split("-py")[0] + ".dist-info",
    }
    shipped = {n for n in names if n.startswith("app/migrations/versions/") and n.endswith(".py")}
    in_repo = {
        f"app/migrations/versions/{p.name}" for p in (ROOT / "migrations" / "versions").glob("*.py")
    }
    assert shipped == in_repo
    assert {"app/migrations/env.py", "app/migrations/script.py.mako"} <= set(names)


def test_an_installed_wheel_migrates_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            wheel,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    database = tmp_path / "sk.db"
    # The installed copy of `app` first on the path, the dependencies from this venv.
    script = (
        "import sys, app; from app.cli import main; "
        "print(app.__file__, file=sys.stderr); sys.exit(main(['migrate']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=clean_env(PYTHONPATH=str(site), SEATKEEPER_DATABASE_URL=f"sqlite:///{database}"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == str(site / "app" / "__init__.py")
    with sqlite3.connect(database) as connection:
        versions = {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
    assert versions == head_revisions()


def healthcheck_command() -> str:
    match = re.search(r"^HEALTHCHECK .*?CMD (.+?)$", DOCKERFILE, re.MULTILINE | re.DOTALL)
    assert match is not None, "the Dockerfile has no HEALTHCHECK"
    return match.group(1)


def test_the_images_health_check_passes_on_a_ready_server_and_fails_without_one(
    database_url: str,
) -> None:
    command = healthcheck_command()
    assert "/readyz" in command
    with running_server(database_url, ADMIN_KEY) as base:
        port = base.rsplit(":", 1)[1]
        ready = subprocess.run(
            ["sh", "-c", command], env=clean_env(SEATKEEPER_PORT=port), capture_output=True
        )
    assert ready.returncode == 0, ready.stderr
    nobody = subprocess.run(
        ["sh", "-c", command], env=clean_env(SEATKEEPER_PORT=str(free_port())), capture_output=True
    )
    assert nobody.returncode == 1


def test_the_image_installs_the_lock_on_a_pinned_base_and_keeps_data_in_a_volume() -> None:
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", DOCKERFILE, re.MULTILINE)
    assert base is not None
    assert re.fullmatch(r"python:3\.11\.\d+-slim-[a-z]+(@sha256:[0-9a-f]{64})?", base.group(1))
    assert "RUN pip install --require-hashes -r requirements/runtime.txt" in DOCKERFILE
    assert "RUN pip install --no-deps ." in DOCKERFILE
    assert 'VOLUME ["/data"]' in DOCKERFILE
    assert "SEATKEEPER_DATABASE_URL=sqlite:////data/seatkeeper.db" in DOCKERFILE
    assert re.search(r"^USER 10001:10001$", DOCKERFILE, re.MULTILINE)
    assert shlex.split(healthcheck_command())[0] == "python"  # the slim image has no curl
