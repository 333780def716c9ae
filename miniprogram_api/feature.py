"""The mini-program API as a feature: its blueprints, and the grab's and
the help's lean paths in front of the whole app (grab_path.py, help_path.py)."""

from flask import Flask

from app.feature import Feature
from miniprogram_api import (
    activities,
    addresses,
    aftersales,
    auth,
    bargain,
    cart,
    communities,
    console_login,
    coupons,
    discovery,
    flashsale,
    groupbuy,
    leader,
    members,
    orders,
    packages,
    payments,
    products,
    referral,
    regions,
    sharing,
    subscriptions,
    uploads,
)
from miniprogram_api.grab_path import LeanGrab
from miniprogram_api.help_path import LeanHelp
from miniprogram_api.join_path import LeanJoin
from miniprogram_api.token_path import LeanToken


def add_lean_paths(app: Flask) -> None:
    """Outermost: installed after socketio.init_app wrapped the WSGI app."""
    app.wsgi_app = LeanToken(app, LeanGrab(app, app.wsgi_app))
    app.wsgi_app = LeanJoin(app, LeanHelp(app, app.wsgi_app))


FEATURE = Feature(
    name="miniprogram_api",
    setup=add_lean_paths,
    blueprints=(auth.bp, products.bp, orders.bp, packages.bp, payments.bp, sharing.bp,
                flashsale.bp, groupbuy.bp, bargain.bp, referral.bp, subscriptions.bp, coupons.bp,
                communities.bp, leader.bp, members.bp, addresses.bp, regions.bp, cart.bp,
                uploads.bp, aftersales.bp, console_login.bp, discovery.bp,
                activities.bp),
)
