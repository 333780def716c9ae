"""Payments: staff refunds, the provider's notify endpoint, the refund,
reconcile and sandbox-notice jobs, and the payments sweep."""

from app.feature import Feature, Sweep
from app.payments import jobs
from app.payments.api import bp, notify_bp

FEATURE = Feature(
    name="payments",
    blueprints=(bp, notify_bp),
    jobs=(jobs.submit_refund, jobs.reconcile, jobs.deliver_notice),
    sweeps=(Sweep(jobs.sweep, "payments", 60),),
    models=("app.payments.models",),
)
