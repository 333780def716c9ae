"""Coupon errors with stable codes."""

from app.errors import Conflict, DomainError, NotFound


class CouponNotFound(NotFound):
    code, message = "coupon_not_found", "No such coupon."


class InvalidCoupon(DomainError):
    code, status, message = "invalid_coupon", 422, "The coupon's terms are not valid."


class NotEditable(Conflict):
    code, message = "coupon_not_editable", "Only a draft coupon's terms can change."


class IllegalStatus(Conflict):
    code, message = "coupon_illegal_status", "The coupon cannot move to that status."


class NotClaimable(Conflict):
    code, message = "coupon_not_claimable", "This coupon cannot be claimed now."


class Exhausted(Conflict):
    code, message = "coupon_exhausted", "All of this coupon has been claimed."


class LimitReached(Conflict):
    code, message = "coupon_limit_reached", "You already hold as many of this coupon as allowed."


class NotUsable(DomainError):
    """details.reason: used, expired, not_started, wrong_merchant,
    below_min_spend, out_of_scope."""

    code, status, message = "coupon_not_usable", 422, "This coupon cannot be used on this order."


class NotWithPromotion(DomainError):
    code, status, message = ("coupon_not_with_promotion", 422,
                             "Coupons do not apply to promotion prices.")
