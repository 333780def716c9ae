"""One-time subscribe messages: the staff list, the fan-out, start and
delivery jobs, and their sweep."""

from app.feature import Feature, Sweep
from app.subscribe_messages import jobs
from app.subscribe_messages.api import bp

FEATURE = Feature(
    name="subscribe_messages",
    blueprints=(bp,),
    jobs=(jobs.fan_out, jobs.start, jobs.deliver),
    sweeps=(Sweep(jobs.sweep, "default", 60),),
    models=("app.subscribe_messages.models",),
)
