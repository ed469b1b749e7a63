"""No API key secret is kept in clear, and a webhook signing secret is kept
once (on its endpoint, where signing needs it): read in a dump of the whole
database after minting both with Idempotency-Keys and replaying each."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, open_account


async def _dump(engine: AsyncEngine) -> bytes:
    """Everything the database holds: pg_dump, or the SQLite file itself."""
    if engine.dialect.name == "postgresql":
        # The engine's own database: each xdist worker has one of its own.
        url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        done = subprocess.run(
            ["pg_dump", "--data-only", url], capture_output=True, timeout=60, check=True
        )
        return done.stdout
    async with engine.execution_options(isolation_level="AUTOCOMMIT").connect() as connection:
        # The WAL's pages go into the file, so the file's bytes are the whole database.
        busy, _, _ = (await connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))).one()
    assert busy == 0, "the checkpoint could not finish: the file is not the whole database"
    return Path(str(engine.url.database)).read_bytes()


async def test_minted_secrets_are_never_kept_in_clear(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client)
    owner = (
        await client.post(
            f"/v1/accounts/{account['id']}/api-keys", json={"name": "o", "role": "owner"}
        )
    ).json()
    mints = [
        ("/v1/api-keys", {"name": "rita", "role": "sales_rep", "email": "rita@sales.example"}),
        ("/v1/api-keys", {"name": "ops", "role": "platform_admin"}),
        (f"/v1/accounts/{account['id']}/api-keys", {"name": "dash", "role": "viewer"}),
    ]
    key_secrets = [owner["key"]]
    for n, (url, body) in enumerate(mints):
        headers = {"Idempotency-Key": f"mint-{n}"}
        first = await client.post(url, json=body, headers=headers)
        again = await client.post(url, json=body, headers=headers)
        assert first.status_code == again.status_code == 201
        assert again.json() == {**first.json(), "key": None}
        key_secrets.append(first.json()["key"])
    hooks = f"/v1/accounts/{account['id']}/webhook-endpoints"
    signing_secrets = []
    for n in range(2):
        body = {"url": f"http://127.0.0.1:9/hook{n}", "event_types": ["agent.added"]}
        headers = {**bearer(owner["key"]), "Idempotency-Key": f"hook-{n}"}
        first = await client.post(hooks, json=body, headers=headers)
        again = await client.post(hooks, json=body, headers=headers)
        assert first.status_code == again.status_code == 201, first.text
        assert again.json() == {**first.json(), "secret": None}
        signing_secrets.append(first.json()["secret"])

    dump = await _dump(engine)

    assert [s for s in key_secrets if s.encode() in dump] == []
    assert {s: dump.count(s.encode()) for s in signing_secrets} == dict.fromkeys(signing_secrets, 1)
