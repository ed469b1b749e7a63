"""The purchase policy (R5, R6, R7, R11): which channels open, for whom, and why not."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from typing import Literal

import pytest

from app.domain.access import Role
from app.domain.accounts import Account, BillingMode, Person, SalesRep
from app.domain.errors import Forbidden
from app.domain.purchase_options import (
    REASONS,
    Channel,
    Contact,
    purchase_options,
    refuse_seat_change,
    sales_request_open,
)
from app.domain.terms import BillingCycle

WHEN = datetime(2026, 1, 1, tzinfo=UTC)
OWNER = Person(user_id="u-owner", email="olivia@acme.example.com", name="Olivia Owner")
REP = SalesRep(name="Rita Rep", email="rita@sales.example.com")

SELF = BillingMode.SELF_SERVICE
SALES = BillingMode.SALES_ASSISTED


def account(
    *,
    billing_mode: BillingMode = SELF,
    self_manageable: bool = False,
    legacy_sell: bool = False,
    sales_rep: SalesRep | None = REP,
) -> Account:
    return Account(
        id="acc-1",
        name="Acme",
        billing_mode=billing_mode,
        self_manageable=self_manageable,
        legacy_sell=legacy_sell,
        sales_rep=sales_rep,
        owner=OWNER,
        billing_cycle=BillingCycle.MONTHLY,
        currency="USD",
        term_start=WHEN,
        term_end=datetime(2026, 2, 1, tzinfo=UTC),
        created_at=WHEN,
        updated_at=WHEN,
    )


# --- The whole policy, written out by hand -------------------------------------

Outcome = tuple[bool, tuple[str, ...], str | None]  # (available, actions, reason_code)


def closed(code: str) -> Outcome:
    return (False, (), code)


ADD_REMOVE: Outcome = (True, ("add", "remove"), None)
ADD: Outcome = (True, ("add",), None)
REMOVE: Outcome = (True, ("remove",), None)
NOT_OWNER = closed("not_account_owner")
BY_SALES = closed("subscription_managed_by_sales")
SA_ACCOUNT = closed("sales_assisted_account")
NO_ROLE = closed("insufficient_role")
SS_ACCOUNT = closed("self_service_account")

R = Role
# (billing_mode, self_manageable, legacy_sell, role):
#     (subscription_page, on_the_fly, sales_request)
EXPECTED: dict[tuple[BillingMode, bool, bool, Role], tuple[Outcome, Outcome, Outcome]] = {
    (SELF, False, False, R.OWNER): (ADD_REMOVE, ADD, SS_ACCOUNT),
    (SELF, False, False, R.ADMIN): (NOT_OWNER, NOT_OWNER, SS_ACCOUNT),
    (SELF, False, False, R.VIEWER): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SELF, False, False, R.PLATFORM_ADMIN): (NOT_OWNER, NOT_OWNER, SS_ACCOUNT),
    (SELF, False, False, R.SALES_REP): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SELF, False, True, R.OWNER): (ADD_REMOVE, ADD, REMOVE),
    (SELF, False, True, R.ADMIN): (NOT_OWNER, NOT_OWNER, REMOVE),
    (SELF, False, True, R.VIEWER): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SELF, False, True, R.PLATFORM_ADMIN): (NOT_OWNER, NOT_OWNER, REMOVE),
    (SELF, False, True, R.SALES_REP): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SELF, True, False, R.OWNER): (ADD_REMOVE, ADD, SS_ACCOUNT),
    (SELF, True, False, R.ADMIN): (NOT_OWNER, NOT_OWNER, SS_ACCOUNT),
    (SELF, True, False, R.VIEWER): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SELF, True, False, R.PLATFORM_ADMIN): (NOT_OWNER, NOT_OWNER, SS_ACCOUNT),
    (SELF, True, False, R.SALES_REP): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SELF, True, True, R.OWNER): (ADD_REMOVE, ADD, REMOVE),
    (SELF, True, True, R.ADMIN): (NOT_OWNER, NOT_OWNER, REMOVE),
    (SELF, True, True, R.VIEWER): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SELF, True, True, R.PLATFORM_ADMIN): (NOT_OWNER, NOT_OWNER, REMOVE),
    (SELF, True, True, R.SALES_REP): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SALES, False, False, R.OWNER): (BY_SALES, SA_ACCOUNT, ADD_REMOVE),
    (SALES, False, False, R.ADMIN): (NOT_OWNER, NOT_OWNER, ADD_REMOVE),
    (SALES, False, False, R.VIEWER): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SALES, False, False, R.PLATFORM_ADMIN): (NOT_OWNER, NOT_OWNER, ADD_REMOVE),
    (SALES, False, False, R.SALES_REP): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SALES, False, True, R.OWNER): (BY_SALES, SA_ACCOUNT, ADD_REMOVE),
    (SALES, False, True, R.ADMIN): (NOT_OWNER, NOT_OWNER, ADD_REMOVE),
    (SALES, False, True, R.VIEWER): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SALES, False, True, R.PLATFORM_ADMIN): (NOT_OWNER, NOT_OWNER, ADD_REMOVE),
    (SALES, False, True, R.SALES_REP): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SALES, True, False, R.OWNER): (ADD, SA_ACCOUNT, ADD_REMOVE),
    (SALES, True, False, R.ADMIN): (NOT_OWNER, NOT_OWNER, ADD_REMOVE),
    (SALES, True, False, R.VIEWER): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SALES, True, False, R.PLATFORM_ADMIN): (NOT_OWNER, NOT_OWNER, ADD_REMOVE),
    (SALES, True, False, R.SALES_REP): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SALES, True, True, R.OWNER): (ADD, SA_ACCOUNT, ADD_REMOVE),
    (SALES, True, True, R.ADMIN): (NOT_OWNER, NOT_OWNER, ADD_REMOVE),
    (SALES, True, True, R.VIEWER): (NOT_OWNER, NOT_OWNER, NO_ROLE),
    (SALES, True, True, R.PLATFORM_ADMIN): (NOT_OWNER, NOT_OWNER, ADD_REMOVE),
    (SALES, True, True, R.SALES_REP): (NOT_OWNER, NOT_OWNER, NO_ROLE),
}

EVERY_CASE = list(itertools.product(BillingMode, [True, False], [True, False], Role))
CHANNELS = (Channel.SUBSCRIPTION_PAGE, Channel.ON_THE_FLY, Channel.SALES_REQUEST)


def case_id(case: tuple[BillingMode, bool, bool, Role]) -> str:
    mode, manage, legacy, role = case
    return f"{mode}-manage={manage}-legacy_sell={legacy}-{role}"


def test_the_table_covers_every_account_and_role_combination() -> None:
    assert len(EVERY_CASE) == 40
    assert set(EXPECTED) == set(EVERY_CASE)


@pytest.mark.parametrize("case", EVERY_CASE, ids=[case_id(c) for c in EVERY_CASE])
def test_each_channel_opens_exactly_as_the_table_says(
    case: tuple[BillingMode, bool, bool, Role],
) -> None:
    mode, manage, legacy, role = case
    options = purchase_options(
        account(billing_mode=mode, self_manageable=manage, legacy_sell=legacy), role
    )

    actual = tuple(
        (option.available, option.actions, option.reason_code)
        for option in (options.option(channel) for channel in CHANNELS)
    )
    assert actual == EXPECTED[case]


@pytest.mark.parametrize("case", EVERY_CASE, ids=[case_id(c) for c in EVERY_CASE])
def test_a_contact_is_named_exactly_when_nothing_is_open_to_the_caller(
    case: tuple[BillingMode, bool, bool, Role],
) -> None:
    mode, manage, legacy, role = case
    options = purchase_options(
        account(billing_mode=mode, self_manageable=manage, legacy_sell=legacy), role
    )

    something_open = any(available for available, _, _ in EXPECTED[case])
    assert (options.contact is None) == something_open


@pytest.mark.parametrize("case", EVERY_CASE, ids=[case_id(c) for c in EVERY_CASE])
def test_every_closed_channel_explains_itself_in_a_sentence(
    case: tuple[BillingMode, bool, bool, Role],
) -> None:
    mode, manage, legacy, role = case
    options = purchase_options(
        account(billing_mode=mode, self_manageable=manage, legacy_sell=legacy), role
    )

    for option in options.options:
        if option.available:
            assert option.reason_code is None
            assert option.reason is None
        else:
            assert option.reason
            assert option.reason.endswith(".")


def test_the_channels_are_listed_in_a_stable_order() -> None:
    options = purchase_options(account(), Role.OWNER)

    assert [option.channel for option in options.options] == list(CHANNELS)


# --- Who to contact ------------------------------------------------------------


def test_a_viewer_on_a_self_service_account_is_told_to_ask_the_owner() -> None:
    options = purchase_options(account(billing_mode=SELF), Role.VIEWER)

    assert options.contact == Contact("owner", "Olivia Owner", "olivia@acme.example.com")


def test_a_viewer_on_a_sales_managed_account_is_told_to_ask_the_rep() -> None:
    options = purchase_options(account(billing_mode=SALES, self_manageable=False), Role.VIEWER)

    assert options.contact == Contact("sales_rep", "Rita Rep", "rita@sales.example.com")


def test_a_viewer_on_a_sales_assisted_account_with_manage_is_told_to_ask_the_owner() -> None:
    options = purchase_options(account(billing_mode=SALES, self_manageable=True), Role.VIEWER)

    assert options.contact == Contact("owner", "Olivia Owner", "olivia@acme.example.com")


def test_a_platform_admin_on_a_plain_self_service_account_is_told_to_ask_the_owner() -> None:
    options = purchase_options(account(billing_mode=SELF, legacy_sell=False), Role.PLATFORM_ADMIN)

    assert options.contact == Contact("owner", "Olivia Owner", "olivia@acme.example.com")


def test_a_sales_managed_account_without_a_rep_falls_back_to_the_owner() -> None:
    options = purchase_options(account(billing_mode=SALES, sales_rep=None), Role.VIEWER)

    assert options.contact is not None
    assert options.contact.role == "owner"


def test_the_owner_is_never_told_to_contact_anyone() -> None:
    for mode, manage, legacy in itertools.product(BillingMode, [True, False], [True, False]):
        acc = account(billing_mode=mode, self_manageable=manage, legacy_sell=legacy)
        assert purchase_options(acc, Role.OWNER).contact is None


# --- Looking options up ----------------------------------------------------------


def test_is_open_without_an_action_asks_whether_the_channel_is_open_at_all() -> None:
    options = purchase_options(account(billing_mode=SALES, self_manageable=True), Role.OWNER)

    assert options.is_open(Channel.SUBSCRIPTION_PAGE)
    assert not options.is_open(Channel.ON_THE_FLY)


def test_is_open_with_an_action_asks_whether_the_channel_allows_it() -> None:
    options = purchase_options(account(billing_mode=SALES, self_manageable=True), Role.OWNER)

    assert options.is_open(Channel.SUBSCRIPTION_PAGE, "add")
    assert not options.is_open(Channel.SUBSCRIPTION_PAGE, "remove")
    assert options.is_open(Channel.SALES_REQUEST, "remove")


def test_option_finds_a_channel_by_name() -> None:
    options = purchase_options(account(), Role.ADMIN)

    option = options.option(Channel.ON_THE_FLY)
    assert option.channel is Channel.ON_THE_FLY
    assert option.reason_code == "not_account_owner"


# --- The wire shape ---------------------------------------------------------------


def test_to_dict_omits_reasons_on_open_channels_and_names_no_contact() -> None:
    data = purchase_options(account(billing_mode=SELF), Role.OWNER).to_dict()

    assert data == {
        "options": [
            {"channel": "subscription_page", "available": True, "actions": ["add", "remove"]},
            {"channel": "on_the_fly", "available": True, "actions": ["add"]},
            {
                "channel": "sales_request",
                "available": False,
                "actions": [],
                "reason_code": "self_service_account",
                "reason": REASONS["self_service_account"],
            },
        ],
        "contact": None,
    }


def test_to_dict_names_the_contact_when_everything_is_closed() -> None:
    data = purchase_options(account(billing_mode=SALES), Role.VIEWER).to_dict()

    options = data["options"]
    assert isinstance(options, list)
    assert [o["channel"] for o in options] == ["subscription_page", "on_the_fly", "sales_request"]
    assert [o["reason_code"] for o in options] == [
        "not_account_owner",
        "not_account_owner",
        "insufficient_role",
    ]
    assert all(o["available"] is False and o["actions"] == [] for o in options)
    assert all(isinstance(o["reason"], str) and o["reason"] for o in options)
    assert data["contact"] == {
        "role": "sales_rep",
        "name": "Rita Rep",
        "email": "rita@sales.example.com",
    }


def test_to_dict_is_plain_json() -> None:
    data = purchase_options(account(billing_mode=SALES, legacy_sell=True), Role.ADMIN).to_dict()

    assert json.loads(json.dumps(data)) == data


# --- Refusing a subscription-page seat change ---------------------------------------


def refusal_code(
    acc: Account,
    role: Role = Role.OWNER,
    *,
    decreases: bool = False,
    lowers_sell: bool = False,
) -> str | None:
    try:
        refuse_seat_change(acc, role, decreases=decreases, lowers_sell=lowers_sell)
    except Forbidden as refusal:
        return refusal.code
    return None


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.OWNER])
def test_only_the_owner_changes_seats_on_the_subscription_page(role: Role) -> None:
    assert refusal_code(account(), role) == "not_account_owner"


def test_a_sales_managed_account_without_manage_may_not_use_the_page() -> None:
    acc = account(billing_mode=SALES, self_manageable=False)

    assert refusal_code(acc) == "subscription_managed_by_sales"


def test_a_sales_assisted_account_with_manage_adds_seats_on_the_page() -> None:
    acc = account(billing_mode=SALES, self_manageable=True)

    assert refusal_code(acc) is None


def test_a_sales_assisted_account_with_manage_removes_seats_through_a_sales_request() -> None:
    acc = account(billing_mode=SALES, self_manageable=True)

    assert refusal_code(acc, decreases=True) == "removal_requires_sales_request"


def test_a_self_service_account_adds_and_removes_seats_on_the_page() -> None:
    acc = account(billing_mode=SELF)

    assert refusal_code(acc) is None
    assert refusal_code(acc, decreases=True) is None
    assert refusal_code(acc, decreases=True, lowers_sell=True) is None


def test_a_legacy_sell_account_may_not_lower_sell_seats_on_the_page() -> None:
    acc = account(billing_mode=SELF, legacy_sell=True)

    assert refusal_code(acc, decreases=True, lowers_sell=True) == "legacy_sell_removal"


def test_a_legacy_sell_account_still_lowers_other_products_on_the_page() -> None:
    acc = account(billing_mode=SELF, legacy_sell=True)

    assert refusal_code(acc, decreases=True, lowers_sell=False) is None
    assert refusal_code(acc) is None


def test_a_non_owner_hears_about_the_role_before_anything_about_the_account() -> None:
    acc = account(billing_mode=SALES, self_manageable=False, legacy_sell=True)

    code = refusal_code(acc, Role.ADMIN, decreases=True, lowers_sell=True)
    assert code == "not_account_owner"


def test_missing_manage_is_named_before_the_removal_rule() -> None:
    acc = account(billing_mode=SALES, self_manageable=False, legacy_sell=True)

    assert refusal_code(acc, decreases=True, lowers_sell=True) == "subscription_managed_by_sales"


def test_the_sales_assisted_removal_rule_is_named_before_the_legacy_sell_rule() -> None:
    acc = account(billing_mode=SALES, self_manageable=True, legacy_sell=True)

    code = refusal_code(acc, decreases=True, lowers_sell=True)
    assert code == "removal_requires_sales_request"


def test_a_refusal_carries_the_callers_purchase_options_and_a_sentence() -> None:
    acc = account(billing_mode=SELF, legacy_sell=True)

    with pytest.raises(Forbidden) as refused:
        refuse_seat_change(acc, Role.OWNER, decreases=True, lowers_sell=True)

    assert refused.value.code == "legacy_sell_removal"
    assert refused.value.detail.endswith(".")
    assert refused.value.extra == {"purchase_options": purchase_options(acc, Role.OWNER).to_dict()}


# --- Sales requests ------------------------------------------------------------------

Kind = Literal["add_seats", "remove_seats", "temporary_seats"]
KINDS: list[Kind] = ["add_seats", "remove_seats", "temporary_seats"]
REQUESTERS = [Role.OWNER, Role.ADMIN, Role.PLATFORM_ADMIN]


@pytest.mark.parametrize("role", REQUESTERS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("sell_only", [True, False])
@pytest.mark.parametrize("legacy", [True, False])
def test_a_sales_assisted_account_files_any_sales_request(
    role: Role, kind: Kind, sell_only: bool, legacy: bool
) -> None:
    acc = account(billing_mode=SALES, legacy_sell=legacy)

    assert sales_request_open(acc, role, kind=kind, sell_only=sell_only)


@pytest.mark.parametrize("role", [Role.VIEWER, Role.SALES_REP])
@pytest.mark.parametrize("mode", list(BillingMode))
def test_viewers_and_reps_file_no_sales_request(role: Role, mode: BillingMode) -> None:
    acc = account(billing_mode=mode, legacy_sell=True)

    for kind in KINDS:
        assert not sales_request_open(acc, role, kind=kind, sell_only=True)


@pytest.mark.parametrize("role", REQUESTERS)
def test_a_legacy_sell_self_service_account_files_only_sell_removals(role: Role) -> None:
    acc = account(billing_mode=SELF, legacy_sell=True)

    assert sales_request_open(acc, role, kind="remove_seats", sell_only=True)
    assert not sales_request_open(acc, role, kind="remove_seats", sell_only=False)
    assert not sales_request_open(acc, role, kind="add_seats", sell_only=True)
    assert not sales_request_open(acc, role, kind="add_seats", sell_only=False)
    assert not sales_request_open(acc, role, kind="temporary_seats", sell_only=False)


@pytest.mark.parametrize("role", REQUESTERS)
def test_a_plain_self_service_account_files_no_sales_request(role: Role) -> None:
    acc = account(billing_mode=SELF, legacy_sell=False)

    for kind in KINDS:
        for sell_only in (True, False):
            assert not sales_request_open(acc, role, kind=kind, sell_only=sell_only)
