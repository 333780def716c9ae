"""The fan-out benchmark's room: a live room of a new shop, and signed-in
chatters' tokens (the server's SECRET_KEY is bench.live_server.SECRET)."""

from __future__ import annotations

import uuid

from app import clock
from app.auth import tokens
from app.auth.models import User
from app.catalog import service as catalog
from app.db import Database
from app.migrate import upgrade
from live import rooms

SECRET = "bench-secret"


def seed(url: str, senders: int) -> tuple[int, list[str]]:
    upgrade(url)
    db, now = Database(url), clock.now()
    tag = uuid.uuid4().hex[:8]
    with db.transaction() as s:
        people = [User(openid=f"bench-{tag}-{i}", nickname=f"fan{i}", created_at=now)
                  for i in range(senders + 1)]
        s.add_all(people)
        s.flush()
        shop = catalog.create_merchant(s, name="Bench live", owner_id=people[0].id, now=now)
        room = rooms.create(s, staff_id=people[0].id, merchant_id=shop.id,
                            data={"title": "Fan-out"}, now=now)
        rooms.move(room, "live", now)
        s.flush()
        room_id, ids = room.id, [p.id for p in people[1:]]
    db.dispose()
    return room_id, [tokens.issue(SECRET, uid) for uid in ids]
