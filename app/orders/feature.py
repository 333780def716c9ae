"""Orders: the staff API, the order timers (expiry, auto-receive,
completion), their sweep and the operator command that runs it."""

import click

from app.feature import Feature, Sweep
from app.orders import jobs
from app.orders.api import bp


@click.command("sweep-orders")
def sweep_command():
    """Run the order timers that are due (unpaid, auto-receive, completion)."""
    click.echo(jobs.sweep())


FEATURE = Feature(
    name="orders",
    blueprints=(bp,),
    jobs=(jobs.expire_unpaid, jobs.auto_receive, jobs.complete),
    sweeps=(Sweep(jobs.sweep, "orders", 60),),
    models=("app.orders.models",),
    commands=(sweep_command,),
)
