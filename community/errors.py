"""Community errors with stable codes."""

from app.errors import Conflict, DomainError, Forbidden, NotFound


class CommunityNotFound(NotFound):
    code, message = "community_not_found", "No such community."


class NotAMember(Forbidden):
    code, message = "not_a_member", "You are not a member of this community."


class NotAllowed(Forbidden):
    code, message = "community_forbidden", "Your role in this community does not allow this."


class InvalidInviteCode(NotFound):
    code, message = "invalid_invite_code", "No community has this invite code."


class NotACommunityShare(DomainError):
    code, status, message = ("not_a_community_share", 422,
                             "This share does not invite anyone to a community.")


class AlreadyMember(Conflict):
    code, message = "already_member", "You are a member already."


class CannotLeave(Conflict):
    code, message = ("cannot_leave",
                     "The owner cannot leave, and a leader must be removed as leader first.")


class MemberNotFound(NotFound):
    code, message = "member_not_found", "This user is not a member of the community."


class LeaderNotFound(NotFound):
    code, message = "leader_not_found", "This user is not a leader of the community."


class UserNotFound(NotFound):
    code, message = "user_not_found", "No such user."


class PickupPointNotFound(NotFound):
    code, message = "pickup_point_not_found", "No such pickup point."


class PickupPointClosed(DomainError):
    code, status, message = ("pickup_point_closed", 422,
                             "This pickup point is not taking orders.")


class WrongMerchant(DomainError):
    code, status, message = ("pickup_point_wrong_merchant", 422,
                             "This pickup point does not collect this shop's goods.")


class PickupNotFound(NotFound):
    code, message = "pickup_not_found", "This order is not waiting at your pickup point."


class PickupCodeWrong(DomainError):
    code, status, message = "pickup_code_wrong", 422, "The pickup code is wrong."


class PickupCodeLocked(DomainError):
    code, status, message = ("pickup_code_locked", 429,
                             "Too many wrong codes for this order; try again later.")


class PickupNotWaiting(Conflict):
    code, message = "pickup_not_waiting", "These goods were handed over or refunded already."


class MessageNotFound(NotFound):
    code, message = "inbox_message_not_found", "No such message in your inbox."


class OfferNotFound(NotFound):
    code, message = "pinned_offer_not_found", "No such pinned offer."


class OfferKindUnavailable(DomainError):
    code, status, message = ("offer_kind_unavailable", 422,
                             "Offers of this kind cannot be pinned yet.")


class AlreadyPinned(Conflict):
    code, message = "already_pinned", "This offer is pinned already."


class AnnouncementKeyReused(Conflict):
    code, message = ("announcement_key_reused",
                     "This key was used for a different announcement.")


class InvitationNotFound(NotFound):
    code, message = "invitation_not_found", "No such invitation for you."


class InvitationNotPending(Conflict):
    code, message = "invitation_not_pending", "This invitation was answered or withdrawn."


class AlreadyHasRole(Conflict):
    code, message = "already_has_role", "The user holds this role here already."
