from enum import StrEnum


class AgentCreateRole(StrEnum):
    AGENT = "agent"
    LIGHT_AGENT = "light_agent"

    def __str__(self) -> str:
        return str(self.value)
