"""Order errors with stable codes."""

from app.errors import Conflict, DomainError, NotFound


class OrderNotFound(NotFound):
    code, message = "order_not_found", "No such order."


class IllegalState(Conflict):
    code, message = "illegal_transition", "The order cannot do that in its current state."


class InvalidLines(DomainError):
    code, status, message = "invalid_lines", 422, "The order lines are not valid."


class MixedMerchants(DomainError):
    code, status, message = "mixed_merchants", 422, "One order holds one merchant's goods."


class UnknownSource(DomainError):
    code, status, message = "unknown_source", 422, "The order source is not known."


class UnknownCheckoutOption(DomainError):
    code, status, message = ("unknown_checkout_option", 422,
                             "The order asks for a discount this shop does not offer.")


class SourceWrongMerchant(DomainError):
    code, status, message = ("source_wrong_merchant", 422,
                             "The order source belongs to another shop.")
