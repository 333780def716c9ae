"""Coupons for buyers: what a shop (or a product) offers, claiming one, the
coupons I hold by status, and which of them a cart can use."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.coupons import claims, holdings
from app.coupons.schemas import (
    CouponOut,
    HeldOut,
    HeldPage,
    MyCouponArgs,
    PreviewIn,
    PreviewOut,
)
from app.db import transaction
from app.ratelimit import limited
from app.schema import Blueprint, page_of

bp = Blueprint("mp_coupons", __name__, url_prefix="/mp/v1",
               description="Coupons: claim, hold, use at checkout.")


@bp.get("/merchants/<int:merchant_id>/coupons")
@bp.response(200, CouponOut(many=True))
def merchant_coupons(merchant_id):
    with transaction() as session:
        return holdings.claimable(session, merchant_id=merchant_id, now=clock.now())


@bp.get("/products/<int:product_id>/coupons")
@bp.response(200, CouponOut(many=True))
def product_coupons(product_id):
    """The shop's claimable coupons that cover this product."""
    with transaction() as session:
        return holdings.claimable(session, product_id=product_id, now=clock.now())


@bp.post("/coupons/<int:coupon_id>/claim")
@login_required
@limited("coupon_claim")
@bp.response(201, HeldOut)
def claim(coupon_id):
    now = clock.now()
    with transaction() as session:
        held = claims.claim(session, coupon_id=coupon_id, user_id=g.user_id, now=now)
        (shown,) = holdings.with_coupons(session, [held])
        return holdings.present(*shown, now)


@bp.get("/me/coupons")
@login_required
@bp.arguments(MyCouponArgs, location="query")
@bp.response(200, HeldPage)
def my_coupons(args):
    now = clock.now()
    with transaction() as session:
        items, total = holdings.mine(session, user_id=g.user_id, status=args.get("status"),
                                     now=now, page=args["page"], per_page=args["per_page"])
    return page_of([holdings.present(h, c, now) for h, c in items], total, args)


@bp.post("/me/coupons/preview")
@login_required
@bp.arguments(PreviewIn)
@bp.response(200, PreviewOut)
def preview(data):
    """For these lines: each of my unused coupons of that shop, whether it
    applies and the discount it gives (the rules checkout uses), best first."""
    now = clock.now()
    lines = [(line["sku_id"], line["quantity"]) for line in data["lines"]]
    with transaction() as session:
        items = holdings.preview(session, user_id=g.user_id, lines=lines, now=now)
    return {"items": [{**item, "coupon": holdings.present(*item["coupon"], now)}
                      for item in items]}
