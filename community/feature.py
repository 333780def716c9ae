"""The community feature: the staff API, the leader's console workbench,
the "pickup" order source, the "community" share target, the order handlers
(pickup codes, leader commission) and the leader-commission sweep."""

from app.feature import Feature, Sweep
from community import communities, handlers, jobs, pickup
from community.api import bp
from community.exports import PICK_LIST
from community.leader_api import bp as leader_bp

FEATURE = Feature(
    name="community",
    blueprints=(bp, leader_bp),
    handlers=handlers.HANDLERS,
    sweeps=(Sweep(jobs.sweep, "referral", 300),),
    models=("community.models",),
    order_sources={"pickup": pickup.resolve_point},
    share_targets={"community": communities.describe},
    exports=(PICK_LIST,),
)
