"""Merchant staff: the subscribe messages sent for the merchant's sales,
rooms and groups."""

from sqlalchemy import select

from app.catalog.staff import staff_view
from app.db import paginate
from app.schema import Blueprint, page_of
from app.subscribe_messages.models import Message
from app.subscribe_messages.schemas import SubscribeMessageArgs, SubscribeMessagePage

bp = Blueprint("staff_notify", __name__,
               url_prefix="/api/v1/merchants/<int:merchant_id>/subscribe-messages",
               description="Merchant staff: one-time subscribe messages sent.")


@bp.get("")
@staff_view
@bp.arguments(SubscribeMessageArgs, location="query")
@bp.response(200, SubscribeMessagePage)
def list_messages(args, merchant_id, session):
    """Newest first; filter by status or event."""
    stmt = select(Message).where(Message.merchant_id == merchant_id)
    for name in ("status", "event"):
        if name in args:
            stmt = stmt.where(getattr(Message, name) == args[name])
    items, total = paginate(session, stmt, order_by=Message.id.desc(),
                            page=args["page"], per_page=args["per_page"])
    return page_of(items, total, args)
