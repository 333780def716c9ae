"""The console's server side: staff sign-in (password, scan-to-sign-in,
invites), sessions in a cookie with CSRF, staff and roles, platform
onboarding and suspension, and the append-only operation log."""

from flask import Flask

from app.console_auth import api, oplog, platform_api, staff_api, suspension, ticket_api
from app.feature import Feature


def _hooks(app: Flask) -> None:
    """Suspended merchants refuse staff writes; every staff write is logged."""
    app.before_request(suspension.refuse_writes)
    app.after_request(oplog.record)


FEATURE = Feature(
    name="console_auth",
    blueprints=(api.bp, ticket_api.bp, staff_api.bp, staff_api.invites_bp, platform_api.bp),
    models=("app.console_auth.models",),
    setup=_hooks,
)
