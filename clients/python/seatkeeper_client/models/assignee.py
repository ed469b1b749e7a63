from enum import StrEnum


class Assignee(StrEnum):
    CUSTOMER_SUPPORT = "customer_support"
    SALES_REP = "sales_rep"

    def __str__(self) -> str:
        return str(self.value)
