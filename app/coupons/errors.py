"""Coupon errors with stable codes."""

from enum import StrEnum

from app.errors import Conflict, DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    COUPON_NOT_FOUND = "coupon_not_found"
    INVALID_COUPON = "invalid_coupon"
    COUPON_NOT_EDITABLE = "coupon_not_editable"
    COUPON_ILLEGAL_STATUS = "coupon_illegal_status"
    COUPON_NOT_CLAIMABLE = "coupon_not_claimable"
    COUPON_EXHAUSTED = "coupon_exhausted"
    COUPON_LIMIT_REACHED = "coupon_limit_reached"
    COUPON_NOT_USABLE = "coupon_not_usable"
    COUPON_NOT_WITH_PROMOTION = "coupon_not_with_promotion"


class CouponNotFound(NotFound):
    code, message = ErrorCode.COUPON_NOT_FOUND, "No such coupon."


class InvalidCoupon(DomainError):
    code, status, message = ErrorCode.INVALID_COUPON, 422, "The coupon's terms are not valid."


class NotEditable(Conflict):
    code, message = ErrorCode.COUPON_NOT_EDITABLE, "Only a draft coupon's terms can change."


class IllegalStatus(Conflict):
    code, message = ErrorCode.COUPON_ILLEGAL_STATUS, "The coupon cannot move to that status."


class NotClaimable(Conflict):
    code, message = ErrorCode.COUPON_NOT_CLAIMABLE, "This coupon cannot be claimed now."


class Exhausted(Conflict):
    code, message = ErrorCode.COUPON_EXHAUSTED, "All of this coupon has been claimed."


class LimitReached(Conflict):
    code, message = (ErrorCode.COUPON_LIMIT_REACHED,
                     "You already hold as many of this coupon as allowed.")


class NotUsable(DomainError):
    """details.reason: used, expired, not_started, wrong_merchant,
    below_min_spend, out_of_scope."""

    code, status, message = (ErrorCode.COUPON_NOT_USABLE, 422,
                             "This coupon cannot be used on this order.")


class NotWithPromotion(DomainError):
    code, status, message = (ErrorCode.COUPON_NOT_WITH_PROMOTION, 422,
                             "Coupons do not apply to promotion prices.")
