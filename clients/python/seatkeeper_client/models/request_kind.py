from enum import StrEnum


class RequestKind(StrEnum):
    ADD_SEATS = "add_seats"
    REMOVE_SEATS = "remove_seats"
    TEMPORARY_SEATS = "temporary_seats"

    def __str__(self) -> str:
        return str(self.value)
