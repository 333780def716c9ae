"""Merchant staff: create, edit, activate, stop, list coupons and see each
one's stats."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.coupons import rules, service
from app.coupons.schemas import (
    CouponIn,
    CouponListArgs,
    CouponPatch,
    CouponStatsOut,
    StaffCouponOut,
    StaffCouponPage,
)
from app.db import transaction
from app.schema import Blueprint, page_of

bp = Blueprint("staff_coupons", __name__,
               url_prefix="/api/v1/merchants/<int:merchant_id>/coupons",
               description="Merchant staff: coupons.")


@bp.get("")
@login_required
@bp.arguments(CouponListArgs, location="query")
@bp.response(200, StaffCouponPage)
def list_coupons(args, merchant_id):
    with transaction() as session:
        items, total = service.list_coupons(session, staff_id=g.user_id,
                                            merchant_id=merchant_id, status=args.get("status"),
                                            page=args["page"], per_page=args["per_page"])
    return page_of(items, total, args)


@bp.post("")
@login_required
@bp.arguments(CouponIn)
@bp.response(201, StaffCouponOut)
def create(data, merchant_id):
    """A draft: activate it to let buyers claim it."""
    with transaction() as session:
        return service.create(session, staff_id=g.user_id, merchant_id=merchant_id, data=data,
                              now=clock.now())


@bp.patch("/<int:coupon_id>")
@login_required
@bp.arguments(CouponPatch)
@bp.response(200, StaffCouponOut)
def edit(data, merchant_id, coupon_id):
    """Terms only while a draft; the name any time; the total also while
    active (never below what was claimed)."""
    with transaction() as session:
        return service.edit(session, staff_id=g.user_id, merchant_id=merchant_id,
                            coupon_id=coupon_id, data=data, now=clock.now())


@bp.post("/<int:coupon_id>/activate")
@login_required
@bp.response(200, StaffCouponOut)
def activate(merchant_id, coupon_id):
    with transaction() as session:
        return service.set_status(session, staff_id=g.user_id, merchant_id=merchant_id,
                                  coupon_id=coupon_id, target=rules.ACTIVE)


@bp.post("/<int:coupon_id>/stop")
@login_required
@bp.response(200, StaffCouponOut)
def stop(merchant_id, coupon_id):
    """No more claims; coupons already held stay usable until they expire."""
    with transaction() as session:
        return service.set_status(session, staff_id=g.user_id, merchant_id=merchant_id,
                                  coupon_id=coupon_id, target=rules.STOPPED)


@bp.get("/<int:coupon_id>/stats")
@login_required
@bp.response(200, CouponStatsOut)
def stats(merchant_id, coupon_id):
    with transaction() as session:
        return service.stats(session, staff_id=g.user_id, merchant_id=merchant_id,
                             coupon_id=coupon_id, now=clock.now())
