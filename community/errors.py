"""Community errors with stable codes."""

from enum import StrEnum

from app.auth.errors import UserNotFound  # noqa: F401 - declared once, by auth
from app.errors import Conflict, DomainError, Forbidden, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    COMMUNITY_NOT_FOUND = "community_not_found"
    NOT_A_MEMBER = "not_a_member"
    COMMUNITY_FORBIDDEN = "community_forbidden"
    INVALID_INVITE_CODE = "invalid_invite_code"
    NOT_A_COMMUNITY_SHARE = "not_a_community_share"
    ALREADY_MEMBER = "already_member"
    CANNOT_LEAVE = "cannot_leave"
    COMMUNITY_MEMBER_NOT_FOUND = "community_member_not_found"
    LEADER_NOT_FOUND = "leader_not_found"
    PICKUP_POINT_NOT_FOUND = "pickup_point_not_found"
    PICKUP_POINT_CLOSED = "pickup_point_closed"
    PICKUP_POINT_WRONG_MERCHANT = "pickup_point_wrong_merchant"
    PICKUP_MEMBERS_ONLY = "pickup_members_only"
    PICKUP_NOT_FOUND = "pickup_not_found"
    PICKUP_CODE_WRONG = "pickup_code_wrong"
    PICKUP_CODE_LOCKED = "pickup_code_locked"
    PICKUP_NOT_WAITING = "pickup_not_waiting"
    INBOX_MESSAGE_NOT_FOUND = "inbox_message_not_found"
    PINNED_OFFER_NOT_FOUND = "pinned_offer_not_found"
    OFFER_KIND_UNAVAILABLE = "offer_kind_unavailable"
    ALREADY_PINNED = "already_pinned"
    ANNOUNCEMENT_KEY_REUSED = "announcement_key_reused"
    INVITATION_NOT_FOUND = "invitation_not_found"
    INVITATION_NOT_PENDING = "invitation_not_pending"
    ALREADY_HAS_ROLE = "already_has_role"


class CommunityNotFound(NotFound):
    code, message = ErrorCode.COMMUNITY_NOT_FOUND, "No such community."


class NotAMember(Forbidden):
    code, message = ErrorCode.NOT_A_MEMBER, "You are not a member of this community."


class NotAllowed(Forbidden):
    code, message = (ErrorCode.COMMUNITY_FORBIDDEN,
                     "Your role in this community does not allow this.")


class InvalidInviteCode(NotFound):
    code, message = ErrorCode.INVALID_INVITE_CODE, "No community has this invite code."


class NotACommunityShare(DomainError):
    code, status, message = (ErrorCode.NOT_A_COMMUNITY_SHARE, 422,
                             "This share does not invite anyone to a community.")


class AlreadyMember(Conflict):
    code, message = ErrorCode.ALREADY_MEMBER, "You are a member already."


class CannotLeave(Conflict):
    code, message = (ErrorCode.CANNOT_LEAVE,
                     "The owner cannot leave, and a leader must be removed as leader first.")


class MemberNotFound(NotFound):
    code, message = (ErrorCode.COMMUNITY_MEMBER_NOT_FOUND,
                     "This user is not a member of the community.")


class LeaderNotFound(NotFound):
    code, message = ErrorCode.LEADER_NOT_FOUND, "This user is not a leader of the community."



class PickupPointNotFound(NotFound):
    code, message = ErrorCode.PICKUP_POINT_NOT_FOUND, "No such pickup point."


class PickupPointClosed(DomainError):
    code, status, message = (ErrorCode.PICKUP_POINT_CLOSED, 422,
                             "This pickup point is not taking orders.")


class PickupMembersOnly(Forbidden):
    code, message = (ErrorCode.PICKUP_MEMBERS_ONLY,
                     "Only members of this pickup point's community may collect there; "
                     "join the community first.")


class WrongMerchant(DomainError):
    code, status, message = (ErrorCode.PICKUP_POINT_WRONG_MERCHANT, 422,
                             "This pickup point does not collect this shop's goods.")


class PickupNotFound(NotFound):
    code, message = ErrorCode.PICKUP_NOT_FOUND, "This order is not waiting at your pickup point."


class PickupCodeWrong(DomainError):
    code, status, message = ErrorCode.PICKUP_CODE_WRONG, 422, "The pickup code is wrong."


class PickupCodeLocked(DomainError):
    code, status, message = (ErrorCode.PICKUP_CODE_LOCKED, 429,
                             "Too many wrong codes for this order; try again later.")


class PickupNotWaiting(Conflict):
    code, message = (ErrorCode.PICKUP_NOT_WAITING,
                     "These goods were handed over or refunded already.")


class MessageNotFound(NotFound):
    code, message = ErrorCode.INBOX_MESSAGE_NOT_FOUND, "No such message in your inbox."


class OfferNotFound(NotFound):
    code, message = ErrorCode.PINNED_OFFER_NOT_FOUND, "No such pinned offer."


class OfferKindUnavailable(DomainError):
    code, status, message = (ErrorCode.OFFER_KIND_UNAVAILABLE, 422,
                             "Offers of this kind cannot be pinned yet.")


class AlreadyPinned(Conflict):
    code, message = ErrorCode.ALREADY_PINNED, "This offer is pinned already."


class AnnouncementKeyReused(Conflict):
    code, message = (ErrorCode.ANNOUNCEMENT_KEY_REUSED,
                     "This key was used for a different announcement.")


class InvitationNotFound(NotFound):
    code, message = ErrorCode.INVITATION_NOT_FOUND, "No such invitation for you."


class InvitationNotPending(Conflict):
    code, message = ErrorCode.INVITATION_NOT_PENDING, "This invitation was answered or withdrawn."


class AlreadyHasRole(Conflict):
    code, message = ErrorCode.ALREADY_HAS_ROLE, "The user holds this role here already."
