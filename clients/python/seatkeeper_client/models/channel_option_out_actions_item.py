from enum import StrEnum


class ChannelOptionOutActionsItem(StrEnum):
    ADD = "add"
    REMOVE = "remove"

    def __str__(self) -> str:
        return str(self.value)
