"""Referral errors with stable codes."""

from app.errors import Conflict, DomainError, Forbidden, NotFound


class SelfReferral(DomainError):
    code, status, message = "self_referral", 422, "Nobody can refer themselves."


class ReferralCycle(DomainError):
    code, status, message = "referral_cycle", 422, "That binding would close a referral loop."


class AlreadyBound(Conflict):
    code, message = "already_bound", "You are bound to a referrer already."


class NotNewUser(Conflict):
    code, message = "not_new_user", "Only new customers can be bound here."


class ReferrerNotDistributor(DomainError):
    code, status, message = "referrer_not_distributor", 422, "The referrer is not a distributor."


class InviteNotFound(NotFound):
    code, message = "invite_not_found", "No such invite code."


class BindSourceRequired(DomainError):
    code, status, message = ("bind_source_required", 422,
                             "Name exactly one of scene or invite_code.")


class TooManyLevels(DomainError):
    code, status, message = ("too_many_levels", 422,
                             "Commission has 1 to 3 levels; more is multi-level marketing.")


class RatesTooHigh(DomainError):
    code, status, message = "rates_too_high", 422, "Rates would pay out more than the goods."


class DistributorNotFound(NotFound):
    code, message = "distributor_not_found", "No such distributor."


class NotADistributor(Forbidden):
    code, message = "not_a_distributor", "Join as a distributor first."


class AlreadyJoined(Conflict):
    code, message = "already_joined", "You have joined or applied already."


class JoinNotAllowed(DomainError):
    code, status, message = "join_not_allowed", 403, "You cannot join yet."


class TermsNotAccepted(DomainError):
    code, status, message = "terms_not_accepted", 422, "Accept the distributor terms to join."


class NotReviewable(Conflict):
    code, message = "not_reviewable", "This is not waiting for review."


class WithdrawalNotFound(NotFound):
    code, message = "withdrawal_not_found", "No such withdrawal."


class WithdrawalRefused(DomainError):
    """code: below_minimum | insufficient_balance | negative_balance."""
    code, status, message = "withdrawal_refused", 409, "This withdrawal cannot be made."


class WithdrawalKeyReused(Conflict):
    code, message = "withdrawal_key_reused", "That request id was used for another amount."


class LedgerUnbalanced(DomainError):
    code, status, message = "ledger_unbalanced", 500, "A ledger transaction did not balance."
