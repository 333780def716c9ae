"""The outbox: the dispatch job of each domain event and the sweep that
sends again what a lost or failed job left pending."""

import click

from app.feature import Feature, Sweep
from app.outbox import dispatch, jobs


@click.command("events-drain")
def drain_command():
    """Apply every pending domain event's handlers here and now."""
    click.echo(f"handlers applied: {dispatch.drain()}")


FEATURE = Feature(
    name="outbox",
    jobs=(jobs.dispatch, jobs.dispatch_many),
    sweeps=(Sweep(jobs.sweep, "events", 60),),
    models=("app.outbox.models",),
    commands=(drain_command,),
)
