"""The event-type catalog names every event the service records: recording
another is refused, and no event type is written in the code but there."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.errors import InvalidRequest
from app.domain.event_types import EVENT_TYPES, check_subscription, require_known
from app.services.audit import event

ROOT = Path(__file__).resolve().parents[2]
# What an event type looks like: "agent.downgraded", "webhook_endpoint.created".
SHAPE = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _literals(folder: Path) -> dict[str, str]:
    """Every string constant shaped like an event type, with where it is."""
    found: dict[str, str] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and SHAPE.match(node.value)
                and not node.value.startswith("seatkeeper.")  # logger names
            ):
                found.setdefault(node.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_event_type_written_in_the_services_is_in_the_catalog() -> None:
    written = _literals(ROOT / "app" / "services")
    assert len(written) > 20  # the scan sees the services' event types
    unknown = {name: where for name, where in written.items() if name not in EVENT_TYPES}
    assert unknown == {}


def test_recording_an_event_of_an_unknown_type_is_refused() -> None:
    with pytest.raises(ValueError, match=r"app/domain/event_types\.py"):
        event("acct_1", "agent.exploded", "tester", datetime.now(UTC))
    with pytest.raises(ValueError):
        require_known("agent")
    assert event("acct_1", "agent.added", "tester", datetime.now(UTC)).type == "agent.added"


def test_a_subscription_takes_known_types_or_every_type_only() -> None:
    assert check_subscription(["*"]) == ("*",)
    assert check_subscription(["seats.full", "seats.full", "agent.added"]) == (
        "seats.full",
        "agent.added",
    )
    with pytest.raises(InvalidRequest) as refused:
        check_subscription(["seats.full", "seats.empty"])
    assert (refused.value.code, refused.value.extra) == (
        "unknown_event_type",
        {"event_types": ["seats.empty"]},
    )


def test_every_event_type_has_a_description_and_is_in_the_api_docs() -> None:
    docs = (ROOT / "docs" / "api.md").read_text()
    for name, event_type in EVENT_TYPES.items():
        assert event_type.description, name
        assert f"`{name}`" in docs, name
