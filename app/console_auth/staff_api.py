"""Staff and roles of a merchant, invites, and the operation log."""

from __future__ import annotations

from flask import g

from app import clock
from app.catalog.staff import owner_view, staff_view
from app.console_auth import cookie, invites, oplog, staff
from app.console_auth.body import session_body
from app.console_auth.errors import BadTimeRange
from app.console_auth.schemas import (
    AcceptIn,
    InviteIn,
    InviteInfoOut,
    InviteOut,
    LogArgs,
    LogPageOut,
    SessionOut,
    StaffOut,
)
from app.db import transaction
from app.schema import Blueprint, page_of

bp = Blueprint("console_staff", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
               description="Merchant staff: staff and roles, invites, the operation log.")
invites_bp = Blueprint("console_invites", __name__, url_prefix="/api/v1/console/invites",
                       description="Accepting a staff invite: web credentials and the role.")


@bp.get("/staff")
@staff_view
@bp.response(200, StaffOut(many=True))
def list_staff(merchant_id, session):
    """Users holding a role at the merchant, its rooms or its communities."""
    return staff.list_staff(session, merchant_id)


@bp.post("/staff-invites")
@owner_view
@bp.arguments(InviteIn)
@bp.response(201, InviteOut)
def invite(data, merchant_id, session):
    """An invite link for one role, good for 7 days and accepted once (the
    owner's alone). Room roles need a room, community_leader a community,
    of this merchant (404 `scope_not_found`)."""
    raw, row = invites.create(session, merchant_id=merchant_id, role=data["role"],
                              scope_id=data["scope_id"], note=data["note"], by=g.user_id,
                              now=clock.now())
    return {"token": raw, "url": invites.url_of(raw), "expires_at": row.expires_at}


@bp.delete("/staff/<int:user_id>/roles/<string:role>")
@owner_view
@bp.response(204)
def revoke_role(merchant_id, user_id, role, session):
    """Take a role back wherever it holds in this merchant (the owner's
    alone; never the last owner: 409 `last_owner`)."""
    staff.revoke_role(session, merchant_id=merchant_id, user_id=user_id, role=role)


@bp.get("/operation-log")
@staff_view
@bp.arguments(LogArgs, location="query")
@bp.response(200, LogPageOut)
def operation_log(args, merchant_id, session):
    """Every staff write at this merchant, newest first: by user, in [from, to)."""
    if args["from_"] and args["to"] and args["from_"] >= args["to"]:
        raise BadTimeRange()
    items, total = oplog.page(session, merchant_id=merchant_id, user_id=args["user_id"],
                              since=args["from_"], until=args["to"], page_no=args["page"],
                              per_page=args["per_page"])
    return page_of(items, total, args)


@invites_bp.get("/<string:token>")
@invites_bp.response(200, InviteInfoOut)
def show_invite(token):
    """What the invite offers: 404 `invite_not_found`, 410 `invite_expired`,
    409 `invite_used`."""
    with transaction() as session:
        row, merchant = invites.open_invite(session, token, clock.now())
        return {"merchant": merchant, "role": row.role, "expires_at": row.expires_at}


@invites_bp.post("/<string:token>/accept")
@invites_bp.arguments(AcceptIn)
@invites_bp.response(200, SessionOut)
def accept_invite(data, token):
    """Accept once: web credentials (a new user, or the existing one whose
    login and password these are; another's login is 409 `login_taken`),
    the role, and a signed-in session (cookie). A password needs 8
    characters, not all digits (422 `weak_password`)."""
    now = clock.now()
    with transaction() as session:
        user_id = invites.accept(session, token, login=data["login"],
                                 password=data["password"], nickname=data["nickname"], now=now)
        csrf = cookie.sign_in(session, user_id, now)
        g.user_id = user_id
        return session_body(session, user_id, csrf)
