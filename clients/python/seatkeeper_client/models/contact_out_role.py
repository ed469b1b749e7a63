from enum import StrEnum


class ContactOutRole(StrEnum):
    OWNER = "owner"
    SALES_REP = "sales_rep"

    def __str__(self) -> str:
        return str(self.value)
