"""A nightly seat report as CSV: one row per account and product.

    export SEATKEEPER_URL=https://seatkeeper.internal SEATKEEPER_API_KEY=...
    python seat_report.py > seats-$(date +%F).csv          # every account the key sees
    python seat_report.py --account acct_1 --account acct_2 -o seats.csv

Columns: account_id, account, status, product, suite, purchased (seats bought),
temporary, capacity (purchased + temporary), assigned, available, light_agents,
waiting, state (ok, near_limit, full, over). With a platform admin's key it
lists every account (a sales rep's: theirs); with an account key, name the
account. Exit status: 0 written, 1 the service refused (the reason is printed).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Iterator
from typing import TextIO, TypeVar

from seatkeeper_client import AuthenticatedClient
from seatkeeper_client.api.accounts import get_account, list_accounts
from seatkeeper_client.api.subscription import get_subscription
from seatkeeper_client.models import AccountOut, PageAccountOut, Problem, SubscriptionOut
from seatkeeper_client.types import UNSET

HEADER = (
    "account_id",
    "account",
    "status",
    "product",
    "suite",
    "purchased",
    "temporary",
    "capacity",
    "assigned",
    "available",
    "light_agents",
    "waiting",
    "state",
)


T = TypeVar("T")


class Refused(Exception):
    pass


def answer_of(value: object, kind: type[T], what: str) -> T:
    """The answer when it is a `kind`; else Refused, saying why."""
    if isinstance(value, kind):
        return value
    if isinstance(value, Problem):
        raise Refused(f"{what}: {value.title} ({value.code}): {value.detail}")
    raise Refused(f"{what}: an answer the API does not document")


def accounts(client: AuthenticatedClient, named: list[str]) -> Iterator[AccountOut]:
    for account_id in named:
        found = get_account.sync(account_id, client=client)
        yield answer_of(found, AccountOut, f"account {account_id}")
    if named:
        return
    cursor: str | None = None
    while True:
        page = list_accounts.sync(client=client, limit=200, cursor=cursor or UNSET)
        listed = answer_of(page, PageAccountOut, "listing accounts")
        yield from listed.data
        if not listed.next_cursor:
            return
        cursor = listed.next_cursor


def write_report(client: AuthenticatedClient, named: list[str], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    rows = 0
    for account in accounts(client, named):
        subscription = answer_of(
            get_subscription.sync(account.id, client=client),
            SubscriptionOut,
            f"subscription of {account.id}",
        )
        for line in sorted(subscription.lines, key=lambda line: line.product):
            writer.writerow(
                (
                    account.id,
                    account.name,
                    subscription.status.value,
                    line.product,
                    line.suite or "",
                    line.seats,
                    line.temporary_seats,
                    line.capacity,
                    line.assigned,
                    line.available,
                    line.light_agents,
                    line.waiting,
                    line.state.value,
                )
            )
            rows += 1
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a seat report as CSV.")
    parser.add_argument("--account", action="append", default=[], help="repeat for several")
    parser.add_argument("-o", "--output", help="a file to write (default: standard output)")
    parser.add_argument("--url", default=os.environ.get("SEATKEEPER_URL"))
    parser.add_argument("--key", default=os.environ.get("SEATKEEPER_API_KEY"))
    args = parser.parse_args(argv)
    if not args.url or not args.key:
        parser.error("set SEATKEEPER_URL and SEATKEEPER_API_KEY (or --url and --key)")
    client = AuthenticatedClient(base_url=args.url, token=args.key)
    try:
        if args.output:
            with open(args.output, "w", newline="", encoding="utf-8") as out:
                rows = write_report(client, args.account, out)
        else:
            rows = write_report(client, args.account, sys.stdout)
    except Refused as refused:
        print(f"seat_report: {refused}", file=sys.stderr)
        return 1
    print(f"seat_report: {rows} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
