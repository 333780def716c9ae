"""Flash-sale errors, each with a stable code. A refused grab takes nothing."""

from enum import StrEnum

from app.errors import Conflict, DomainError, NotFound, ValidationFailed
from app.errors import ErrorCode as CoreCode


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    FLASHSALE_NOT_FOUND = "flashsale_not_found"
    INVALID_FLASHSALE = "invalid_flashsale"
    FLASHSALE_NOT_EDITABLE = "flashsale_not_editable"
    FLASHSALE_ILLEGAL_STATUS = "flashsale_illegal_status"
    NOT_STARTED = "not_started"
    ENDED = "ended"
    STOPPED = "stopped"
    SOLD_OUT = "sold_out"
    LIMIT_REACHED = "limit_reached"
    OVER_ORDER_LIMIT = "over_order_limit"
    INVALID_GRAB_TOKEN = "invalid_grab_token"
    GRAB_TOKEN_EXPIRED = "grab_token_expired"
    FLASHSALE_UNAVAILABLE = "flashsale_unavailable"
    GRAB_PENDING = "grab_pending"
    TOO_MANY_WATCHES = "too_many_watches"


class ActivityNotFound(NotFound):
    code, message = ErrorCode.FLASHSALE_NOT_FOUND, "No such flash sale."


class InvalidActivity(ValidationFailed):
    code = ErrorCode.INVALID_FLASHSALE


class NotEditable(DomainError):
    code, status, message = ErrorCode.FLASHSALE_NOT_EDITABLE, 409, \
        "A flash sale can be changed only before it starts."


class IllegalStatus(DomainError):
    code, status, message = ErrorCode.FLASHSALE_ILLEGAL_STATUS, 409, \
        "The flash sale is not in a state that allows this."


class NotStarted(DomainError):
    code, status, message = ErrorCode.NOT_STARTED, 409, "The flash sale has not started yet."


class Ended(DomainError):
    code, status, message = ErrorCode.ENDED, 409, "The flash sale has ended."


class Stopped(DomainError):
    code, status, message = ErrorCode.STOPPED, 409, "The flash sale was stopped."


class SoldOut(Conflict):
    code, message = ErrorCode.SOLD_OUT, "Sold out."


class LimitReached(DomainError):
    code, status, message = ErrorCode.LIMIT_REACHED, 409, "You have reached this sale's limit."


class OverOrderLimit(DomainError):
    code, status, message = ErrorCode.OVER_ORDER_LIMIT, 422, "Too many units for one order."


class InvalidGrabToken(DomainError):
    code, status, message = ErrorCode.INVALID_GRAB_TOKEN, 403, \
        "This grab token is not yours for this sale; get a new one."


class GrabTokenExpired(DomainError):
    code, status, message = (ErrorCode.GRAB_TOKEN_EXPIRED, 403,
                             "The grab token expired; get a new one.")


class RateLimited(DomainError):
    code, status, message = CoreCode.RATE_LIMITED, 429, "Too many tries; wait a moment."


class Unavailable(DomainError):
    code, status, message = ErrorCode.FLASHSALE_UNAVAILABLE, 503, \
        "The flash sale is catching up; try again in a moment."


class StateMissing(Unavailable):
    """Redis holds no state for the sale (a restart, or not loaded yet)."""


class GrabPending(DomainError):
    code, status, message = ErrorCode.GRAB_PENDING, 202, \
        "Your grab is still being processed; see the sale's result in a moment."


class TooManyWatches(DomainError):
    code, status = ErrorCode.TOO_MANY_WATCHES, 429

    def __init__(self, most: int):
        super().__init__(f"One connection watches at most {most} sales.")
