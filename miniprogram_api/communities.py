"""Communities for their members: join by invite code or share, my
communities, leave, the owner's invite code and removals, invitations to
own or lead (accept or decline), posting (owner and leaders), the inbox
(only one's own rows), pinned offers, the pickup points to choose at
checkout and one's pickup code."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.db import transaction
from app.schema import Blueprint, PageArgs, page_of
from community import announcements, communities, invitations, offers, pickup, views
from community.schemas import (
    AnnouncementIn,
    AnnouncementOut,
    InboxArgs,
    InboxPage,
    InvitationOut,
    InviteCodeIn,
    MembershipOut,
    MyCommunityOut,
    MyCommunityPage,
    OfferOut,
    PickupOut,
    PointOut,
    ReadIn,
    ReadOut,
    ShareJoinIn,
    UserIdIn,
)

bp = Blueprint("mp_communities", __name__, url_prefix="/mp/v1",
               description="Communities: join, inbox, pinned offers, pickup points.")
C = "/communities/<int:community_id>"


def _mine(session, community, role):
    return views.my_community(community, role, communities.member_count(session, community.id))


@bp.post("/communities/join")
@login_required
@bp.arguments(InviteCodeIn)
@bp.response(201, MembershipOut)
def join(data):
    with transaction() as session:
        return communities.join(session, user_id=g.user_id, now=clock.now(),
                                invite_code=data["invite_code"])


@bp.post("/communities/join-by-share")
@login_required
@bp.arguments(ShareJoinIn)
@bp.response(201, MembershipOut)
def join_by_share(data):
    with transaction() as session:
        return communities.join(session, user_id=g.user_id, now=clock.now(),
                                scene=data["scene"])


@bp.get("/communities")
@login_required
@bp.arguments(PageArgs, location="query")
@bp.response(200, MyCommunityPage)
def my_communities(args):
    with transaction() as session:
        rows, total = communities.mine(session, g.user_id, page=args["page"],
                                       per_page=args["per_page"])
        items = [_mine(session, r["community"], r["role"]) for r in rows]
    return page_of(items, total, args)


@bp.get(C)
@login_required
@bp.response(200, MyCommunityOut)
def community(community_id):
    with transaction() as session:
        found = communities.member_community(session, community_id, g.user_id)
        return _mine(session, found, communities.role_of(session, community_id, g.user_id))


@bp.post(C + "/leave")
@login_required
@bp.response(204)
def leave(community_id):
    with transaction() as session:
        communities.leave(session, community_id=community_id, user_id=g.user_id)


@bp.post(C + "/invite-code")
@login_required
@bp.response(200, MyCommunityOut)
def new_invite_code(community_id):
    with transaction() as session:
        found = communities.regenerate_code(session, community_id=community_id,
                                            user_id=g.user_id)
        return _mine(session, found, "owner")


@bp.post(C + "/members/remove")
@login_required
@bp.arguments(UserIdIn)
@bp.response(204)
def remove_member(data, community_id):
    with transaction() as session:
        communities.remove_member(session, community_id=community_id, by_user_id=g.user_id,
                                  user_id=data["user_id"])


@bp.post(C + "/announcements")
@login_required
@bp.arguments(AnnouncementIn)
@bp.response(201, AnnouncementOut)
def announce(data, community_id):
    with transaction() as session:
        return announcements.post(session, community_id=community_id, author_id=g.user_id,
                                  now=clock.now(), **data)


@bp.get(C + "/inbox")
@login_required
@bp.arguments(InboxArgs, location="query")
@bp.response(200, InboxPage)
def community_inbox(args, community_id):
    with transaction() as session:
        communities.member_community(session, community_id, g.user_id)
        return _inbox(session, args, community_id)


@bp.get("/inbox")
@login_required
@bp.arguments(InboxArgs, location="query")
@bp.response(200, InboxPage)
def inbox(args):
    with transaction() as session:
        return _inbox(session, args, None)


def _inbox(session, args, community_id):
    items, total, unread = announcements.inbox(
        session, user_id=g.user_id, community_id=community_id,
        unread_only=args["unread_only"], page=args["page"], per_page=args["per_page"])
    return {**page_of(items, total, args), "unread": unread}


@bp.post("/inbox/read")
@login_required
@bp.arguments(ReadIn)
@bp.response(200, ReadOut)
def read(data):
    with transaction() as session:
        marked = announcements.mark_read(session, user_id=g.user_id,
                                         message_ids=data["message_ids"], now=clock.now())
        return {"marked": marked, "unread": announcements.unread_count(session, g.user_id)}


@bp.get(C + "/offers")
@login_required
@bp.response(200, OfferOut(many=True))
def pinned_offers(community_id):
    with transaction() as session:
        communities.member_community(session, community_id, g.user_id)
        return offers.listed(session, community_id)


@bp.get(C + "/pickup-points")
@login_required
@bp.response(200, PointOut(many=True))
def pickup_points(community_id):
    with transaction() as session:
        communities.member_community(session, community_id, g.user_id)
        return pickup.active_points(session, community_id)


def _pickup(found, point) -> dict:
    return {**{k: getattr(found, k) for k in ("order_id", "code", "status", "paid_at",
                                              "picked_up_at")}, "point": point}


@bp.get("/pickups/<int:order_id>")
@login_required
@bp.response(200, PickupOut)
def my_pickup(order_id):
    with transaction() as session:
        return _pickup(*pickup.buyer_pickup(session, buyer_id=g.user_id, order_id=order_id))


@bp.get(C + "/pickups")
@login_required
@bp.response(200, PickupOut(many=True))
def my_pickups(community_id):
    """My pickup orders in this community, newest first (at most 100)."""
    with transaction() as session:
        communities.member_community(session, community_id, g.user_id)
        return [_pickup(found, point) for found, point in
                pickup.buyer_pickups(session, buyer_id=g.user_id, community_id=community_id)]


@bp.get("/community-invitations")
@login_required
@bp.response(200, InvitationOut(many=True))
def my_invitations():
    """My pending invitations to own or lead a community."""
    with transaction() as session:
        return [views.invitation(row, found)
                for row, found in invitations.pending_for(session, g.user_id)]


@bp.post("/community-invitations/<int:invitation_id>/accept")
@login_required
@bp.response(200, MembershipOut)
def accept_invitation(invitation_id):
    """The invited role is mine from now on."""
    with transaction() as session:
        return invitations.accept(session, invitation_id=invitation_id, user_id=g.user_id,
                                  now=clock.now())


@bp.post("/community-invitations/<int:invitation_id>/decline")
@login_required
@bp.response(200, InvitationOut)
def decline_invitation(invitation_id):
    with transaction() as session:
        row = invitations.decline(session, invitation_id=invitation_id, user_id=g.user_id,
                                  now=clock.now())
        return views.invitation(row, communities.get(session, row.community_id))
