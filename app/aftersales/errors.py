"""After-sale errors with stable codes."""

from enum import StrEnum

from app.errors import Conflict, DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    AFTER_SALE_NOT_FOUND = "after_sale_not_found"
    AFTER_SALE_NOT_ALLOWED = "after_sale_not_allowed"
    AFTER_SALE_LINE_OPEN = "after_sale_line_open"
    AFTER_SALE_TOO_MANY_UNITS = "after_sale_too_many_units"
    AFTER_SALE_AMOUNT_TOO_HIGH = "after_sale_amount_too_high"
    AFTER_SALE_ILLEGAL_TRANSITION = "after_sale_illegal_transition"
    UNKNOWN_REASON = "unknown_after_sale_reason"
    DUPLICATE_LINES = "after_sale_duplicate_lines"


class AfterSaleNotFound(NotFound):
    """Also another buyer's request, or another merchant's."""

    code, message = ErrorCode.AFTER_SALE_NOT_FOUND, "No such after-sale request."


class AfterSaleNotAllowed(Conflict):
    code, message = (ErrorCode.AFTER_SALE_NOT_ALLOWED,
                     "This kind of after-sale is not open for this order now.")


class LineAlreadyOpen(Conflict):
    code, message = (ErrorCode.AFTER_SALE_LINE_OPEN,
                     "A line of this request already has an open after-sale request.")


class TooManyUnits(DomainError):
    code, status, message = (ErrorCode.AFTER_SALE_TOO_MANY_UNITS, 422,
                             "More units than this line allows for this kind of request.")


class AmountTooHigh(DomainError):
    code, status, message = (ErrorCode.AFTER_SALE_AMOUNT_TOO_HIGH, 422,
                             "The amount is above what these units paid.")


class IllegalTransition(Conflict):
    code, message = (ErrorCode.AFTER_SALE_ILLEGAL_TRANSITION,
                     "The request is not in a state that allows this.")


class UnknownReason(DomainError):
    code, status, message = (ErrorCode.UNKNOWN_REASON, 422,
                             "The reason is not in the merchant's reason list.")


class DuplicateLines(DomainError):
    code, status, message = (ErrorCode.DUPLICATE_LINES, 422,
                             "An order line is named twice in one request.")
