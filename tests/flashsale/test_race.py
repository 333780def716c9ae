"""Many buyers at once: exactly the quota is sold, each winner at most their
limit, and Redis and the database agree on every unit."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from app.db import transaction
from app.orders.models import Order
from flashsale.models import FlashOrder
from tests.flashsale.conftest import db_state, grab, remaining, token_for, users


def test_2000_concurrent_grabs_for_100_units_make_exactly_100_winners(app, sale):
    """20 buyers win first; then 2,000 grabs race: 1,800 from new buyers and
    200 (10%) from those who already won, per-user limit 1."""
    s = sale(quota=100, stock=100)
    early = users(app, 20, "early")
    crowd = users(app, 1800, "crowd")
    tokens = {uid: token_for(s, uid) for uid, _ in early + crowd}
    client = app.test_client()
    for uid, headers in early:
        assert grab(client, s, headers, tokens[uid]).status_code == 201

    attempts = [(uid, h) for uid, h in crowd] + [(uid, h) for uid, h in early] * 10

    def one(attempt):
        uid, headers = attempt
        resp = grab(app.test_client(), s, headers, tokens[uid])
        return uid, resp.status_code, resp.json.get("error", {}).get("code")

    with ThreadPoolExecutor(32) as pool:
        answers = list(pool.map(one, attempts))

    assert len(answers) == 2000
    won = [uid for uid, status, _ in answers if status == 201]
    assert len(won) == 80
    assert not set(won) & {uid for uid, _ in early}  # nobody who had won won again
    refusals = Counter(code for _, status, code in answers if status != 201)
    assert set(refusals) <= {"sold_out", "limit_reached", "rate_limited"}
    assert sum(refusals.values()) == 1920
    assert not [a for a in answers if a[1] >= 500]

    assert remaining(app, s) == 0
    assert db_state(s) == {"sold": 100, "quota": 100, "held": 100, "paid": 0, "returned": 0,
                           "orders": 100}
    with transaction() as session:
        per_buyer = dict(session.execute(select(FlashOrder.buyer_id, func.sum(
            FlashOrder.quantity)).group_by(FlashOrder.buyer_id)).all())
        orders = session.scalar(select(func.count()).select_from(Order))
    assert orders == 100
    assert set(per_buyer.values()) == {1}
    in_redis = app.extensions["flashsale"].engine.read(s.id)
    assert in_redis.users == per_buyer  # the winners in Redis are the database's
    assert in_redis.in_flight == {}
