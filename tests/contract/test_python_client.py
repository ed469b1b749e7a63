"""The Python client in clients/python: what openapi-python-client makes of the
committed spec, without a warning, and a scenario run through it against a real
server.

The drift test regenerates the client into a scratch directory and compares it
with the committed one (`make clients` rewrites it). The scenario uses only the
generated functions and models, the way an integrator would: typed request
bodies, the typed `seats_exhausted` refusal, ETag and If-Match, a sales request
fulfilled by the rep.
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import ADMIN_KEY
from tests.contract.conftest import PYTHON_CLIENT
from tests.proofs import proof

GENERATE = PYTHON_CLIENT / "generate.py"
GENERATED = ("seatkeeper_client", "pyproject.toml", "README.md", ".gitignore")


def differences(left: Path, right: Path) -> list[str]:
    """Every file that is only on one side or differs, relative to the roots."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], where: str) -> None:
        found.extend(f"{where}{name}: only committed" for name in compared.left_only)
        found.extend(f"{where}{name}: only generated" for name in compared.right_only)
        found.extend(f"{where}{name}: differs" for name in compared.diff_files)
        found.extend(f"{where}{name}: unreadable" for name in compared.funny_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{where}{name}/")

    for name in GENERATED:
        committed, fresh = left / name, right / name
        if fresh.is_dir() and committed.is_dir():
            walk(filecmp.dircmp(committed, fresh, ignore=["__pycache__"]), f"{name}/")
        elif not (committed.is_file() and fresh.is_file() and filecmp.cmp(committed, fresh, False)):
            found.append(f"{name}: differs or missing")
    return found


def test_the_generator_warns_of_nothing_and_the_committed_client_is_current(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATE), "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    printed = result.stdout + result.stderr
    assert result.returncode == 0, printed
    # It prints "Generating <dir>" and, for anything it could not read, a
    # "Warning(s) encountered" block naming the schema or operation it dropped.
    lines = [line for line in printed.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Generating "), printed
    stale = differences(PYTHON_CLIENT, tmp_path)
    assert not stale, "clients/python is stale: run `make clients`\n" + "\n".join(stale)
    with capsys.disabled():
        proof("openapi-python-client: warnings 0; clients/python is current")


def test_a_scenario_through_the_generated_client(
    live_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from seatkeeper_client import AuthenticatedClient
    from seatkeeper_client.api.accounts import create_account
    from seatkeeper_client.api.agents import add_agent, list_agents, update_agent
    from seatkeeper_client.api.api_keys import create_account_key, create_platform_key
    from seatkeeper_client.api.sales_requests import create_sales_request, fulfill_sales_request
    from seatkeeper_client.api.seat_changes import create_seat_change, preview_seat_change
    from seatkeeper_client.api.subscription import get_subscription
    from seatkeeper_client.models import (
        AccountCreate,
        AccountKeyCreate,
        AccountKeyCreateRole,
        AccountOut,
        AddedAgentOut,
        AgentCreate,
        AgentPatch,
        AgentRole,
        BillingMode,
        ChangeStatus,
        Channel,
        OwnerIn,
        PlatformKeyCreate,
        PlatformKeyCreateRole,
        Problem,
        RequestKind,
        RequestStatus,
        SalesRepIn,
        SalesRequestIn,
        SalesRequestOut,
        SeatChangeIn,
        SeatChangeOut,
        SeatChangePreviewOut,
        SeatLineIn,
        SeatsExhaustedProblem,
        SubscriptionOut,
    )

    admin = AuthenticatedClient(base_url=live_server, token=ADMIN_KEY)

    def key_for(account_id: str) -> AuthenticatedClient:
        body = AccountKeyCreate(name="integration", role=AccountKeyCreateRole.OWNER)
        minted = create_account_key.sync(account_id, client=admin, body=body)
        assert minted is not None and not isinstance(minted, Problem), minted
        assert isinstance(minted.key, str)
        return AuthenticatedClient(base_url=live_server, token=minted.key)

    # 1. An account with two Support Suite seats: the owner holds one.
    created = create_account.sync_detailed(
        client=admin,
        body=AccountCreate(
            name="Acme",
            billing_mode=BillingMode.SELF_SERVICE,
            owner=OwnerIn(user_id="ana", email="ana@acme.example", name="Ana"),
            subscription=[SeatLineIn(seats=2, suite="support_suite")],
        ),
    )
    assert created.status_code == 201, created.content
    account = created.parsed
    assert isinstance(account, AccountOut)
    owner = key_for(account.id)

    # 2. Fill the seats: Ben takes the last one; Cleo is refused, typed.
    ben = AgentCreate(user_id="ben", email="ben@acme.example", name="Ben")
    added = add_agent.sync(account.id, client=owner, body=ben, idempotency_key="add-ben")
    assert isinstance(added, AddedAgentOut) and added.user_id == "ben"
    replay = add_agent.sync_detailed(account.id, client=owner, body=ben, idempotency_key="add-ben")
    assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
    cleo = AgentCreate(user_id="cleo", email="cleo@acme.example", name="Cleo")
    refused = add_agent.sync_detailed(account.id, client=owner, body=cleo)
    assert refused.status_code == 409
    problem = refused.parsed
    assert isinstance(problem, SeatsExhaustedProblem), problem
    assert problem.code == "seats_exhausted"
    assert isinstance(problem.missing, list)
    short = {line.product: line for line in problem.missing}
    assert short["support"].capacity == 2 and short["support"].assigned == 2
    assert short["support"].count == 1
    assert problem.quote and problem.quote.amount_due > 0 and problem.quote.currency == "USD"
    assert problem.purchase_options
    channels = {option.channel: option.available for option in problem.purchase_options.options}
    assert channels[Channel.ON_THE_FLY] is True

    # 3. Preview a change to 3 seats at the version read, then apply it with If-Match.
    read = get_subscription.sync_detailed(account.id, client=owner)
    assert isinstance(read.parsed, SubscriptionOut)
    etag = read.headers["ETag"]
    assert etag == f'"{read.parsed.version}"'
    change = SeatChangeIn(changes=[SeatLineIn(seats=3, suite="support_suite")])
    preview = preview_seat_change.sync(account.id, client=owner, body=change, if_match=etag)
    assert isinstance(preview, SeatChangePreviewOut)
    assert preview.can_apply is True and preview.id is None and preview.amount_due > 0
    applied = create_seat_change.sync_detailed(account.id, client=owner, body=change, if_match=etag)
    assert applied.status_code == 201, applied.content
    assert isinstance(applied.parsed, SeatChangeOut)
    assert applied.parsed.status == ChangeStatus.APPLIED
    assert applied.parsed.amount_due == preview.amount_due
    assert applied.headers["ETag"] != etag
    stale = create_seat_change.sync_detailed(account.id, client=owner, body=change, if_match=etag)
    assert stale.status_code == 412
    assert isinstance(stale.parsed, Problem) and stale.parsed.code == "precondition_failed"
    now = add_agent.sync(account.id, client=owner, body=cleo)
    assert isinstance(now, AddedAgentOut)
    demoted = update_agent.sync(
        account.id, "cleo", client=owner, body=AgentPatch(role=AgentRole.LIGHT_AGENT)
    )
    assert isinstance(demoted, AddedAgentOut) and demoted.role == AgentRole.LIGHT_AGENT

    # 4. A sales-assisted account asks its rep for seats; the rep fulfils.
    rep = SalesRepIn(name="Rita Rep", email="rita@sales.example")
    created = create_account.sync_detailed(
        client=admin,
        body=AccountCreate(
            name="Globex",
            billing_mode=BillingMode.SALES_ASSISTED,
            sales_rep=rep,
            owner=OwnerIn(user_id="gil", email="gil@globex.example", name="Gil"),
            subscription=[SeatLineIn(seats=1, suite="support_suite")],
        ),
    )
    assert isinstance(created.parsed, AccountOut), created.content
    globex = created.parsed
    asked = create_sales_request.sync(
        globex.id,
        client=key_for(globex.id),
        body=SalesRequestIn(
            kind=RequestKind.ADD_SEATS, seats=2, suite="support_suite", message="New hires"
        ),
    )
    assert isinstance(asked, SalesRequestOut) and asked.status == RequestStatus.SUBMITTED
    rep_key = create_platform_key.sync(
        client=admin,
        body=PlatformKeyCreate(name="rita", role=PlatformKeyCreateRole.SALES_REP, email=rep.email),
    )
    assert rep_key is not None and not isinstance(rep_key, Problem) and rep_key.key
    rita = AuthenticatedClient(base_url=live_server, token=rep_key.key)
    done = fulfill_sales_request.sync(asked.id, client=rita)  # no body: as asked
    assert isinstance(done, SalesRequestOut) and done.status == RequestStatus.FULFILLED
    lines = get_subscription.sync(globex.id, client=admin)
    assert isinstance(lines, SubscriptionOut)
    assert {line.product: line.seats for line in lines.lines}["support"] == 3

    agents = list_agents.sync(account.id, client=owner)
    assert agents is not None and not isinstance(agents, Problem)
    assert sorted(agent.user_id for agent in agents.data) == ["ana", "ben", "cleo"]
    assert httpx.get(f"{live_server}/healthz").json() == {"status": "ok"}
    with capsys.disabled():
        proof(
            "python client scenario: account, seats filled, seats_exhausted typed, preview + "
            "apply with If-Match (412 when stale), agent patched, sales request fulfilled"
        )
