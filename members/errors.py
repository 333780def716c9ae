"""Member CRM, points and tiers errors with stable codes."""

from enum import StrEnum

from app.errors import Conflict, DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    MEMBER_NOT_FOUND = "member_not_found"
    TAG_NOT_FOUND = "tag_not_found"
    SEGMENT_NOT_FOUND = "segment_not_found"
    SEND_NOT_FOUND = "send_not_found"
    TAG_NAME_TAKEN = "tag_name_taken"
    SEGMENT_NAME_TAKEN = "segment_name_taken"
    INVALID_TAG_RULE = "invalid_tag_rule"
    TAG_NOT_MANUAL = "tag_not_manual"
    TAG_IN_USE = "tag_in_use"
    BAD_SEGMENT_EXPRESSION = "bad_segment_expression"
    UNKNOWN_TAG = "unknown_tag"
    UNKNOWN_SEND_ACTION = "unknown_send_action"
    INVALID_SEND_PAYLOAD = "invalid_send_payload"
    SEND_KEY_REUSED = "send_key_reused"
    ALREADY_CHECKED_IN = "already_checked_in"
    INSUFFICIENT_POINTS = "insufficient_points"
    POINTS_NOT_ACCEPTED = "points_not_accepted"
    POINTS_OVER_LIMIT = "points_over_limit"
    POINTS_NOT_WHOLE_FEN = "points_not_whole_fen"
    INVALID_POINTS_SETTINGS = "invalid_points_settings"
    INVALID_TIERS = "invalid_tiers"
    ADJUSTMENT_KEY_REUSED = "adjustment_key_reused"


class MemberNotFound(NotFound):
    code, message = ErrorCode.MEMBER_NOT_FOUND, "No such member of this merchant."


class TagNotFound(NotFound):
    code, message = ErrorCode.TAG_NOT_FOUND, "No such tag."


class SegmentNotFound(NotFound):
    code, message = ErrorCode.SEGMENT_NOT_FOUND, "No such segment."


class SendNotFound(NotFound):
    code, message = ErrorCode.SEND_NOT_FOUND, "No such send."


class TagNameTaken(Conflict):
    code, message = ErrorCode.TAG_NAME_TAKEN, "This merchant has a tag with that name."


class SegmentNameTaken(Conflict):
    code, message = ErrorCode.SEGMENT_NAME_TAKEN, "This merchant has a segment with that name."


class InvalidTagRule(DomainError):
    code, status, message = ErrorCode.INVALID_TAG_RULE, 422, "The tag's rule is not valid."


class TagNotManual(Conflict):
    code, message = ErrorCode.TAG_NOT_MANUAL, "Rule tags are set by their rule, not by hand."


class TagInUse(Conflict):
    code, message = ErrorCode.TAG_IN_USE, "A saved segment uses this tag."


class BadSegmentExpression(DomainError):
    code, status, message = (ErrorCode.BAD_SEGMENT_EXPRESSION, 422,
                             "The segment expression is not valid.")


class UnknownTag(DomainError):
    code, status, message = (ErrorCode.UNKNOWN_TAG, 422,
                             "The expression names tags that do not exist.")


class UnknownSendAction(DomainError):
    code, status, message = ErrorCode.UNKNOWN_SEND_ACTION, 422, "No such send action."


class InvalidSendPayload(DomainError):
    code, status, message = (ErrorCode.INVALID_SEND_PAYLOAD, 422,
                             "The action cannot take this payload.")


class SendKeyReused(Conflict):
    code, message = ErrorCode.SEND_KEY_REUSED, "This request id was used for another send."


class AlreadyCheckedIn(Conflict):
    code, message = ErrorCode.ALREADY_CHECKED_IN, "You have checked in today already."


class InsufficientPoints(Conflict):
    code, message = ErrorCode.INSUFFICIENT_POINTS, "You do not have that many points."


class PointsNotAccepted(DomainError):
    code, status, message = ErrorCode.POINTS_NOT_ACCEPTED, 422, "Points cannot pay for this order."


class PointsOverLimit(DomainError):
    code, status, message = (ErrorCode.POINTS_OVER_LIMIT, 422,
                             "Points can pay only part of this order.")


class PointsNotWholeFen(DomainError):
    code, status, message = ErrorCode.POINTS_NOT_WHOLE_FEN, 422, "Points must come to whole fen."


class InvalidPointsSettings(DomainError):
    code, status, message = (ErrorCode.INVALID_POINTS_SETTINGS, 422,
                             "The points settings are not valid.")


class InvalidTiers(DomainError):
    code, status, message = ErrorCode.INVALID_TIERS, 422, "The tiers are not valid."


class AdjustmentKeyReused(Conflict):
    code, message = (ErrorCode.ADJUSTMENT_KEY_REUSED,
                     "This request id was used for another adjustment.")
