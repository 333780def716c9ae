"""The console's server side: staff sign-in (password, scan-to-sign-in,
invites), sessions in a cookie with CSRF, staff and roles, platform
onboarding and suspension, and the append-only operation log."""

from flask import Flask

from app.console_auth import oplog, suspension
from app.console_auth.api import bp
from app.feature import Feature


def _hooks(app: Flask) -> None:
    """Suspended merchants refuse staff writes; every staff write is logged."""
    app.before_request(suspension.refuse_writes)
    app.after_request(oplog.record)


FEATURE = Feature(
    name="console_auth",
    blueprints=(bp,),
    models=("app.console_auth.models",),
    setup=_hooks,
)
