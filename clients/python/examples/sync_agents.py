"""Make an account's agents match a CSV file: the plan first, then, with
--apply, the change (all or nothing).

    export SEATKEEPER_URL=https://seatkeeper.internal SEATKEEPER_API_KEY=...
    python sync_agents.py ACCOUNT_ID agents.csv            # prints the plan only
    python sync_agents.py ACCOUNT_ID agents.csv --apply    # the plan, then applies it

The CSV has a header row: user_id,email,name,products (products separated by
spaces or semicolons; empty: every subscribed product). --remove-missing also
removes the agents the file does not list (never the owner); --buy buys the
missing seats where the key may buy on the fly. The key is the owner's or an
account admin's. Exit status: 0 done (or planned), 1 refused by the service
(the reason is printed), 2 a bad file or argument.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import sys
from pathlib import Path

from seatkeeper_client import AuthenticatedClient
from seatkeeper_client.api.agents import sync_agents
from seatkeeper_client.models import (
    AgentSyncIn,
    AgentSyncOut,
    Problem,
    SeatsExhaustedProblem,
    SyncAgentIn,
)

COLUMNS = ("user_id", "email", "name", "products")


def read_agents(path: Path) -> list[SyncAgentIn]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        missing = [c for c in COLUMNS[:3] if c not in (rows.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: no column {', '.join(missing)} in the header")
        agents = []
        for row in rows:
            products = [p for p in re.split(r"[;\s]+", row.get("products") or "") if p]
            agent = SyncAgentIn(user_id=row["user_id"], email=row["email"], name=row["name"])
            if products:
                agent.products = products
            agents.append(agent)
    return agents


def show_plan(plan: AgentSyncOut) -> None:
    print("applied:" if not plan.dry_run else "plan (nothing changed yet):")
    for agent in plan.add:
        print(f"  add     {agent.user_id} <{agent.email}> {' '.join(agent.products)}")
    for changed in plan.update:
        print(f"  change  {changed.user_id}: {', '.join(sorted(changed.changes.additional_keys))}")
    for gone in plan.remove:
        print(f"  remove  {gone.user_id} <{gone.email}>")
    for short in plan.missing_seats:
        print(f"  missing {short.count} seat(s) of {short.product}")
    if plan.quote is not None:
        print(f"  buying them costs {plan.quote.amount_due / 100:.2f} {plan.quote.currency} now")
    total = len(plan.add) + len(plan.update) + len(plan.remove)
    print(f"  {len(plan.add)} to add, {len(plan.update)} to change, {len(plan.remove)} to remove")
    if total == 0:
        print("  the account already matches the file")


def show_refusal(problem: Problem | SeatsExhaustedProblem) -> None:
    print(f"refused: {problem.title} ({problem.code}): {problem.detail}", file=sys.stderr)
    if isinstance(problem, SeatsExhaustedProblem) and problem.purchase_options:
        for option in problem.purchase_options.options:
            state = "open" if option.available else f"closed: {option.reason}"
            print(f"  {option.channel}: {state}", file=sys.stderr)
        contact = problem.purchase_options.contact
        if contact:
            print(f"  ask {contact.name} <{contact.email}> ({contact.role})", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sync an account's agents from a CSV file.")
    parser.add_argument("account_id")
    parser.add_argument("csv", type=Path)
    parser.add_argument("--apply", action="store_true", help="apply the plan after showing it")
    parser.add_argument("--remove-missing", action="store_true")
    parser.add_argument("--buy", action="store_true", help="buy missing seats on the fly")
    parser.add_argument("--url", default=os.environ.get("SEATKEEPER_URL"))
    parser.add_argument("--key", default=os.environ.get("SEATKEEPER_API_KEY"))
    args = parser.parse_args(argv)
    if not args.url or not args.key:
        parser.error("set SEATKEEPER_URL and SEATKEEPER_API_KEY (or --url and --key)")
    try:
        agents = read_agents(args.csv)
    except (OSError, ValueError, KeyError) as bad:
        print(f"sync_agents: {bad}", file=sys.stderr)
        return 2

    client = AuthenticatedClient(base_url=args.url, token=args.key)

    def sync(dry_run: bool) -> AgentSyncOut | None:
        body = AgentSyncIn(
            agents=agents,
            dry_run=dry_run,
            remove_missing=args.remove_missing,
            buy_missing_seats=args.buy,
        )
        # The same file applied twice is one change: a retry after a timeout replays it.
        key = hashlib.sha256(f"{args.account_id}{body.to_dict()}".encode()).hexdigest()
        answer = sync_agents.sync(args.account_id, client=client, body=body, idempotency_key=key)
        if isinstance(answer, AgentSyncOut):
            return answer
        if isinstance(answer, Problem | SeatsExhaustedProblem):
            show_refusal(answer)
        else:
            print("refused: an answer the API does not document", file=sys.stderr)
        return None

    plan = sync(dry_run=True)
    if plan is None:
        return 1
    show_plan(plan)
    if not args.apply:
        print("dry run: run again with --apply to make these changes")
        return 0
    applied = sync(dry_run=False)
    if applied is None:
        return 1
    show_plan(applied)
    return 0


if __name__ == "__main__":
    sys.exit(main())
