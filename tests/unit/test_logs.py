"""Log lines are JSON for machines: no terminal colour codes in them."""

from __future__ import annotations

import json
import logging

from app.logs import JsonFormatter


def test_uvicorns_color_message_and_escape_codes_stay_out_of_the_json_line() -> None:
    # What uvicorn logs as it starts: the message, plus a coloured copy for its console.
    record = logging.makeLogRecord(
        {
            "name": "uvicorn.error",
            "levelname": "INFO",
            "msg": "Started server process [%d] \x1b[1mnow\x1b[0m",
            "args": (4242,),
            "color_message": "Started server process [\x1b[36m%d\x1b[0m]",
            "worker": "w1",
        }
    )
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\x1b" not in line and "\\u001b" not in line
    assert entry["message"] == "Started server process [4242] now"
    assert "color_message" not in entry
    assert entry["worker"] == "w1"  # other extras are kept
