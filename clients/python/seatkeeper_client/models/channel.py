from enum import StrEnum


class Channel(StrEnum):
    ON_THE_FLY = "on_the_fly"
    SALES_REQUEST = "sales_request"
    SUBSCRIPTION_PAGE = "subscription_page"

    def __str__(self) -> str:
        return str(self.value)
