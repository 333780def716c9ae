"""The referral feature: the staff API, the order handlers (commission
accrued, reversed, settled), jobs (settlement, payouts, tiers) and sweeps."""

from app.feature import Feature, Sweep
from referral import handlers, jobs
from referral.api import bp
from referral.exports import LEDGER

FEATURE = Feature(
    name="referral",
    blueprints=(bp,),
    handlers=handlers.HANDLERS,
    jobs=(jobs.settle, jobs.pay_out, jobs.upgrade_tiers),
    sweeps=(Sweep(jobs.sweep, "referral", 300), Sweep(jobs.tier_sweep, "referral", 3600)),
    models=("referral.models",),
    exports=(LEDGER,),
)
