from enum import StrEnum


class SeatReason(StrEnum):
    ACCOUNT_OWNER = "account_owner"
    END_USER_FREE = "end_user_free"
    LIGHT_AGENT_FREE = "light_agent_free"
    NOT_GRANTED = "not_granted"
    PAID_SEAT = "paid_seat"

    def __str__(self) -> str:
        return str(self.value)
