from enum import StrEnum


class BillingMode(StrEnum):
    SALES_ASSISTED = "sales_assisted"
    SELF_SERVICE = "self_service"

    def __str__(self) -> str:
        return str(self.value)
