from enum import StrEnum


class Effective(StrEnum):
    AT_RENEWAL = "at_renewal"
    IMMEDIATELY = "immediately"

    def __str__(self) -> str:
        return str(self.value)
