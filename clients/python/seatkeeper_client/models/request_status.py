from enum import StrEnum


class RequestStatus(StrEnum):
    CANCELLED = "cancelled"
    DECLINED = "declined"
    FULFILLED = "fulfilled"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
