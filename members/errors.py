"""Member CRM, points and tiers errors with stable codes."""

from app.errors import Conflict, DomainError, NotFound


class MemberNotFound(NotFound):
    code, message = "member_not_found", "No such member of this merchant."


class TagNotFound(NotFound):
    code, message = "tag_not_found", "No such tag."


class SegmentNotFound(NotFound):
    code, message = "segment_not_found", "No such segment."


class SendNotFound(NotFound):
    code, message = "send_not_found", "No such send."


class TagNameTaken(Conflict):
    code, message = "tag_name_taken", "This merchant has a tag with that name."


class SegmentNameTaken(Conflict):
    code, message = "segment_name_taken", "This merchant has a segment with that name."


class InvalidTagRule(DomainError):
    code, status, message = "invalid_tag_rule", 422, "The tag's rule is not valid."


class TagNotManual(Conflict):
    code, message = "tag_not_manual", "Rule tags are set by their rule, not by hand."


class TagInUse(Conflict):
    code, message = "tag_in_use", "A saved segment uses this tag."


class BadSegmentExpression(DomainError):
    code, status, message = "bad_segment_expression", 422, "The segment expression is not valid."


class UnknownTag(DomainError):
    code, status, message = "unknown_tag", 422, "The expression names tags that do not exist."


class UnknownSendAction(DomainError):
    code, status, message = "unknown_send_action", 422, "No such send action."


class InvalidSendPayload(DomainError):
    code, status, message = "invalid_send_payload", 422, "The action cannot take this payload."


class SendKeyReused(Conflict):
    code, message = "send_key_reused", "This request id was used for another send."


class AlreadyCheckedIn(Conflict):
    code, message = "already_checked_in", "You have checked in today already."


class InsufficientPoints(Conflict):
    code, message = "insufficient_points", "You do not have that many points."


class PointsNotAccepted(DomainError):
    code, status, message = "points_not_accepted", 422, "Points cannot pay for this order."


class PointsOverLimit(DomainError):
    code, status, message = "points_over_limit", 422, "Points can pay only part of this order."


class PointsNotWholeFen(DomainError):
    code, status, message = "points_not_whole_fen", 422, "Points must come to whole fen."


class InvalidPointsSettings(DomainError):
    code, status, message = "invalid_points_settings", 422, "The points settings are not valid."


class InvalidTiers(DomainError):
    code, status, message = "invalid_tiers", 422, "The tiers are not valid."
