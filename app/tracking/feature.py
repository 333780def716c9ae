"""Tracking: the providers' push endpoints, the staff's view of an order's
packages, the subscription made when a package ships, and the sandbox's
command that moves a package's waybill on (for the demo)."""

import click

from app import clock
from app.db import transaction
from app.events import Handler, PackageShipped
from app.feature import Feature
from app.shipping.models import Package
from app.tracking import flows, handlers, sandbox
from app.tracking.api import bp, notify_bp
from app.tracking.setup import provider


@click.command("tracking-advance")
@click.argument("package_id", type=int)
@click.option("--to", "to", type=click.Choice(sandbox.STEP_STATES), default=None,
              help="Every step up to this state (default: the next step).")
def advance_command(package_id: int, to: str | None):
    """Sandbox: move a package's waybill on and apply the signed push."""
    tracker = provider()
    if not isinstance(tracker, sandbox.TrackingSandbox):
        raise click.ClickException("TRACKING_PROVIDER is not the sandbox.")
    with transaction() as session:
        package = session.get(Package, package_id)
        if package is None:
            raise click.ClickException(f"No package {package_id}.")
    headers, body = tracker.advance(package.carrier, package.tracking_no, clock.now(), to)
    applied = flows.accept_push(tracker, headers, body, clock.now())
    click.echo(f"package {package_id}: {applied.stored} new event(s)"
               f"{', order received' if applied.received else ''}")


FEATURE = Feature(
    name="tracking",
    blueprints=(notify_bp, bp),
    handlers=(Handler(PackageShipped, "tracking.subscribe", handlers.subscribe),),
    models=("app.tracking.models",),
    commands=(advance_command,),
)
