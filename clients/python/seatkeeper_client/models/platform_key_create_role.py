from enum import StrEnum


class PlatformKeyCreateRole(StrEnum):
    PLATFORM_ADMIN = "platform_admin"
    SALES_REP = "sales_rep"

    def __str__(self) -> str:
        return str(self.value)
