"""Coupons: the staff API, the checkout step `coupon` (rank 20, asks
coupon_id), what an order holds of it (its coupon, back on a cancel or a
whole refund) and the expiry sweep."""

from app.coupons import checkout, jobs
from app.coupons.api import bp
from app.feature import CheckoutStep, Feature, Sweep
from app.orders.holdings import Holding

FEATURE = Feature(
    name="coupons",
    blueprints=(bp,),
    checkout_steps=(CheckoutStep(checkout.STEP, checkout.coupon_step, rank=checkout.RANK,
                                 asks=("coupon_id",)),),
    holdings=(Holding("coupons.coupon", cancelled=checkout.give_back,
                      refunded=checkout.give_back_when_wholly_refunded),),
    sweeps=(Sweep(jobs.sweep, "promotions", 600),),
    models=("app.coupons.models",),
)
