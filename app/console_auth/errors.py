"""Console sign-in, invites, staff and platform errors with stable codes."""

from enum import StrEnum

from app.errors import DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    NOT_STAFF = "not_staff"
    TICKET_NOT_FOUND = "ticket_not_found"
    TICKET_EXPIRED = "ticket_expired"
    TICKET_USED = "ticket_used"
    INVITE_NOT_FOUND = "invite_not_found"
    INVITE_EXPIRED = "invite_expired"
    INVITE_USED = "invite_used"
    LOGIN_TAKEN = "login_taken"
    ROLE_NOT_GRANTABLE = "role_not_grantable"
    SCOPE_NOT_FOUND = "scope_not_found"
    STAFF_ROLE_NOT_FOUND = "staff_role_not_found"
    LAST_OWNER = "last_owner"
    MERCHANT_SUSPENDED = "merchant_suspended"
    BAD_TIME_RANGE = "bad_time_range"


class NotStaff(DomainError):
    code, status, message = (ErrorCode.NOT_STAFF, 403,
                             "Only staff may sign in to the console.")


class TicketNotFound(NotFound):
    code, message = ErrorCode.TICKET_NOT_FOUND, "No such sign-in code."


class TicketExpired(DomainError):
    code, status, message = (ErrorCode.TICKET_EXPIRED, 410,
                             "The sign-in code has expired; show a new one.")


class TicketUsed(DomainError):
    code, status, message = (ErrorCode.TICKET_USED, 409,
                             "The sign-in code was already used.")


class InviteNotFound(NotFound):
    code, message = ErrorCode.INVITE_NOT_FOUND, "No such invitation."


class InviteExpired(DomainError):
    code, status, message = ErrorCode.INVITE_EXPIRED, 410, "The invitation has expired."


class InviteUsed(DomainError):
    code, status, message = ErrorCode.INVITE_USED, 409, "The invitation was already accepted."


class LoginTaken(DomainError):
    code, status, message = ErrorCode.LOGIN_TAKEN, 409, "That login name is taken."


class RoleNotGrantable(DomainError):
    code, status, message = (ErrorCode.ROLE_NOT_GRANTABLE, 422,
                             "A merchant may not grant this role.")


class ScopeNotFound(NotFound):
    code, message = (ErrorCode.SCOPE_NOT_FOUND,
                     "No such room or community at this merchant.")


class StaffRoleNotFound(NotFound):
    code, message = ErrorCode.STAFF_ROLE_NOT_FOUND, "The user holds no such role here."


class LastOwner(DomainError):
    code, status, message = (ErrorCode.LAST_OWNER, 409,
                             "A merchant keeps at least one owner.")


class MerchantSuspended(DomainError):
    code, status, message = (ErrorCode.MERCHANT_SUSPENDED, 403,
                             "The merchant is suspended: reading only, nothing sold.")


class BadTimeRange(DomainError):
    code, status, message = ErrorCode.BAD_TIME_RANGE, 422, "`from` must be before `to`."
