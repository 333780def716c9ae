"""The fan-out benchmark's room: a live room of a new shop, live and loaded
into Redis as going live loads it, and signed-in chatters' tokens (the
server's SECRET_KEY is bench.live_server.SECRET)."""

from __future__ import annotations

import tempfile
import uuid

from app import clock, create_app
from app.auth import tokens
from app.auth.models import User
from app.catalog import service as catalog
from app.db import transaction
from app.migrate import upgrade
from live import recovery, rooms
from live.engine import current as engine

SECRET = "bench-secret"


def seed(url: str, redis_url: str, senders: int) -> tuple[int, list[str]]:
    upgrade(url)
    app = create_app(database_url=url, redis_url=redis_url, secret_key=SECRET,
                     instance_dir=tempfile.mkdtemp(prefix="live-seed-"))
    now, tag = clock.now(), uuid.uuid4().hex[:8]
    with app.app_context():
        with transaction() as s:
            people = [User(openid=f"bench-{tag}-{i}", nickname=f"fan{i}", created_at=now)
                      for i in range(senders + 1)]
            s.add_all(people)
            s.flush()
            shop = catalog.create_merchant(s, name="Bench live", owner_id=people[0].id,
                                           now=now)
            room = rooms.create(s, staff_id=people[0].id, merchant_id=shop.id,
                                data={"title": "Fan-out"}, now=now)
            rooms.move(room, "live", now)
            s.flush()
            room_id, ids = room.id, [p.id for p in people[1:]]
        # the room's Redis state, as its first join would load it: a thousand
        # viewers arriving at once would otherwise queue on its rebuild lock
        recovery.ensure(transaction, engine(), room_id, now)
    return room_id, [tokens.issue(SECRET, uid) for uid in ids]
