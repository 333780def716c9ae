"""Exports: orders (declared here), pick lists (community) and ledgers
(referral) declare their kinds; one job writes each file, a sweep restarts
lost ones and removes files past their keep."""

from app.exports import jobs
from app.exports.api import bp
from app.exports.orders import ORDERS
from app.feature import Feature, Sweep

FEATURE = Feature(
    name="exports",
    blueprints=(bp,),
    exports=(ORDERS,),
    jobs=(jobs.run_export,),
    sweeps=(Sweep(jobs.sweep, "default", 60),),
    models=("app.exports.models",),
)
