"""/mp/v1: the mini-program's JSON API. Thin views only: parse, call one
service, shape."""

from miniprogram_api import (
    auth,
    bargain,
    communities,
    coupons,
    flashsale,
    groupbuy,
    leader,
    members,
    orders,
    payments,
    products,
    referral,
    sharing,
    subscriptions,
)
from miniprogram_api.grab_path import LeanGrab

BLUEPRINTS = (auth.bp, products.bp, orders.bp, payments.bp, sharing.bp, flashsale.bp,
              groupbuy.bp, bargain.bp, referral.bp, subscriptions.bp, coupons.bp,
              communities.bp, leader.bp, members.bp)


def register(api) -> None:
    for bp in BLUEPRINTS:
        api.register_blueprint(bp)


def add_lean_paths(app) -> None:
    """The grab's lean path in front of the whole app (see grab_path.py)."""
    app.wsgi_app = LeanGrab(app, app.wsgi_app)
