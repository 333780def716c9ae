"""The member CRM feature: the staff API, the order handlers (membership,
points and growth), what an order holds of it (spent points, given back
when the order is cancelled or wholly refunded), the checkout steps `tier`
(rank 10) and `points` (rank 30, asks points), the segment send actions,
jobs and sweeps."""

from __future__ import annotations

from flask import Flask

from app.feature import CheckoutStep, Feature, Sweep
from app.orders import rules as order_rules
from app.orders.holdings import Holding
from members import handlers, jobs, tiers
from members.api import bp
from members.points import earning as points
from members.segments import actions, sends


def setup(_app: Flask) -> None:
    sends.register_action("points", points.gift, needs=("points",))
    sends.register_action("coupon", actions.send_coupon, needs=("coupon_id",))
    sends.register_action("announcement", actions.send_announcement, needs=("title", "body"))


def _points_back_when_wholly_refunded(session, order, now) -> None:
    if order.status == order_rules.REFUNDED or order.refunded_fen >= order.total_fen:
        points.give_back(session, order, now)


FEATURE = Feature(
    name="members",
    setup=setup,
    blueprints=(bp,),
    handlers=handlers.HANDLERS,
    holdings=(Holding("members.spent_points", cancelled=points.give_back,
                      refunded=_points_back_when_wholly_refunded),),
    jobs=(jobs.run_send, jobs.recompute_tags),
    sweeps=(Sweep(jobs.sweep, jobs.QUEUE, 60), Sweep(jobs.tag_sweep, jobs.QUEUE, 3600)),
    models=("members.models",),
    checkout_steps=(CheckoutStep("tier", tiers.checkout_step, rank=10),
                    CheckoutStep("points", points.checkout_step, rank=30, asks=("points",))),
)
