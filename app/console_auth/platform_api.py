"""The platform admin's merchants: onboard (with the owner's invite),
list, suspend and resume."""

from __future__ import annotations

from functools import wraps

from flask import g

from app import clock
from app.auth.access import login_required
from app.auth.service import require_role
from app.console_auth import platform
from app.console_auth.schemas import (
    MerchantIn,
    MerchantOut,
    MerchantPageOut,
    NewMerchantOut,
    ReasonIn,
)
from app.db import transaction
from app.schema import Blueprint, PageArgs, page_of

bp = Blueprint("console_platform", __name__, url_prefix="/api/v1/platform/merchants",
               description="Platform admins: onboard, suspend and resume merchants.")


def admin_view(view):
    """login_required, one transaction, and the caller must be platform_admin (403)."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        with transaction() as session:
            require_role(session, g.user_id, ("platform_admin",), 0)
            return view(*args, session=session, **kwargs)
    return login_required(wrapper)


@bp.get("")
@admin_view
@bp.arguments(PageArgs, location="query")
@bp.response(200, MerchantPageOut)
def list_merchants(args, session):
    items, total = platform.merchants(session, page=args["page"], per_page=args["per_page"])
    return page_of(items, total, args)


@bp.post("")
@admin_view
@bp.arguments(MerchantIn)
@bp.response(201, NewMerchantOut)
def onboard(data, session):
    """A new merchant and its owner's invite link (7 days, once)."""
    return platform.onboard(session, name=data["name"], admin_id=g.user_id, now=clock.now())


@bp.post("/<int:merchant_id>/suspend")
@admin_view
@bp.arguments(ReasonIn)
@bp.response(200, MerchantOut)
def suspend(data, merchant_id, session):
    """Its staff may read (and export), not write (403 `merchant_suspended`),
    and nothing of it is ordered."""
    return platform.suspend(session, merchant_id, data["reason"])


@bp.post("/<int:merchant_id>/resume")
@admin_view
@bp.arguments(ReasonIn)
@bp.response(200, MerchantOut)
def resume(data, merchant_id, session):
    return platform.resume(session, merchant_id, data["reason"])
