from enum import StrEnum


class AccountStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    PAST_DUE = "past_due"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
