from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    OWNER = "owner"
    PLATFORM_ADMIN = "platform_admin"
    SALES_REP = "sales_rep"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
