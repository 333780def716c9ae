"""After-sales: buyers' refund-only, return and exchange requests, the
merchant's queue and settings, the deadlines (job + sweep), and the move to
`refunded` when the refund path reports success."""

from app import events
from app.aftersales import jobs, notify, refunding
from app.aftersales.api import bp
from app.aftersales.exports import AFTER_SALES
from app.feature import Feature, Sweep

FEATURE = Feature(
    name="aftersales",
    blueprints=(bp,),
    handlers=(events.Handler(events.OrderRefunded, "aftersales.refunded",
                             refunding.on_order_refunded),
              events.Handler(events.AfterSaleChanged, "aftersales.notify_buyer",
                             notify.on_changed)),
    jobs=(jobs.deadline,),
    sweeps=(Sweep(jobs.sweep, "orders", 60),),
    models=("app.aftersales.models",),
    exports=(AFTER_SALES,),
)
