from enum import StrEnum


class LineState(StrEnum):
    FULL = "full"
    NEAR_LIMIT = "near_limit"
    OK = "ok"
    OVER = "over"

    def __str__(self) -> str:
        return str(self.value)
