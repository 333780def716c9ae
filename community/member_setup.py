"""Wires the member CRM into the app: order listeners (membership, points
earned, clawed back and given back, growth), the checkout steps `tier`
(rank 10) and `points` (rank 30, asks points), and the send actions
(points, coupon, announcement). Called once by the composition root."""

from __future__ import annotations

from app import signals
from app.orders import pricing
from community import members, points, segment_sends, send_actions, tiers


def _paid(_sender, *, session, order, now, **_):
    members.join(session, merchant_id=order.merchant_id, user_id=order.buyer_id,
                 via="order", now=now)


def _completed(_sender, *, session, order, now, **_):
    points.on_completed(session, order, now)


def _refunded(_sender, *, session, order, now, refund_id, amount_fen, **_):
    points.on_refunded(session, order, refund_id=refund_id, amount_fen=amount_fen, now=now)


def _cancelled(_sender, *, session, order, now, **_):
    points.give_back(session, order, now)


def init_app(_app=None) -> None:
    signals.order_paid.connect(_paid, weak=False)
    signals.order_completed.connect(_completed, weak=False)
    signals.order_refunded.connect(_refunded, weak=False)
    signals.order_cancelled.connect(_cancelled, weak=False)
    pricing.register("tier", tiers.checkout_step, rank=10)
    pricing.register("points", points.checkout_step, rank=30, asks=("points",))
    segment_sends.register_action("points", points.gift, needs=("points",))
    segment_sends.register_action("coupon", send_actions.send_coupon, needs=("coupon_id",))
    segment_sends.register_action("announcement", send_actions.send_announcement,
                                  needs=("title", "body"))
