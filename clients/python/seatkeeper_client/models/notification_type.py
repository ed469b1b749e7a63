from enum import StrEnum


class NotificationType(StrEnum):
    ACCOUNT_STATUS_CHANGED = "account_status_changed"
    AGENTS_DOWNGRADED = "agents_downgraded"
    SALES_REQUEST_SUBMITTED = "sales_request_submitted"
    SALES_REQUEST_UPDATED = "sales_request_updated"
    SEATS_FULL = "seats_full"
    SEATS_NEAR_LIMIT = "seats_near_limit"
    SEAT_CHANGE_APPLIED = "seat_change_applied"
    TEMPORARY_SEATS_ENDING = "temporary_seats_ending"

    def __str__(self) -> str:
        return str(self.value)
