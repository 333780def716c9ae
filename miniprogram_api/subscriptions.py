"""One-time subscribe messages for buyers: report what
wx.requestSubscribeMessage accepted (optionally for a sale, room or group),
see what is left, and "remind me" for a flash sale."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.db import transaction
from app.schema import Blueprint
from app.subscribe_messages import service, triggers
from app.subscribe_messages.schemas import CreditsOut, RemindIn, SubscribeIn
from app.subscribe_messages.templates import Target
from flashsale import activities

bp = Blueprint("mp_subscriptions", __name__, url_prefix="/mp/v1",
               description="One-time subscribe messages.")


def _answer(session, accepted: list[str]) -> dict:
    credits = service.credits_left(session, g.user_id)
    return {"accepted": accepted, "left": service.totals(credits), "items": credits}


@bp.post("/subscriptions")
@login_required
@bp.arguments(SubscribeIn)
@bp.response(201, CreditsOut)
def subscribe(data):
    """Each accepted template adds one message you may be sent."""
    target = Target(data["target"]["kind"], data["target"]["id"]) if "target" in data \
        else Target()
    now = clock.now()
    with transaction() as session:
        accepted = service.subscribe(session, user_id=g.user_id, accepted=data["accepted"],
                                     target=target, now=now)
        triggers.start_when_due(session, target, now)
        return _answer(session, accepted)


@bp.get("/subscriptions")
@login_required
@bp.response(200, CreditsOut)
def left():
    with transaction() as session:
        return _answer(session, [])


@bp.post("/flashsales/<int:activity_id>/reminders")
@login_required
@bp.arguments(RemindIn)
@bp.response(201, CreditsOut)
def remind_me(data, activity_id):
    """"Remind me" for a sale: one flash_sale_starting message when it starts."""
    now, target = clock.now(), Target("flashsale", activity_id)
    with transaction() as session:
        activities.get_public(session, activity_id)
        accepted = service.subscribe(session, user_id=g.user_id, accepted=data["accepted"],
                                     target=target, now=now)
        triggers.start_when_due(session, target, now)
        return _answer(session, accepted)
