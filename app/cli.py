"""The `seatkeeper` command: migrate, serve, write the spec, mint an admin key."""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
from pathlib import Path

from app.config import ConfigurationError, Settings, load_settings
from app.db.startup_checks import DatabaseProblem, check_database
from app.domain.catalog import CatalogError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="seatkeeper", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    migrate = commands.add_parser("migrate", help="migrate the configured database")
    migrate.add_argument("revision", nargs="?", default="head")
    serve = commands.add_parser("serve", help="start the HTTP service")
    serve.add_argument("--workers", type=int, default=1)
    spec = commands.add_parser("openapi", help="write the OpenAPI spec")
    spec.add_argument("--output", type=Path, default=None, help="file to write (default: stdout)")
    key = commands.add_parser("create-admin-key", help="mint a platform-admin key and print it")
    key.add_argument("--name", default="cli")
    commands.add_parser("dispatch", help="run the webhook dispatcher until SIGTERM")
    jobs = commands.add_parser("jobs", help="scheduled jobs")
    jobs.add_argument("action", choices=["run"], help="run every due job once")
    args = parser.parse_args(argv)

    try:
        settings = load_settings()
        if args.command == "migrate":
            return _migrate(settings, args.revision)
        if args.command == "serve":
            return _serve(settings, args.workers)
        if args.command == "openapi":
            return _write_openapi(settings, args.output)
        if args.command == "dispatch":
            return asyncio.run(_dispatch(settings))
        if args.command == "jobs":
            return asyncio.run(_run_jobs(settings))
        return asyncio.run(_create_admin_key(settings, args.name))
    except (ConfigurationError, CatalogError) as exc:
        print(f"seatkeeper: invalid configuration: {exc}", file=sys.stderr)
        return 2
    except DatabaseProblem as exc:
        print(f"seatkeeper: {exc}", file=sys.stderr)
        return 2


def _check_database(url: str, *, migrated: bool) -> None:
    """After the settings, before anything that connects: a database that
    cannot be used stops the command in one line (DatabaseProblem), where it
    would fail later with a traceback, and SQLite would have left an empty
    file where the database was expected."""
    asyncio.run(check_database(url, migrated=migrated))


def _migrate(settings: Settings, revision: str) -> int:
    from app.db.migrate import upgrade
    from app.db.startup_checks import describe, removing_new_sqlite_file

    _check_database(settings.database_url, migrated=False)
    try:
        with removing_new_sqlite_file(settings.database_url):
            upgrade(settings.database_url, revision)
    except Exception as exc:
        problem = describe(exc, settings.database_url)
        if problem is None:
            raise
        raise problem from exc
    return 0


def _serve(settings: Settings, workers: int) -> int:
    from app.catalog import load_catalog
    from app.logs import configure_logging
    from app.serving import serve

    load_catalog(settings.catalog_file)  # fail here, in one line, not in each worker
    _check_database(settings.database_url, migrated=True)
    configure_logging(settings.log_level)  # the supervisor's lines too, as JSON
    # uvicorn re-raises SIGTERM after its graceful shutdown; a clean stop exits 0.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    serve(
        "app.main:create_app",
        workers=workers,
        factory=True,
        host=settings.host,
        port=settings.port,
        log_config=None,
        log_level=settings.log_level,
        proxy_headers=True,
        timeout_graceful_shutdown=30,
    )
    return 0


def _write_openapi(settings: Settings, output: Path | None) -> int:
    from app.main import create_app

    text = json.dumps(create_app(settings).openapi(), indent=2, sort_keys=True) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    return 0


async def _create_admin_key(settings: Settings, name: str) -> int:
    from app.db.engine import make_engine, make_session_factory
    from app.db.unit_of_work import UnitOfWork
    from app.domain.access import Principal, Role
    from app.services.api_keys import mint_platform_key
    from app.services.clock import SystemClock
    from app.services.usage import announce_usage

    await check_database(settings.database_url, migrated=True)
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        cli = Principal(key_id="cli", role=Role.PLATFORM_ADMIN)
        uow = UnitOfWork(make_session_factory(engine), announce=announce_usage)
        _, secret = await mint_platform_key(
            uow, cli, name, Role.PLATFORM_ADMIN, None, SystemClock()
        )
    finally:
        await engine.dispose()
    print(secret)
    return 0


async def _dispatch(settings: Settings) -> int:
    from app.catalog import load_catalog
    from app.db.engine import make_engine, make_session_factory
    from app.db.fastpath import EngineReader
    from app.db.views import Views
    from app.logs import configure_logging
    from app.runtime import Runtime
    from app.services.clock import SystemClock
    from app.services.key_cache import KeyCache
    from app.workers import run_until_signalled

    catalog = load_catalog(settings.catalog_file)
    await check_database(settings.database_url, migrated=True)
    configure_logging(settings.log_level)
    engine = make_engine(
        settings.database_url,
        pool_size=2,
        application_name=f"{settings.db_application_name}-dispatch",
    )
    runtime = Runtime(
        settings=settings.model_copy(update={"dispatcher": True, "jobs_interval": 0}),
        engine=engine,
        sessions=make_session_factory(engine),
        views=Views(EngineReader(engine)),  # the dispatcher reads no keys or accounts
        catalog=catalog,
        clock=SystemClock(),
        keys=KeyCache(),
    )
    try:
        await run_until_signalled(runtime)
    finally:
        await engine.dispose()
    return 0


async def _run_jobs(settings: Settings) -> int:
    from app.catalog import load_catalog
    from app.db.engine import make_engine, make_session_factory
    from app.db.unit_of_work import UnitOfWork
    from app.services.clock import SystemClock
    from app.services.jobs import run_due_jobs
    from app.services.usage import announce_usage

    catalog = load_catalog(settings.catalog_file)
    await check_database(settings.database_url, migrated=True)
    engine = make_engine(settings.database_url, pool_size=1)
    sessions = make_session_factory(engine)
    try:
        report = await run_due_jobs(
            lambda: UnitOfWork(sessions, announce=announce_usage),
            catalog,
            SystemClock(),
            settings.temporary_seats_warning,
        )
    finally:
        await engine.dispose()
    print(json.dumps(report.as_dict()))
    # A one-off run has no /metrics to count what failed: its exit status says
    # so to cron or the orchestrator (the items are retried on the next run).
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
