from enum import StrEnum


class ChangeStatus(StrEnum):
    APPLIED = "applied"
    CANCELLED = "cancelled"
    PREVIEW = "preview"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
