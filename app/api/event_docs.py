"""The `webhooks` section of the OpenAPI document: one entry per event type
of the catalog (app/domain/event_types.py), with the payload it delivers."""

from __future__ import annotations

from typing import Any

from app.domain.event_types import EVENT_TYPES, EventType, Field

HEADERS = (
    ("webhook-id", "The event's id (`evt_...`): the same on every retry; deduplicate on it."),
    ("webhook-timestamp", "Seconds since the epoch when this attempt was signed."),
    (
        "webhook-signature",
        "`v1,<base64 HMAC-SHA256 of id.timestamp.body>`; during the 24 h after a secret "
        "rotation, two of them, space separated (new secret, old secret).",
    ),
)
RECEIVED = {
    "2XX": {
        "description": "Received. Any other answer, or none in 10 s, is retried with "
        "backoff for a day."
    }
}


def _property(field: Field) -> dict[str, Any]:
    kind: Any = [field.type, "null"] if field.nullable else field.type
    prop = {"type": kind, "description": field.description}
    if field.type == "array":  # generators refuse an array that does not say its items
        prop["items"] = {"type": field.items}
    return prop


def _payload(event_type: EventType) -> dict[str, Any]:
    # Only a platform endpoint's test ping has no account.
    account = {
        "type": ["string", "null"] if event_type.name == "webhook.test" else "string",
        "description": "The account the event is about; null only for a platform endpoint's "
        "test ping.",
    }
    properties = {"account_id": account}
    properties.update({f.name: _property(f) for f in event_type.fields})
    required = ["account_id", *(f.name for f in event_type.fields if f.required)]
    return {
        "type": "object",
        "required": ["type", "timestamp", "data"],
        "properties": {
            "type": {"type": "string", "const": event_type.name},
            "timestamp": {"type": "string", "format": "date-time"},
            "data": {"type": "object", "required": required, "properties": properties},
        },
    }


def _camel(name: str) -> str:
    return "".join(word.capitalize() for word in name.replace(".", "_").split("_"))


def _operation_id(name: str) -> str:
    return "on" + _camel(name)


def payload_schema_name(name: str) -> str:
    """`account.created` -> `AccountCreatedEvent`, its payload in components.schemas."""
    return _camel(name) + "Event"


def _header_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def webhooks_section(components: dict[str, Any]) -> dict[str, Any]:
    """The entries, their shared headers and answer added once to `components`,
    and each payload as a schema of its own there, so that client generators
    make a type of it for a receiver to parse deliveries with."""
    schemas = components.setdefault("schemas", {})
    for event_type in EVENT_TYPES.values():
        name = payload_schema_name(event_type.name)
        assert name not in schemas, f"{name} is already a schema"
        schemas[name] = _payload(event_type)
    parameters = components.setdefault("parameters", {})
    for name, description in HEADERS:
        parameters[_header_name(name)] = {
            "name": name,
            "in": "header",
            "required": True,
            "description": description,
            "schema": {"type": "string"},
        }
    components.setdefault("responses", {})["WebhookReceived"] = RECEIVED["2XX"]
    return {
        event_type.name: {
            "post": {
                "tags": ["webhooks"],
                "summary": event_type.description,
                "operationId": _operation_id(event_type.name),
                # Signed with the endpoint's secret (the webhook-* headers), not an API key.
                "security": [],
                "parameters": [
                    {"$ref": f"#/components/parameters/{_header_name(name)}"} for name, _ in HEADERS
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "$ref": "#/components/schemas/"
                                + payload_schema_name(event_type.name)
                            }
                        }
                    },
                },
                "responses": {"2XX": {"$ref": "#/components/responses/WebhookReceived"}},
            }
        }
        for event_type in EVENT_TYPES.values()
    }
