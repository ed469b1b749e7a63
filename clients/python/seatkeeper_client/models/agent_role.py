from enum import StrEnum


class AgentRole(StrEnum):
    AGENT = "agent"
    END_USER = "end_user"
    LIGHT_AGENT = "light_agent"

    def __str__(self) -> str:
        return str(self.value)
