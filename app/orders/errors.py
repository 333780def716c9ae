"""Order errors with stable codes."""

from enum import StrEnum

from app.errors import Conflict, DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    ORDER_NOT_FOUND = "order_not_found"
    ILLEGAL_TRANSITION = "illegal_transition"
    INVALID_LINES = "invalid_lines"
    MIXED_MERCHANTS = "mixed_merchants"
    UNKNOWN_SOURCE = "unknown_source"
    UNKNOWN_CHECKOUT_OPTION = "unknown_checkout_option"
    SOURCE_WRONG_MERCHANT = "source_wrong_merchant"
    INVALID_DELIVERY = "invalid_delivery"
    SHIP_TO_MISSING = "ship_to_missing"
    SHIP_TO_NOT_CHANGEABLE = "ship_to_not_changeable"
    REQUEST_ID_REUSED = "request_id_reused"


class OrderNotFound(NotFound):
    code, message = ErrorCode.ORDER_NOT_FOUND, "No such order."


class IllegalState(Conflict):
    code, message = ErrorCode.ILLEGAL_TRANSITION, "The order cannot do that in its current state."


class InvalidLines(DomainError):
    code, status, message = ErrorCode.INVALID_LINES, 422, "The order lines are not valid."


class MixedMerchants(DomainError):
    code, status, message = ErrorCode.MIXED_MERCHANTS, 422, "One order holds one merchant's goods."


class UnknownSource(DomainError):
    code, status, message = ErrorCode.UNKNOWN_SOURCE, 422, "The order source is not known."


class UnknownCheckoutOption(DomainError):
    code, status, message = (ErrorCode.UNKNOWN_CHECKOUT_OPTION, 422,
                             "The order asks for a discount this shop does not offer.")


class SourceWrongMerchant(DomainError):
    code, status, message = (ErrorCode.SOURCE_WRONG_MERCHANT, 422,
                             "The order source belongs to another shop.")


class InvalidDelivery(DomainError):
    """details.reason says which rule: pickup_point_required,
    pickup_point_needs_pickup, address_not_for_pickup, contact_only_for_pickup."""

    code, status, message = (ErrorCode.INVALID_DELIVERY, 422,
                             "This delivery does not fit the order.")


class ShipToMissing(Conflict):
    code, message = (ErrorCode.SHIP_TO_MISSING,
                     "The order has no address to ship to; the buyer must give one first.")


class ShipToNotChangeable(Conflict):
    code, message = (ErrorCode.SHIP_TO_NOT_CHANGEABLE,
                     "The order's address can no longer be given: it has one already, "
                     "or it has shipped or closed.")


class RequestIdReused(Conflict):
    code, message = (ErrorCode.REQUEST_ID_REUSED,
                     "This request_id already made an order of other lines or options.")
