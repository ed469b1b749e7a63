"""Health, readiness, request ids, body limits, docs and the committed spec."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from app.config import Settings
from app.db.engine import make_engine
from app.db.models import ApiKeyRow
from app.main import create_app
from tests.conftest import ADMIN_KEY

SPEC = Path(__file__).parents[2] / "openapi" / "openapi.json"


async def test_health_and_readiness_answer_when_all_is_well(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ready"}


async def test_readiness_answers_503_when_the_database_is_unreachable(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime = app.state.runtime
    dead = make_engine("postgresql+asyncpg://postgres@127.0.0.1:9/nowhere", pool_size=1)
    app.state.runtime = dataclasses.replace(runtime, engine=dead)
    try:
        response = await client.get("/readyz")
    finally:
        app.state.runtime = runtime
        await dead.dispose()
    assert response.status_code == 503
    assert response.json()["code"] == "database_unavailable"


async def test_every_answer_carries_a_request_id_and_echoes_the_callers(
    client: httpx.AsyncClient,
) -> None:
    generated = await client.get("/healthz")
    echoed = await client.get("/v1/catalog", headers={"X-Request-ID": "trace-42"})
    failed = await client.get("/v1/nowhere")
    assert len(generated.headers["x-request-id"]) == 32
    assert echoed.headers["x-request-id"] == "trace-42"
    assert failed.status_code == 404
    assert failed.headers["x-request-id"]
    assert failed.json()["code"] == "not_found"


async def test_a_body_over_one_mebibyte_is_refused_with_413(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/accounts",
        content=b'{"name": "' + b"x" * (1024 * 1024) + b'"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


async def test_a_wrong_method_is_a_problem_too(client: httpx.AsyncClient) -> None:
    response = await client.put("/v1/catalog")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"


async def test_the_docs_are_served_with_local_assets(client: httpx.AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "/static/docs/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    script = await client.get("/static/docs/swagger-ui-bundle.js")
    assert script.status_code == 200
    assert len(script.content) > 100_000
    assert (await client.get("/redoc")).status_code == 200


async def test_the_committed_spec_is_what_the_app_serves(client: httpx.AsyncClient) -> None:
    served = (await client.get("/openapi.json")).json()
    committed = json.loads(SPEC.read_text())
    assert served == committed, "openapi/openapi.json is stale: run `make openapi`"


async def test_every_operation_is_documented(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary"), where
            assert operation.get("operationId"), where
            assert operation.get("tags"), where
            if path.startswith("/v1"):
                assert "401" in operation["responses"], where
                problem = operation["responses"]["401"]["content"]
                assert list(problem) == ["application/problem+json"], where


async def test_restarting_with_the_bootstrap_key_adds_nothing(settings: Settings) -> None:
    for _ in range(2):
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                ok = await http.get("/v1/catalog", headers={"Authorization": f"Bearer {ADMIN_KEY}"})
                assert ok.status_code == 200
            async with app.state.runtime.engine.connect() as connection:
                count = (
                    await connection.execute(select(func.count()).select_from(ApiKeyRow))
                ).scalar_one()
            assert count == 1
