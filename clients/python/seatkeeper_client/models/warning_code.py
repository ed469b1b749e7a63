from enum import StrEnum


class WarningCode(StrEnum):
    AGENTS_DOWNGRADED = "agents_downgraded"
    NO_CREDIT_FOR_DECREASE = "no_credit_for_decrease"
    REPLACES_SCHEDULED_CHANGE = "replaces_scheduled_change"
    SCHEDULED_CHANGE_PENDING = "scheduled_change_pending"

    def __str__(self) -> str:
        return str(self.value)
