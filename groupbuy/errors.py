"""Group-buy and bargain errors, each with a stable code."""

from enum import StrEnum

from app.errors import Conflict, DomainError, Forbidden, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    GROUP_ACTIVITY_NOT_FOUND = "group_activity_not_found"
    GROUP_NOT_FOUND = "group_not_found"
    BARGAIN_ACTIVITY_NOT_FOUND = "bargain_activity_not_found"
    BARGAIN_NOT_FOUND = "bargain_not_found"
    STATE_UNAVAILABLE = "state_unavailable"
    ACTIVITY_ENDED = "activity_ended"
    ACTIVITY_NOT_ACTIVE = "activity_not_active"
    SKU_NOT_IN_ACTIVITY = "sku_not_in_activity"
    GROUP_FULL = "group_full"
    GROUP_CLOSED = "group_closed"
    GROUP_EXPIRED = "group_expired"
    ALREADY_IN_GROUP = "already_in_group"
    GROUP_LIMIT_REACHED = "group_limit_reached"
    NEW_USERS_ONLY = "new_users_only"
    INVALID_ACTIVITY = "invalid_activity"
    SELF_HELP = "self_help"
    ALREADY_HELPED = "already_helped"
    BARGAIN_EXPIRED = "bargain_expired"
    BARGAIN_AT_FLOOR = "bargain_at_floor"
    BARGAIN_CLOSED = "bargain_closed"
    HELP_LIMIT_REACHED = "help_limit_reached"
    DAILY_HELP_LIMIT_REACHED = "daily_help_limit_reached"
    START_LIMIT_REACHED = "start_limit_reached"
    BUY_NOT_ALLOWED = "buy_not_allowed"
    SHARER_DAILY_HELP_LIMIT_REACHED = "sharer_daily_help_limit_reached"
    RISKY_HELP_REFUSED = "risky_help_refused"
    TOO_FEW_FEN_TO_CUT = "too_few_fen_to_cut"


class GroupActivityNotFound(NotFound):
    code, message = ErrorCode.GROUP_ACTIVITY_NOT_FOUND, "No such group-buy activity."


class GroupNotFound(NotFound):
    code, message = ErrorCode.GROUP_NOT_FOUND, "No such group."


class BargainActivityNotFound(NotFound):
    code, message = ErrorCode.BARGAIN_ACTIVITY_NOT_FOUND, "No such bargain activity."


class BargainNotFound(NotFound):
    code, message = ErrorCode.BARGAIN_NOT_FOUND, "No such bargain."


class StateUnavailable(DomainError):
    code, status = ErrorCode.STATE_UNAVAILABLE, 503
    message = "The promotion's live state is being rebuilt; try again in a moment."


class ActivityEnded(Conflict):
    code, message = ErrorCode.ACTIVITY_ENDED, "The activity has ended."


class ActivityNotActive(Conflict):
    code, message = ErrorCode.ACTIVITY_NOT_ACTIVE, "The activity is not running now."


class SkuNotInActivity(DomainError):
    code, status, message = ErrorCode.SKU_NOT_IN_ACTIVITY, 422, "The SKU is not in this activity."


class GroupFull(Conflict):
    code, message = ErrorCode.GROUP_FULL, "The group is full."


class GroupClosed(Conflict):
    code, message = ErrorCode.GROUP_CLOSED, "The group has completed or failed."


class GroupExpired(Conflict):
    code, message = ErrorCode.GROUP_EXPIRED, "The group has expired."


class AlreadyInGroup(Conflict):
    code, message = ErrorCode.ALREADY_IN_GROUP, "You already hold a seat in this group."


class GroupLimitReached(Conflict):
    code, message = (ErrorCode.GROUP_LIMIT_REACHED,
                     "You have joined this activity's limit of groups.")


class NewUsersOnly(Forbidden):
    code, message = ErrorCode.NEW_USERS_ONLY, "This group is for new customers only."


class InvalidActivity(DomainError):
    code, status, message = ErrorCode.INVALID_ACTIVITY, 422, "The activity's settings do not fit."


class SelfHelp(Conflict):
    code, message = ErrorCode.SELF_HELP, "You cannot help your own bargain."


class AlreadyHelped(Conflict):
    code, message = ErrorCode.ALREADY_HELPED, "You have already helped this bargain."


class BargainExpired(Conflict):
    code, message = ErrorCode.BARGAIN_EXPIRED, "The bargain has expired."


class BargainAtFloor(Conflict):
    code, message = ErrorCode.BARGAIN_AT_FLOOR, "The bargain already reached its floor price."


class BargainClosed(Conflict):
    code, message = ErrorCode.BARGAIN_CLOSED, "The bargain was bought."


class HelpLimitReached(Conflict):
    code, message = (ErrorCode.HELP_LIMIT_REACHED,
                     "You have helped as often as this activity allows.")


class DailyHelpLimitReached(Conflict):
    code, message = ErrorCode.DAILY_HELP_LIMIT_REACHED, "You have helped as often as allowed today."


class StartLimitReached(Conflict):
    code, message = ErrorCode.START_LIMIT_REACHED, "You have started as many bargains as allowed."


class BuyNotAllowed(Conflict):
    code, message = ErrorCode.BUY_NOT_ALLOWED, "This bargain can only be bought at its floor price."


class SharerDailyLimitReached(Conflict):
    code, message = ErrorCode.SHARER_DAILY_HELP_LIMIT_REACHED, \
        "This bargain's starter has had as many helps as allowed today."


class RiskyHelpRefused(Forbidden):
    code, message = ErrorCode.RISKY_HELP_REFUSED, "This help looks risky and is refused here."


class TooFewFenToCut(InvalidActivity):
    code, message = ErrorCode.TOO_FEW_FEN_TO_CUT, "Each helper must cut at least 1 fen."
