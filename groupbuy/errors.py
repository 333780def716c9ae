"""Group-buy and bargain errors, each with a stable code."""

from app.errors import Conflict, DomainError, Forbidden, NotFound


class GroupActivityNotFound(NotFound):
    code, message = "group_activity_not_found", "No such group-buy activity."


class GroupNotFound(NotFound):
    code, message = "group_not_found", "No such group."


class BargainActivityNotFound(NotFound):
    code, message = "bargain_activity_not_found", "No such bargain activity."


class BargainNotFound(NotFound):
    code, message = "bargain_not_found", "No such bargain."


class StateUnavailable(DomainError):
    code, status = "state_unavailable", 503
    message = "The promotion's live state is being rebuilt; try again in a moment."


class ActivityEnded(Conflict):
    code, message = "activity_ended", "The activity has ended."


class ActivityNotActive(Conflict):
    code, message = "activity_not_active", "The activity is not running now."


class SkuNotInActivity(DomainError):
    code, status, message = "sku_not_in_activity", 422, "The SKU is not in this activity."


class GroupFull(Conflict):
    code, message = "group_full", "The group is full."


class GroupClosed(Conflict):
    code, message = "group_closed", "The group has completed or failed."


class GroupExpired(Conflict):
    code, message = "group_expired", "The group has expired."


class AlreadyInGroup(Conflict):
    code, message = "already_in_group", "You already hold a seat in this group."


class GroupLimitReached(Conflict):
    code, message = "group_limit_reached", "You have joined this activity's limit of groups."


class NewUsersOnly(Forbidden):
    code, message = "new_users_only", "This group is for new customers only."


class InvalidActivity(DomainError):
    code, status, message = "invalid_activity", 422, "The activity's settings do not fit."


class SelfHelp(Conflict):
    code, message = "self_help", "You cannot help your own bargain."


class AlreadyHelped(Conflict):
    code, message = "already_helped", "You have already helped this bargain."


class BargainExpired(Conflict):
    code, message = "bargain_expired", "The bargain has expired."


class BargainAtFloor(Conflict):
    code, message = "bargain_at_floor", "The bargain already reached its floor price."


class BargainClosed(Conflict):
    code, message = "bargain_closed", "The bargain was bought."


class HelpLimitReached(Conflict):
    code, message = "help_limit_reached", "You have helped as often as this activity allows."


class DailyHelpLimitReached(Conflict):
    code, message = "daily_help_limit_reached", "You have helped as often as allowed today."


class StartLimitReached(Conflict):
    code, message = "start_limit_reached", "You have started as many bargains as allowed."


class BuyNotAllowed(Conflict):
    code, message = "buy_not_allowed", "This bargain can only be bought at its floor price."


class SharerDailyLimitReached(Conflict):
    code, message = "sharer_daily_help_limit_reached", \
        "This bargain's starter has had as many helps as allowed today."


class RiskyHelpRefused(Forbidden):
    code, message = "risky_help_refused", "This help looks risky and is refused here."
