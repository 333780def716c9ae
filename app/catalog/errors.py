"""Catalogue errors with stable codes."""

from enum import StrEnum

from app.errors import Conflict, DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    PRODUCT_NOT_FOUND = "product_not_found"
    SKU_NOT_FOUND = "sku_not_found"
    MERCHANT_NOT_FOUND = "merchant_not_found"
    OUT_OF_STOCK = "out_of_stock"
    NOT_ON_SALE = "not_on_sale"
    STOCK_LIMIT = "stock_limit"


class ProductNotFound(NotFound):
    code, message = ErrorCode.PRODUCT_NOT_FOUND, "No such product."


class SkuNotFound(NotFound):
    code, message = ErrorCode.SKU_NOT_FOUND, "No such SKU."


class MerchantNotFound(NotFound):
    code, message = ErrorCode.MERCHANT_NOT_FOUND, "No such merchant."


class OutOfStock(Conflict):
    code, message = ErrorCode.OUT_OF_STOCK, "Not enough stock."


class NotOnSale(DomainError):
    code, status, message = ErrorCode.NOT_ON_SALE, 409, "This product is not on sale."


class StockLimit(DomainError):
    code, status, message = ErrorCode.STOCK_LIMIT, 422, "That is more stock than a SKU may hold."
