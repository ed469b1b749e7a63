from enum import StrEnum


class AccountKeyCreateRole(StrEnum):
    ADMIN = "admin"
    OWNER = "owner"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
