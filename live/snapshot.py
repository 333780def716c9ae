"""What a viewer sees on joining (and again on reconnecting): the room, its
shelf, the pinned product, the last 50 messages, the like total, online
count, running sales and open coupon drops. Staff also get the stream push
URL, the statistics and the online samples for the chart."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.auth.models import User
from app.catalog.models import Product
from live import promos, rooms, sales, signing, stats, talk
from live.engine import Engine
from live.models import LiveRoom


def pull_base(s) -> str:
    """The play domain and AppName: the setting, else this app's development CDN."""
    return s.live_pull_base or f"{s.public_base_url}{signing.DEV_CDN}/live"


def urls(room: LiveRoom) -> dict:
    """The room's stream URLs, signed (live/signing.py) until now + the TTL:
    push (RTMP), pull in the configured format, and each pull format."""
    s = current_app.extensions["mall.settings"]
    stream = signing.stream_name(room.id)
    expires = int(clock.now().timestamp()) + s.live_url_ttl_s
    pulls = {fmt: signing.signed_url(pull_base(s), stream, suffix, s.live_pull_key, expires)
             for fmt, suffix in (("hls", ".m3u8"), ("flv", ".flv"))}
    return {"pull_url": pulls[s.live_pull_format], "pull_urls": pulls,
            "push_url": signing.signed_url(s.live_push_base, stream, "", s.live_push_key,
                                           expires)}


def present_room(room: LiveRoom, *, staff: bool = False) -> dict:
    shown = {"id": room.id, "merchant_id": room.merchant_id, "host_id": room.host_id,
             "title": room.title, "cover_url": room.cover_url, "state": room.state,
             "scheduled_at": room.scheduled_at.isoformat(),
             "started_at": room.started_at and room.started_at.isoformat(),
             "ended_at": room.ended_at and room.ended_at.isoformat(),
             "pinned_product_id": room.pinned_product_id}
    made = urls(room)
    shown["pull_url"], shown["pull_urls"] = made["pull_url"], made["pull_urls"]
    if staff:
        shown["push_url"] = made["push_url"]
    return shown


def present_product(product: Product) -> dict:
    return {"product_id": product.id, "title": product.title, "image_url": product.image_url,
            "skus": [{"id": s.id, "spec": s.spec, "price_fen": s.price_fen, "stock": s.stock}
                     for s in product.skus]}


def shelf(session: Session, room_id: int) -> list[dict]:
    ids = rooms.shelf_ids(session, room_id)
    products = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}
    return [present_product(products[i]) for i in ids]


def build(session: Session, engine: Engine, room: LiveRoom, *, user_id: int | None,
          staff: bool, now: datetime) -> dict:
    items = shelf(session, room.id)
    pinned = next((p for p in items if p["product_id"] == room.pinned_product_id), None)
    counters = engine.counters(room.id)
    host = session.get(User, room.host_id)
    shown = {**present_room(room, staff=staff), "host_nickname": host.nickname if host else ""}
    snap = {"room": shown, "shelf": items, "pinned": pinned,
            "messages": talk.recent(session, room.id), "likes": counters.likes,
            "online": counters.online, "sales": sales.running(session, room.id, now),
            "coupons": promos.open_drops(session, engine, room.id),
            "me": {"user_id": user_id, "staff": staff, "guest": user_id is None}}
    if staff:
        snap["stats"] = stats.current(session, engine, room)
        snap["samples"] = engine.samples(room.id)
    return snap
