"""Scan-to-sign-in, the phone's side: a signed-in user scans the console's
QR code and confirms; only a user holding a staff role may confirm."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.console_auth import tickets
from app.console_auth.schemas import TicketStepOut
from app.console_auth.signin import require_staff
from app.db import transaction
from app.redis import client as redis_client
from app.schema import Blueprint

bp = Blueprint("mp_console_login", __name__, url_prefix="/mp/v1/console-login",
               description="Sign in to the web console by scanning its QR code.")


@bp.post("/<string:ticket>/scan")
@login_required
@bp.response(200, TicketStepOut)
def scan(ticket):
    """Tell the console its code was scanned (it shows "confirm on your phone")."""
    return {"status": tickets.scan(redis_client(), ticket, clock.now())}


@bp.post("/<string:ticket>/confirm")
@login_required
@bp.response(200, TicketStepOut)
def confirm(ticket):
    """Sign the console in as me: 403 `not_staff` without a staff role,
    410 `ticket_expired` past its 2 minutes, 409 `ticket_used` once used."""
    with transaction() as session:
        require_staff(session, g.user_id)
    return {"status": tickets.confirm(redis_client(), ticket, g.user_id, clock.now())}
