"""The example scripts in clients/python/examples, run as an integrator would
(a process of their own, the generated client on PYTHONPATH) against a real
server: the CSV sync prints its plan first and changes nothing until --apply;
the nightly report writes one CSV row per account and product, with the
figures the subscription shows."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN_KEY
from tests.contract.conftest import PYTHON_CLIENT
from tests.proofs import proof

EXAMPLES = PYTHON_CLIENT / "examples"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


def script(name: str, base: str, key: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(PYTHON_CLIENT),
        "SEATKEEPER_URL": base,
        "SEATKEEPER_API_KEY": key,
    }
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def open_account(base: str, name: str, owner: str, seats: int) -> tuple[str, str]:
    """A self-service account with `seats` Support Suite seats, and its owner's key."""
    body: dict[str, Any] = {
        "name": name,
        "billing_mode": "self_service",
        "owner": {"user_id": owner, "email": f"{owner}@{name.lower()}.example", "name": owner},
        "subscription": [{"suite": "support_suite", "seats": seats}],
    }
    created = httpx.post(f"{base}/v1/accounts", json=body, headers=ADMIN)
    assert created.status_code == 201, created.text
    account_id: str = created.json()["id"]
    minted = httpx.post(
        f"{base}/v1/accounts/{account_id}/api-keys",
        json={"name": "integration", "role": "owner"},
        headers=ADMIN,
    )
    assert minted.status_code == 201, minted.text
    return account_id, minted.json()["key"]


def agents_of(base: str, account_id: str) -> dict[str, list[str]]:
    page = httpx.get(f"{base}/v1/accounts/{account_id}/agents", headers=ADMIN).json()
    return {a["user_id"]: sorted(a["products"]) for a in page["data"] if a["role"] == "agent"}


def write_csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    lines = ["user_id,email,name,products"]
    lines += [f"{user},{user}@acme.example,{user.title()},{products}" for user, products in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_csv_sync_plans_first_and_applies_only_when_asked(
    live_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account_id, key = open_account(live_server, "Acme", "ana", seats=3)
    listing = write_csv(tmp_path / "agents.csv", [("ben", "support;chat"), ("cleo", "")])

    planned = script("sync_agents.py", live_server, key, account_id, str(listing))
    assert planned.returncode == 0, planned.stderr
    assert "plan (nothing changed yet):" in planned.stdout
    assert "add     ben <ben@acme.example> chat support" in planned.stdout
    assert "2 to add, 0 to change, 0 to remove" in planned.stdout
    assert "run again with --apply" in planned.stdout
    assert agents_of(live_server, account_id) == {
        "ana": ["chat", "explore", "guide", "support", "talk"]
    }

    applied = script("sync_agents.py", live_server, key, account_id, str(listing), "--apply")
    assert applied.returncode == 0, applied.stderr
    out = applied.stdout
    assert out.index("plan (nothing changed yet):") < out.index("applied:"), out
    every = ["chat", "explore", "guide", "support", "talk"]
    assert agents_of(live_server, account_id) == {
        "ana": every,
        "ben": ["chat", "support"],
        "cleo": every,
    }

    # One more than the seats: the plan says what is missing and what it costs;
    # applying is refused with the buying channels, and changes nothing.
    more = write_csv(tmp_path / "more.csv", [("ben", "support;chat"), ("cleo", ""), ("dan", "")])
    refused = script("sync_agents.py", live_server, key, account_id, str(more), "--apply")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "missing 1 seat(s) of support" in refused.stdout
    assert "buying them costs" in refused.stdout
    assert "refused: No free seat (seats_exhausted)" in refused.stderr
    assert "on_the_fly: open" in refused.stderr
    assert "dan" not in agents_of(live_server, account_id)

    bad = tmp_path / "bad.csv"
    bad.write_text("id,mail\nx,y\n", encoding="utf-8")
    unreadable = script("sync_agents.py", live_server, key, account_id, str(bad))
    assert unreadable.returncode == 2 and "no column user_id, email, name" in unreadable.stderr
    with capsys.disabled():
        proof("examples/sync_agents.py: plan printed first, applied with --apply, refusal typed")


def test_the_nightly_report_has_a_row_per_account_and_product(
    live_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    acme, acme_key = open_account(live_server, "Acme", "ana", seats=3)
    globex, _ = open_account(live_server, "Globex", "gil", seats=1)
    added = httpx.post(
        f"{live_server}/v1/accounts/{acme}/agents",
        json={"user_id": "ben", "email": "ben@acme.example", "name": "Ben", "products": ["chat"]},
        headers=ADMIN,
    )
    assert added.status_code == 201, added.text

    report = tmp_path / "seats.csv"
    written = script("seat_report.py", live_server, ADMIN_KEY, "-o", str(report))
    assert written.returncode == 0, written.stderr
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert written.stderr.strip() == f"seat_report: {len(rows)} rows"
    products = ["chat", "explore", "guide", "support", "talk"]
    # Each account's lines together, by product (accounts in the order listed).
    pairs = [(r["account"], r["product"]) for r in rows]
    assert sorted(pairs) == [(n, p) for n in ("Acme", "Globex") for p in products]
    assert pairs in (
        [(n, p) for n in names for p in products]
        for names in (("Acme", "Globex"), ("Globex", "Acme"))
    )
    for row in rows:
        account_id = acme if row["account"] == "Acme" else globex
        subscription = httpx.get(
            f"{live_server}/v1/accounts/{account_id}/subscription", headers=ADMIN
        ).json()
        line = next(x for x in subscription["lines"] if x["product"] == row["product"])
        assert row["account_id"] == account_id
        assert (row["purchased"], row["assigned"], row["available"], row["state"]) == (
            str(line["seats"]),
            str(line["assigned"]),
            str(line["available"]),
            line["state"],
        )
    chat = next(r for r in rows if r["account"] == "Acme" and r["product"] == "chat")
    assert (chat["purchased"], chat["assigned"], chat["available"]) == ("3", "2", "1")
    globex_support = next(r for r in rows if r["account"] == "Globex" and r["product"] == "support")
    assert globex_support["state"] == "full"

    # An account key names its account; the report is that account's alone.
    own = script("seat_report.py", live_server, acme_key, "--account", acme)
    assert own.returncode == 0, own.stderr
    assert {r["account_id"] for r in csv.DictReader(io.StringIO(own.stdout))} == {acme}
    refused = script("seat_report.py", live_server, acme_key, "--account", globex)
    assert refused.returncode == 1 and "not_found" in refused.stderr
    with capsys.disabled():
        proof(f"examples/seat_report.py: {len(rows)} rows, figures as the subscription shows")
