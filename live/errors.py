"""Live-room errors, each with a stable code; socket handlers ack the same shape."""

from enum import StrEnum

from app.auth.errors import UserNotFound  # noqa: F401 - declared once, by auth
from app.errors import Conflict, DomainError, Forbidden, NotFound, Unauthorized, ValidationFailed


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    ROOM_NOT_FOUND = "room_not_found"
    NOT_ROOM_STAFF = "not_room_staff"
    NOT_ROOM_HOST = "not_room_host"
    GUEST_READ_ONLY = "guest_read_only"
    NOT_IN_ROOM = "not_in_room"
    ROOM_ILLEGAL_STATE = "room_illegal_state"
    ROOM_ENDED = "room_ended"
    ROOM_NOT_LIVE = "room_not_live"
    MUTED = "muted"
    KICKED = "kicked"
    BANNED = "banned"
    CHAT_RATE_LIMITED = "chat_rate_limited"
    INVALID_MESSAGE = "invalid_message"
    NOT_ON_SHELF = "not_on_shelf"
    INVALID_SHELF = "invalid_shelf"
    INVALID_HOST = "invalid_host"
    COUPON_DROP_NOT_FOUND = "coupon_drop_not_found"
    COUPON_GONE = "coupon_gone"
    COUPON_ALREADY_CLAIMED = "coupon_already_claimed"
    LOTTERY_NO_CANDIDATES = "lottery_no_candidates"
    LOTTERY_NOT_FOUND = "lottery_not_found"
    LOTTERY_ALREADY_DRAWN = "lottery_already_drawn"
    SALE_NOT_IN_ROOM = "sale_not_in_room"
    LIVE_UNAVAILABLE = "live_unavailable"
    CANNOT_MODERATE_STAFF = "cannot_moderate_staff"
    STREAM_SIGNATURE_INVALID = "stream_signature_invalid"
    STREAM_URL_EXPIRED = "stream_url_expired"
    STREAM_NOT_FOUND = "stream_not_found"


class RoomNotFound(NotFound):
    code, message = ErrorCode.ROOM_NOT_FOUND, "No such live room."


class NotRoomStaff(Forbidden):
    code, message = ErrorCode.NOT_ROOM_STAFF, "Only the room's host and assistants may do this."


class NotHost(Forbidden):
    code, message = ErrorCode.NOT_ROOM_HOST, "Only the room's host may do this."


class GuestReadOnly(Unauthorized):
    code, message = ErrorCode.GUEST_READ_ONLY, "Guests may watch; log in to take part."



class NotInRoom(Conflict):
    code, message = ErrorCode.NOT_IN_ROOM, "Join the room first."


class IllegalState(Conflict):
    code, message = ErrorCode.ROOM_ILLEGAL_STATE, "The room cannot move to that state."


class RoomEnded(Conflict):
    code, message = ErrorCode.ROOM_ENDED, "The room has ended."


class RoomNotLive(Conflict):
    code, message = ErrorCode.ROOM_NOT_LIVE, "The room is not live."


class Muted(Forbidden):
    code, message = ErrorCode.MUTED, "You are muted in this room."


class Kicked(Forbidden):
    code, message = ErrorCode.KICKED, "You were removed from this room; come back later."


class Banned(Forbidden):
    code, message = ErrorCode.BANNED, "You are banned from this room."


class ChatTooFast(DomainError):
    code, status, message = (ErrorCode.CHAT_RATE_LIMITED, 429,
                             "One message every 2 seconds; wait a moment.")


class BadMessage(DomainError):
    code, status, message = ErrorCode.INVALID_MESSAGE, 422, "This message cannot be sent."


class NotOnShelf(DomainError):
    code, status, message = ErrorCode.NOT_ON_SHELF, 422, "That product is not on the room's shelf."


class InvalidShelf(DomainError):
    code, status, message = ErrorCode.INVALID_SHELF, 422, "The shelf is not valid."


class InvalidHost(DomainError):
    code, status, message = ErrorCode.INVALID_HOST, 422, "The host must be staff of the merchant."


class DropNotFound(NotFound):
    code, message = ErrorCode.COUPON_DROP_NOT_FOUND, "No such coupon drop in this room."


class CouponGone(Conflict):
    code, message = ErrorCode.COUPON_GONE, "All coupons of this drop are taken."


class AlreadyClaimed(Conflict):
    code, message = ErrorCode.COUPON_ALREADY_CLAIMED, "You already claimed this coupon."


class NoCandidates(Conflict):
    code, message = ErrorCode.LOTTERY_NO_CANDIDATES, "Nobody qualifies for this lottery yet."


class LotteryNotFound(NotFound):
    code, message = ErrorCode.LOTTERY_NOT_FOUND, "No such lottery in this room."


class LotteryDrawn(Conflict):
    code, message = ErrorCode.LOTTERY_ALREADY_DRAWN, "This lottery was drawn already."


class SaleNotInRoom(NotFound):
    code, message = ErrorCode.SALE_NOT_IN_ROOM, "No such flash sale in this room."


class Unavailable(DomainError):
    code, status, message = ErrorCode.LIVE_UNAVAILABLE, 503, "The room is catching up; try again."


class Invalid(ValidationFailed):
    """A socket payload that is not valid (the same code as the HTTP API's)."""


RULE_ERRORS = {"message_empty": BadMessage, "message_too_long": BadMessage,
               "message_blocked": BadMessage, "invalid_shelf_order": InvalidShelf,
               "lottery_no_candidates": NoCandidates}


def from_rule(exc) -> DomainError:
    """rules.Refused -> the DomainError with the rule's own code."""
    cls = RULE_ERRORS.get(exc.code, DomainError)
    return cls(code=exc.code, details=exc.details)


class CannotModerateStaff(NotRoomStaff):
    code, message = (ErrorCode.CANNOT_MODERATE_STAFF,
                     "The host and assistants cannot be moderated.")


class StreamSignatureInvalid(Forbidden):
    code, message = ErrorCode.STREAM_SIGNATURE_INVALID, "The stream URL's signature is wrong."


class StreamUrlExpired(Forbidden):
    code, message = ErrorCode.STREAM_URL_EXPIRED, "The stream URL has expired."


class StreamNotFound(NotFound):
    code, message = ErrorCode.STREAM_NOT_FOUND, "No such stream here."
