from enum import StrEnum


class ProductOutKind(StrEnum):
    ADDON = "addon"
    PRODUCT = "product"

    def __str__(self) -> str:
        return str(self.value)
