"""What a scheduled-jobs run could not do: one item (an account, a grant)
whose step raised. Each is logged with its traceback, counted (in /metrics,
through `on_failure`), and left as it was, so the next run tries it again;
the run goes on with the other items and the later jobs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger("seatkeeper.jobs")

# The item named when a whole job failed before reaching its items (say, the
# query for what is due).
WHOLE_JOB = "*"


@dataclass(slots=True)
class JobFailures:
    on_failure: Callable[[str], None] | None = None  # told the job's name, once per item
    items: dict[str, list[str]] = field(default_factory=dict)

    def failed(self, job: str, item: str) -> None:
        """Call from the `except` block that caught the item's error."""
        log.exception("scheduled job item failed", extra={"job": job, "item": item})
        self.items.setdefault(job, []).append(item)
        if self.on_failure is not None:
            self.on_failure(job)
