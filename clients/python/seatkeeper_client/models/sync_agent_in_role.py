from enum import StrEnum


class SyncAgentInRole(StrEnum):
    AGENT = "agent"
    END_USER = "end_user"

    def __str__(self) -> str:
        return str(self.value)
