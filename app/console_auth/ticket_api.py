"""Scan-to-sign-in, the console's side: show a ticket, long-poll it. (The
phone's side is in miniprogram_api/console_login.py.)"""

from __future__ import annotations

from app import clock
from app.console_auth import cookie, tickets
from app.console_auth.body import session_body
from app.console_auth.schemas import TicketOut, TicketStatusOut, TicketWaitArgs
from app.db import transaction
from app.ratelimit import limited
from app.redis import client as redis_client
from app.schema import Blueprint

bp = Blueprint("console_tickets", __name__, url_prefix="/api/v1/console",
               description="Scan-to-sign-in: a one-time QR code the mini-program confirms.")


@bp.post("/login-tickets")
@limited("console_ticket")
@bp.response(201, TicketOut)
def create_ticket():
    """A ticket good for 2 minutes, as an SVG QR code of `mall-login:<ticket>`."""
    return tickets.create(redis_client(), clock.now())


@bp.get("/login-tickets/<string:ticket>")
@bp.arguments(TicketWaitArgs, location="query")
@bp.response(200, TicketStatusOut)
def poll_ticket(args, ticket):
    """The ticket's status, waiting up to `wait` seconds for it to change.

    The one answer that sees `confirmed` signs in: it sets the session
    cookie and carries the session's fields; the ticket is `used` from then
    on (two polls at once: one session). An unconfirmed ticket signs nobody
    in; past its 2 minutes it is `expired`."""
    status, user_id = tickets.poll(redis_client(), ticket, wait_s=args["wait"])
    if user_id is None:
        return {"status": status}
    now = clock.now()
    with transaction() as session:
        csrf = cookie.sign_in(session, user_id, now)
        return {"status": status, **session_body(session, user_id, csrf)}
