"""Cart errors with stable codes."""

from enum import StrEnum

from app.errors import Conflict, DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    CART_LINE_NOT_FOUND = "cart_line_not_found"
    CART_FULL = "cart_full"
    CART_QUANTITY_TOO_LARGE = "cart_quantity_too_large"
    CART_EMPTY = "cart_empty"
    CART_CHANGED = "cart_changed"


class CartLineNotFound(NotFound):
    """Also another buyer's line: it is not found, not forbidden."""

    code, message = ErrorCode.CART_LINE_NOT_FOUND, "No such line in your cart."


class CartFull(DomainError):
    code, status, message = (ErrorCode.CART_FULL, 409,
                             "The cart holds as many different items as it may.")


class CartQuantityTooLarge(DomainError):
    code, status, message = (ErrorCode.CART_QUANTITY_TOO_LARGE, 422,
                             "That is more of one item than a cart line may hold.")


class CartEmpty(DomainError):
    code, status, message = ErrorCode.CART_EMPTY, 422, "No cart lines are selected to order."


class CartChanged(Conflict):
    code, message = (ErrorCode.CART_CHANGED,
                     "The cart changed while ordering (another order took these lines).")
