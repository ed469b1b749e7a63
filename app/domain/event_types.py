"""Every event type the service records, with what its `data` holds.

The one list: the audit trail and webhooks use these names, `GET
/v1/event-types` lists them, the OpenAPI document describes each payload
from them, an endpoint may subscribe only to them, and recording an event of
any other type is a bug (`require_known` refuses it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.errors import InvalidRequest

EVERY_TYPE = "*"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str  # a JSON Schema type: string, integer, boolean, array, object
    description: str
    nullable: bool = False
    required: bool = True
    items: str = "string"  # an array's items: strings (ids, products) or records (object)


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    description: str
    fields: tuple[Field, ...]


def _f(name: str, type: str, description: str, **options: Any) -> Field:
    return Field(name, type, description, **options)


ACCOUNT_ID = _f("account_id", "string", "The account the event is about (`acct_...`).")
USER_ID = _f("user_id", "string", "The agent's user id.")
LINES = _f(
    "lines",
    "array",
    "Seat lines: `{product, capacity, assigned, waiting}` as they stood (`waiting`: how "
    "many in the waiting room want a seat of it).",
    items="object",
)
SEAT_CHANGE_ID = _f("seat_change_id", "string", "The seat change (`chg_...`).")
OPTIONAL_SEAT_CHANGE = _f(
    "seat_change_id", "string", "The seat change that went with it, if any.", nullable=True
)
ENDPOINT_ID = _f("endpoint_id", "string", "The webhook endpoint (`whe_...`).")

SEAT_CHANGE = (
    SEAT_CHANGE_ID,
    _f("channel", "string", "How it was asked for: subscription_page, on_the_fly, sales, ..."),
    _f("effective", "string", "`now` or `at_renewal`."),
    _f("lines", "array", "Per product: `{product, from, to}` seats.", items="object"),
    _f("amount_due", "string", "What the change costs now (a decimal string).", nullable=True),
    _f("downgraded", "integer", "How many agents gave up seats through it."),
)
SALES_REQUEST = (
    _f("sales_request_id", "string", "The request (`sr_...`)."),
    _f("kind", "string", "What is asked for."),
    _f("status", "string", "pending, fulfilled, declined or cancelled."),
    _f("product", "string", "The product, for a product request.", nullable=True),
    _f("suite", "string", "The suite, for a suite request.", nullable=True),
    _f("seats", "integer", "The seats asked for.", nullable=True),
    OPTIONAL_SEAT_CHANGE,
    # Written by the completed sales requests; optional until every writer sends them.
    _f("starts_at", "string", "Temporary seats asked for: from.", nullable=True, required=False),
    _f("ends_at", "string", "Temporary seats asked for: until.", nullable=True, required=False),
    _f("assigned_to", "string", "sales_rep or customer_support.", required=False),
    _f("sales_rep", "object", "`{email}` of the rep told, if any.", nullable=True, required=False),
    _f(
        "fulfilment",
        "object",
        "`{seats, effective, note}` as the rep fulfilled it.",
        nullable=True,
        required=False,
    ),
    _f(
        "temporary_seats_id",
        "string",
        "The grant a fulfilled request made.",
        nullable=True,
        required=False,
    ),
)
TEMPORARY_SEATS = (
    _f("temporary_seats_id", "string", "The grant (`tmp_...`)."),
    _f("products", "array", "The products it adds seats to."),
    _f("seats", "integer", "Extra seats per product."),
    _f("starts_at", "string", "When it starts (ISO 8601)."),
    _f("ends_at", "string", "When it ends (ISO 8601)."),
)
API_KEY = (_f("key_id", "string", "The key (`key_...`)."),)

_TYPES = (
    EventType(
        "account.created",
        "An account was opened with its owner and first seat lines.",
        (
            _f("name", "string", "The account's name."),
            _f("billing_mode", "string", "self_service or sales_assisted."),
            _f("owner", "string", "The owner's user id."),
            _f("lines", "array", "Seat lines: `{product, suite, seats}`.", items="object"),
        ),
    ),
    EventType(
        "account.updated",
        "The account's settings changed.",
        (_f("changes", "object", "Each changed field: `{from, to}`."),),
    ),
    EventType(
        "account.status_changed",
        "The billing system set the account's status; it decides what the account may do "
        "with its seats (a cancelled account is closed: nothing is deleted).",
        (
            _f("status", "string", "active, past_due, suspended or cancelled: the new status."),
            _f("previous_status", "string", "The status it replaced."),
        ),
    ),
    EventType(
        "account.owner_changed",
        "Another agent of the account became its owner; the old owner stays an agent, and "
        "the account's owner keys (theirs) were revoked.",
        (
            _f("user_id", "string", "The new owner's user id."),
            _f("previous_owner", "string", "The old owner's user id."),
            _f("revoked_keys", "array", "The owner keys revoked (`key_...`)."),
        ),
    ),
    EventType(
        "agent.added",
        "A user became an agent and took a seat of each product named, or a light agent "
        "given them free.",
        (
            USER_ID,
            _f("products", "array", "The products taken."),
            OPTIONAL_SEAT_CHANGE,
            # Optional until every writer of agent.added sends it.
            _f(
                "role",
                "string",
                "agent, light_agent (no paid seat taken), or end_user for a user a bulk sync added "
                "holding no seat; absent means agent.",
                required=False,
            ),
            _f(
                "from_waiting_room",
                "boolean",
                "True when a freed or added seat let them in from the waiting room.",
                required=False,
            ),
            _f(
                "queued_at",
                "string",
                "From the waiting room: when they started waiting.",
                required=False,
            ),
        ),
    ),
    EventType(
        "waiting_agent.added",
        "No seat was free: a user added with `wait_for_seat` waits for one.",
        (
            USER_ID,
            _f("products", "array", "The products they wait for a seat of."),
            _f("queued_at", "string", "When they started waiting."),
        ),
    ),
    EventType(
        "waiting_agent.removed",
        "A waiting user was withdrawn from the waiting room.",
        (USER_ID, _f("products", "array", "The products they waited for.")),
    ),
    EventType(
        "agent.updated",
        "An agent's role, products, email or name changed (a demotion's seats: agent.downgraded).",
        (
            USER_ID,
            _f("role", "string", "agent, light_agent or end_user, after the change."),
            _f("products", "array", "The products held after the change."),
            _f("added", "array", "Products taken."),
            _f("removed", "array", "Products given back."),
            OPTIONAL_SEAT_CHANGE,
            _f("email", "string", "The new email, when it changed.", required=False),
            _f("name", "string", "The new name, when it changed.", required=False),
        ),
    ),
    EventType(
        "agent.downgraded",
        "An agent gave up paid seats: made an end user or a light agent by a manager (reason "
        "`manual`), by a capacity cut (`seats_reduced`, `temporary_seats_ended`), newest "
        "agents first, or by an inactive-seat reclaim (`inactive`). Light agents hold no paid "
        "seat and are never downgraded.",
        (
            USER_ID,
            _f("products", "array", "The paid seats given up."),
            _f(
                "reason",
                "string",
                "manual, seats_reduced, temporary_seats_ended or inactive.",
            ),
            _f(
                "role",
                "string",
                "end_user when no seat is left, light_agent when a manager made them one, "
                "else agent.",
            ),
            _f(
                "seat_change_id",
                "string",
                "The seat change that cut capacity (reason seats_reduced).",
                required=False,
            ),
            _f(
                "temporary_seats_id",
                "string",
                "The grant that ended (reason temporary_seats_ended).",
                required=False,
            ),
            _f(
                "inactive_for",
                "string",
                "The inactivity that took the seats (reason inactive), an ISO 8601 duration.",
                required=False,
            ),
        ),
    ),
    EventType(
        "agent_activity.recorded",
        "A batch of agents' activity was recorded (one event per batch, not per agent).",
        (
            _f("recorded", "integer", "How many of the account's users the batch named."),
            _f("unknown_user_ids", "array", "Users named that are not on the account."),
        ),
    ),
    EventType(
        "agent.removed",
        "An agent was removed and gave back every seat.",
        (USER_ID, _f("products", "array", "The products given back.")),
    ),
    EventType(
        "agent_sync.applied",
        "A bulk sync made the account's agents match a list; each agent it moved has its "
        "own agent.added, agent.updated, agent.downgraded or agent.removed event.",
        (
            _f("agents", "integer", "How many people the list named."),
            _f("added", "integer", "How many were added."),
            _f("updated", "integer", "How many agents changed."),
            _f("removed", "integer", "How many left the account (remove_missing)."),
            _f("remove_missing", "boolean", "Whether those not listed were removed."),
            _f(
                "seats_taken",
                "array",
                "Per product: `{product, taken, freed}` seats.",
                items="object",
            ),
            OPTIONAL_SEAT_CHANGE,
        ),
    ),
    EventType(
        "api_key.created",
        "An API key of the account was minted.",
        (
            *API_KEY,
            _f("role", "string", "owner, admin or viewer."),
            _f("name", "string", "The key's name.", nullable=True),
        ),
    ),
    EventType("api_key.revoked", "An API key of the account was revoked.", API_KEY),
    EventType("seat_change.applied", "Seat totals changed.", SEAT_CHANGE),
    EventType("seat_change.scheduled", "A seat change waits for the renewal.", SEAT_CHANGE),
    EventType("seat_change.cancelled", "A scheduled seat change was cancelled.", SEAT_CHANGE),
    EventType("seats.near_limit", "A product's seats are nearly all assigned.", (LINES,)),
    EventType("seats.full", "Every seat of a product is assigned.", (LINES,)),
    EventType(
        "seats.reclaimed",
        "Inactive agents gave up their seats (each also as agent.downgraded).",
        (
            _f("inactive_for", "string", "The inactivity asked for (ISO 8601 duration)."),
            _f("products", "array", "The products reclaimed; null: every one.", nullable=True),
            _f("agents", "integer", "How many agents gave up seats."),
            _f("seats_freed", "array", "Per product: `{product, count}`.", items="object"),
            _f(
                "policy", "boolean", "Whether the account's reclaim_after took them (the jobs run)."
            ),
        ),
    ),
    EventType("sales_request.created", "A request went to sales.", SALES_REQUEST),
    EventType(
        "sales_request.updated", "A request was fulfilled, declined or cancelled.", SALES_REQUEST
    ),
    EventType(
        "subscription.renewed",
        "A subscription term began.",
        (
            _f("term_start", "string", "The new term's first day."),
            _f("term_end", "string", "The new term's end."),
        ),
    ),
    EventType("temporary_seats.added", "Temporary seats were granted.", TEMPORARY_SEATS),
    EventType(
        "temporary_seats.deleted",
        "Temporary seats were withdrawn before they began.",
        TEMPORARY_SEATS,
    ),
    EventType("temporary_seats.started", "Temporary seats began.", TEMPORARY_SEATS),
    EventType("temporary_seats.ending", "Temporary seats end soon.", TEMPORARY_SEATS),
    EventType(
        "temporary_seats.ended",
        "Temporary seats ended; agents above the capacity left were downgraded.",
        (*TEMPORARY_SEATS, _f("downgraded", "integer", "How many agents gave up seats.")),
    ),
    EventType(
        "webhook_endpoint.created",
        "A webhook endpoint was added.",
        (
            ENDPOINT_ID,
            _f("url", "string", "Where deliveries go."),
            _f("event_types", "array", "The types it receives."),
        ),
    ),
    EventType(
        "webhook_endpoint.updated",
        "A webhook endpoint's URL, types or enabled state changed.",
        (ENDPOINT_ID, _f("changes", "object", "Each changed field: `{from, to}`.")),
    ),
    EventType(
        "webhook_endpoint.secret_rotated",
        "A webhook endpoint's signing secret was replaced; the old one signs too until "
        "`previous_secret_expires_at`.",
        (
            ENDPOINT_ID,
            _f("previous_secret_expires_at", "string", "When the old secret stops signing."),
        ),
    ),
    EventType("webhook_endpoint.deleted", "A webhook endpoint was removed.", (ENDPOINT_ID,)),
    EventType(
        "webhook_delivery.retried",
        "A delivery was queued again by hand.",
        (ENDPOINT_ID, _f("delivery_id", "string", "The delivery (`dlv_...`).")),
    ),
    EventType(
        "webhook.test",
        "A test ping, sent only to the endpoint it was asked for (`POST .../test`); never in "
        "the audit trail.",
        (ENDPOINT_ID,),
    ),
)

EVENT_TYPES: dict[str, EventType] = {t.name: t for t in _TYPES}


def require_known(event_type: str) -> str:
    """Recording an event of a type not listed above is a bug, not bad input."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"{event_type!r} is not in app/domain/event_types.py")
    return event_type


def check_subscription(event_types: list[str]) -> tuple[str, ...]:
    """The types an endpoint asks for, each known (or `*`), repeats dropped."""
    unknown = sorted({t for t in event_types if t != EVERY_TYPE and t not in EVENT_TYPES})
    if unknown:
        raise InvalidRequest(
            f"Unknown event type(s): {', '.join(unknown)}; GET /v1/event-types lists them.",
            code="unknown_event_type",
            event_types=unknown,
        )
    return tuple(dict.fromkeys(event_types))


def agent_downgraded(
    user_id: str,
    products: list[str],
    reason: str,
    *,
    to_end_user: bool,
    role: str | None = None,
    **cause: str | None,
) -> dict[str, object]:
    """The one shape of `agent.downgraded`, whatever the cause: the paid seats
    given up (never those kept), why, the role after (`role` when a manager
    made them a light agent), and the seat change or grant behind it."""
    return {
        "user_id": user_id,
        "products": products,
        "reason": reason,
        "role": role or ("end_user" if to_end_user else "agent"),
        **{name: value for name, value in cause.items() if value is not None},
    }
