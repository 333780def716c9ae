"""Referral errors with stable codes."""

from enum import StrEnum

from app.errors import Conflict, DomainError, Forbidden, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    SELF_REFERRAL = "self_referral"
    REFERRAL_CYCLE = "referral_cycle"
    ALREADY_BOUND = "already_bound"
    NOT_NEW_USER = "not_new_user"
    REFERRER_NOT_DISTRIBUTOR = "referrer_not_distributor"
    INVITE_NOT_FOUND = "invite_not_found"
    BIND_SOURCE_REQUIRED = "bind_source_required"
    TOO_MANY_LEVELS = "too_many_levels"
    RATES_TOO_HIGH = "rates_too_high"
    DISTRIBUTOR_NOT_FOUND = "distributor_not_found"
    NOT_A_DISTRIBUTOR = "not_a_distributor"
    ALREADY_JOINED = "already_joined"
    JOIN_NOT_ALLOWED = "join_not_allowed"
    TERMS_NOT_ACCEPTED = "terms_not_accepted"
    NOT_REVIEWABLE = "not_reviewable"
    WITHDRAWAL_NOT_FOUND = "withdrawal_not_found"
    WITHDRAWAL_REFUSED = "withdrawal_refused"
    WITHDRAWAL_KEY_REUSED = "withdrawal_key_reused"
    LEDGER_UNBALANCED = "ledger_unbalanced"


class SelfReferral(DomainError):
    code, status, message = ErrorCode.SELF_REFERRAL, 422, "Nobody can refer themselves."


class ReferralCycle(DomainError):
    code, status, message = (ErrorCode.REFERRAL_CYCLE, 422,
                             "That binding would close a referral loop.")


class AlreadyBound(Conflict):
    code, message = ErrorCode.ALREADY_BOUND, "You are bound to a referrer already."


class NotNewUser(Conflict):
    code, message = ErrorCode.NOT_NEW_USER, "Only new customers can be bound here."


class ReferrerNotDistributor(DomainError):
    code, status, message = (ErrorCode.REFERRER_NOT_DISTRIBUTOR, 422,
                             "The referrer is not a distributor.")


class InviteNotFound(NotFound):
    code, message = ErrorCode.INVITE_NOT_FOUND, "No such invite code."


class BindSourceRequired(DomainError):
    code, status, message = (ErrorCode.BIND_SOURCE_REQUIRED, 422,
                             "Name exactly one of scene or invite_code.")


class TooManyLevels(DomainError):
    code, status, message = (ErrorCode.TOO_MANY_LEVELS, 422,
                             "Commission has 1 to 3 levels; more is multi-level marketing.")


class RatesTooHigh(DomainError):
    code, status, message = (ErrorCode.RATES_TOO_HIGH, 422,
                             "Rates would pay out more than the goods.")


class DistributorNotFound(NotFound):
    code, message = ErrorCode.DISTRIBUTOR_NOT_FOUND, "No such distributor."


class NotADistributor(Forbidden):
    code, message = ErrorCode.NOT_A_DISTRIBUTOR, "Join as a distributor first."


class AlreadyJoined(Conflict):
    code, message = ErrorCode.ALREADY_JOINED, "You have joined or applied already."


class JoinNotAllowed(DomainError):
    code, status, message = ErrorCode.JOIN_NOT_ALLOWED, 403, "You cannot join yet."


class TermsNotAccepted(DomainError):
    code, status, message = (ErrorCode.TERMS_NOT_ACCEPTED, 422,
                             "Accept the distributor terms to join.")


class NotReviewable(Conflict):
    code, message = ErrorCode.NOT_REVIEWABLE, "This is not waiting for review."


class WithdrawalNotFound(NotFound):
    code, message = ErrorCode.WITHDRAWAL_NOT_FOUND, "No such withdrawal."


class WithdrawalRefused(DomainError):
    """code: below_minimum | insufficient_balance | negative_balance."""
    code, status, message = ErrorCode.WITHDRAWAL_REFUSED, 409, "This withdrawal cannot be made."


class WithdrawalKeyReused(Conflict):
    code, message = ErrorCode.WITHDRAWAL_KEY_REUSED, "That request id was used for another amount."


class LedgerUnbalanced(DomainError):
    code, status, message = (ErrorCode.LEDGER_UNBALANCED, 500,
                             "A ledger transaction did not balance.")
