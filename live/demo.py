"""The run command's live demo: the demo stream made under the instance
folder (live/demo_stream.py) and, once, a demo room on air: the demo shop's
host presenting its products, the first one pinned. The development CDN
plays the stream at the room's signed pull URL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import RoleGrant
from app.catalog.models import Merchant, Product
from live import demo_stream, rooms, rules
from live.models import LiveRoom

TITLE = "Demo Tea House live: spring tea tasting"


def seed(settings, session: Session, now: datetime) -> None:
    if settings.app_env != "production":
        demo_stream.make(settings.instance_dir)
    merchant = session.scalar(select(Merchant).order_by(Merchant.id).limit(1))
    if merchant is None or session.scalar(select(LiveRoom.id).limit(1)) is not None:
        return
    host_id = session.scalar(select(RoleGrant.user_id).where(
        RoleGrant.role == "merchant_operator", RoleGrant.scope_id == merchant.id)
        .order_by(RoleGrant.id).limit(1)) or merchant.owner_id
    products = list(session.scalars(select(Product.id).where(
        Product.merchant_id == merchant.id).order_by(Product.id)))
    room = rooms.create(session, staff_id=host_id, merchant_id=merchant.id, now=now,
                        data={"title": TITLE, "host_id": host_id, "shelf": products})
    room.state, room.started_at = rules.LIVE, now
    room.pinned_product_id = products[0] if products else None
    session.flush()
