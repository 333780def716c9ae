"""Live-room errors, each with a stable code; socket handlers ack the same shape."""

from app.errors import Conflict, DomainError, Forbidden, NotFound, Unauthorized


class RoomNotFound(NotFound):
    code, message = "room_not_found", "No such live room."


class NotRoomStaff(Forbidden):
    code, message = "not_room_staff", "Only the room's host and assistants may do this."


class NotHost(Forbidden):
    code, message = "not_room_host", "Only the room's host may do this."


class GuestReadOnly(Unauthorized):
    code, message = "guest_read_only", "Guests may watch; log in to take part."


class UserNotFound(NotFound):
    code, message = "user_not_found", "No such user."


class NotInRoom(Conflict):
    code, message = "not_in_room", "Join the room first."


class IllegalState(Conflict):
    code, message = "room_illegal_state", "The room cannot move to that state."


class RoomEnded(Conflict):
    code, message = "room_ended", "The room has ended."


class RoomNotLive(Conflict):
    code, message = "room_not_live", "The room is not live."


class Muted(Forbidden):
    code, message = "muted", "You are muted in this room."


class Kicked(Forbidden):
    code, message = "kicked", "You were removed from this room; come back later."


class Banned(Forbidden):
    code, message = "banned", "You are banned from this room."


class ChatTooFast(DomainError):
    code, status, message = "chat_rate_limited", 429, "One message every 2 seconds; wait a moment."


class BadMessage(DomainError):
    code, status, message = "invalid_message", 422, "This message cannot be sent."


class NotOnShelf(DomainError):
    code, status, message = "not_on_shelf", 422, "That product is not on the room's shelf."


class InvalidShelf(DomainError):
    code, status, message = "invalid_shelf", 422, "The shelf is not valid."


class InvalidHost(DomainError):
    code, status, message = "invalid_host", 422, "The host must be staff of the merchant."


class DropNotFound(NotFound):
    code, message = "coupon_drop_not_found", "No such coupon drop in this room."


class CouponGone(Conflict):
    code, message = "coupon_gone", "All coupons of this drop are taken."


class AlreadyClaimed(Conflict):
    code, message = "coupon_already_claimed", "You already claimed this coupon."


class NoCandidates(Conflict):
    code, message = "lottery_no_candidates", "Nobody qualifies for this lottery yet."


class LotteryNotFound(NotFound):
    code, message = "lottery_not_found", "No such lottery in this room."


class LotteryDrawn(Conflict):
    code, message = "lottery_already_drawn", "This lottery was drawn already."


class SaleNotInRoom(NotFound):
    code, message = "sale_not_in_room", "No such flash sale in this room."


class Unavailable(DomainError):
    code, status, message = "live_unavailable", 503, "The room is catching up; try again."


class Invalid(DomainError):
    code, status, message = "validation_error", 422, "The request is not valid."


RULE_ERRORS = {"message_empty": BadMessage, "message_too_long": BadMessage,
               "message_blocked": BadMessage, "invalid_shelf_order": InvalidShelf,
               "lottery_no_candidates": NoCandidates}


def from_rule(exc) -> DomainError:
    """rules.Refused -> the DomainError with the rule's own code."""
    cls = RULE_ERRORS.get(exc.code, DomainError)
    return cls(code=exc.code, details=exc.details)
