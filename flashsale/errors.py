"""Flash-sale errors, each with a stable code. A refused grab takes nothing."""

from app.errors import Conflict, DomainError, NotFound, ValidationFailed


class ActivityNotFound(NotFound):
    code, message = "flashsale_not_found", "No such flash sale."


class InvalidActivity(ValidationFailed):
    code = "invalid_flashsale"


class NotEditable(DomainError):
    code, status, message = "flashsale_not_editable", 409, \
        "A flash sale can be changed only before it starts."


class IllegalStatus(DomainError):
    code, status, message = "flashsale_illegal_status", 409, \
        "The flash sale is not in a state that allows this."


class NotStarted(DomainError):
    code, status, message = "not_started", 409, "The flash sale has not started yet."


class Ended(DomainError):
    code, status, message = "ended", 409, "The flash sale has ended."


class Stopped(DomainError):
    code, status, message = "stopped", 409, "The flash sale was stopped."


class SoldOut(Conflict):
    code, message = "sold_out", "Sold out."


class LimitReached(DomainError):
    code, status, message = "limit_reached", 409, "You have reached this sale's limit."


class OverOrderLimit(DomainError):
    code, status, message = "over_order_limit", 422, "Too many units for one order."


class InvalidGrabToken(DomainError):
    code, status, message = "invalid_grab_token", 403, \
        "This grab token is not yours for this sale; get a new one."


class GrabTokenExpired(DomainError):
    code, status, message = "grab_token_expired", 403, "The grab token expired; get a new one."


class RateLimited(DomainError):
    code, status, message = "rate_limited", 429, "Too many tries; wait a moment."


class Unavailable(DomainError):
    code, status, message = "flashsale_unavailable", 503, \
        "The flash sale is catching up; try again in a moment."


class StateMissing(Unavailable):
    """Redis holds no state for the sale (a restart, or not loaded yet)."""


class GrabPending(DomainError):
    code, status, message = "grab_pending", 202, \
        "Your grab is still being processed; see the sale's result in a moment."
