"""Catalogue errors with stable codes."""

from app.errors import Conflict, DomainError, NotFound


class ProductNotFound(NotFound):
    code, message = "product_not_found", "No such product."


class SkuNotFound(NotFound):
    code, message = "sku_not_found", "No such SKU."


class MerchantNotFound(NotFound):
    code, message = "merchant_not_found", "No such merchant."


class OutOfStock(Conflict):
    code, message = "out_of_stock", "Not enough stock."


class NotOnSale(DomainError):
    code, status, message = "not_on_sale", 409, "This product is not on sale."


class StockLimit(DomainError):
    code, status, message = "stock_limit", 422, "That is more stock than a SKU may hold."
