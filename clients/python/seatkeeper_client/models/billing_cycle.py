from enum import StrEnum


class BillingCycle(StrEnum):
    ANNUAL = "annual"
    MONTHLY = "monthly"

    def __str__(self) -> str:
        return str(self.value)
