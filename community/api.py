"""Merchant staff views: communities, owners and leaders (by invitation),
leaders' pickup points and rates, pick lists, announcements and pinned offers. Staff of the merchant
only (check_staff: merchant_not_found, then forbidden)."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.catalog.staff import staff_view
from app.db import transaction
from app.schema import Blueprint, PageArgs, page_of
from community import announcements, communities, invitations, offers, pickup, rules, views
from community.schemas import (
    AnnouncementIn,
    AnnouncementOut,
    CommunityIn,
    CommunityOut,
    CommunityPage,
    CommunityPatch,
    InvitationArgs,
    InvitationOut,
    InvitationPage,
    LeaderIn,
    LeaderOut,
    LeaderRateIn,
    OfferIn,
    OfferOut,
    PickListArgs,
    PickListOut,
    PointIn,
    PointOut,
    UserIdIn,
)

bp = Blueprint("staff_communities", __name__,
               url_prefix="/api/v1/merchants/<int:merchant_id>/communities",
               description="Merchant staff: communities, leaders, pickup points, announcements.")
C = "/<int:community_id>"
L = C + "/leaders/<int:leader_id>"


def _staff(session, merchant_id, community_id):
    return communities.staff_community(session, g.user_id, merchant_id, community_id)


@bp.post("")
@staff_view
@bp.arguments(CommunityIn)
@bp.response(201, CommunityOut)
def create(data, merchant_id, session):
    """The owner is invited: `owner_id` is None until they accept."""
    return invitations.create_community(session, merchant_id=merchant_id,
                                        staff_id=g.user_id, now=clock.now(), **data)


@bp.get("")
@staff_view
@bp.arguments(PageArgs, location="query")
@bp.response(200, CommunityPage)
def list_communities(args, merchant_id, session):
    items, total = communities.list_for_merchant(session, merchant_id, page=args["page"],
                                                 per_page=args["per_page"])
    return page_of(items, total, args)


@bp.get(C)
@login_required
@bp.response(200, CommunityOut)
def get(merchant_id, community_id):
    with transaction() as session:
        return _staff(session, merchant_id, community_id)


@bp.patch(C)
@login_required
@bp.arguments(CommunityPatch)
@bp.response(200, CommunityOut)
def edit(data, merchant_id, community_id):
    with transaction() as session:
        return communities.update_settings(session, _staff(session, merchant_id, community_id),
                                           data)


@bp.get(C + "/leaders")
@login_required
@bp.response(200, LeaderOut(many=True))
def leaders(merchant_id, community_id):
    with transaction() as session:
        community = _staff(session, merchant_id, community_id)
        rows = communities.leaders(session, community.id)
        names = communities.nicknames(session, [row.user_id for row, _ in rows])
        return [views.leader(community, row, point, names.get(row.user_id, ""))
                for row, point in rows]


@bp.post(C + "/leaders")
@login_required
@bp.arguments(LeaderIn)
@bp.response(201, InvitationOut)
def appoint(data, merchant_id, community_id):
    """Invite a leader: the role holds once the user accepts it."""
    with transaction() as session:
        community = _staff(session, merchant_id, community_id)
        row = invitations.invite(session, community=community, role=rules.LEADER,
                                 staff_id=g.user_id, now=clock.now(), **data)
        return views.invitation(row, community)


@bp.post(C + "/owner")
@login_required
@bp.arguments(UserIdIn)
@bp.response(201, InvitationOut)
def invite_owner(data, merchant_id, community_id):
    """Invite a new owner (another pending owner invitation is withdrawn)."""
    with transaction() as session:
        community = _staff(session, merchant_id, community_id)
        row = invitations.invite(session, community=community, user_id=data["user_id"],
                                 role=rules.OWNER, commission_bps=None, staff_id=g.user_id,
                                 now=clock.now())
        return views.invitation(row, community)


@bp.get(C + "/invitations")
@login_required
@bp.arguments(InvitationArgs, location="query")
@bp.response(200, InvitationPage)
def list_invitations(args, merchant_id, community_id):
    with transaction() as session:
        community = _staff(session, merchant_id, community_id)
        rows, total = invitations.listed(session, community_id=community.id,
                                         status=args.get("status"), page=args["page"],
                                         per_page=args["per_page"])
        items = [views.invitation(row, community) for row in rows]
    return page_of(items, total, args)


@bp.put(L)
@login_required
@bp.arguments(LeaderRateIn)
@bp.response(200, LeaderOut)
def set_rate(data, merchant_id, community_id, leader_id):
    with transaction() as session:
        community = _staff(session, merchant_id, community_id)
        row = communities.set_leader_rate(session, community=community, leader_id=leader_id,
                                          commission_bps=data["commission_bps"])
        return views.leader(community, row, None)


@bp.delete(L)
@login_required
@bp.response(204)
def remove_leader(merchant_id, community_id, leader_id):
    with transaction() as session:
        communities.remove_leader(session, community=_staff(session, merchant_id, community_id),
                                  leader_id=leader_id)


@bp.put(L + "/pickup-point")
@login_required
@bp.arguments(PointIn)
@bp.response(200, PointOut)
def save_point(data, merchant_id, community_id, leader_id):
    with transaction() as session:
        return pickup.save_point(session, community=_staff(session, merchant_id, community_id),
                                 leader_id=leader_id, data=data)


@bp.get(L + "/pick-list")
@login_required
@bp.arguments(PickListArgs, location="query")
@bp.response(200, PickListOut)
def pick_list(args, merchant_id, community_id, leader_id):
    with transaction() as session:
        community = _staff(session, merchant_id, community_id)
        communities.leader(session, community.id, leader_id)
        return pickup.pick_list(session, community_id=community.id, leader_id=leader_id,
                                day=views.day_of(args))


@bp.post(C + "/announcements")
@login_required
@bp.arguments(AnnouncementIn)
@bp.response(201, AnnouncementOut)
def announce(data, merchant_id, community_id):
    with transaction() as session:
        _staff(session, merchant_id, community_id)
        return announcements.post(session, community_id=community_id, author_id=g.user_id,
                                  now=clock.now(), staff=True, **data)


@bp.post(C + "/offers")
@login_required
@bp.arguments(OfferIn)
@bp.response(201, OfferOut)
def pin(data, merchant_id, community_id):
    with transaction() as session:
        return offers.pin(session, community=_staff(session, merchant_id, community_id),
                          user_id=g.user_id, now=clock.now(), **data)


@bp.delete(C + "/offers/<int:offer_id>")
@login_required
@bp.response(204)
def unpin(merchant_id, community_id, offer_id):
    with transaction() as session:
        offers.unpin(session, community=_staff(session, merchant_id, community_id),
                     offer_id=offer_id)
