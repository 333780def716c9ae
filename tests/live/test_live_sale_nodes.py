"""The live-sale benchmark's correctness on two app nodes and two workers
(bench/live_sale.py with small numbers): two `gunicorn -k gevent` nodes and
two `python worker.py` processes on the test session's database and Redis,
joined by Socket.IO's Redis message queue; viewers, chatters, likers and
buyers spread over both nodes. Every process is bounded in time."""

from __future__ import annotations

from bench.live_sale import Config, run
from bench.live_sale_checks import failures

SMALL = Config(viewers=40, buyers=100, units=20, chat_rate=6, like_rate=20, likers=4, nodes=2,
               gunicorn_workers=1, rq_workers=2, connections=20, calm_seconds=0,
               sale_seconds=2, viewers_per_proc=40, settle_timeout_s=60)


def test_a_live_sale_on_two_nodes_sells_no_more_than_it_has_and_pays_each_order_once(
        app, tmp_path):
    f = run(SMALL, app, tmp_path)
    c = f["checks"]
    assert failures(f) == []
    # 100 buyers for 20 units, one each: every unit won exactly once
    assert (c["quota"], c["sold"], c["oversold"]) == (20, 20, 0)
    assert (c["acknowledged_wins"], c["orders"], c["orders_match_wins"]) == (20, 20, True)
    assert sum(n["wins"] for n in f["nodes"]) == 20
    # every other buyer heard sold_out (or a pending grab that came to nothing)
    answers = [n["answers"] for n in f["nodes"]]
    assert all(set(a) <= {"201", "202", "sold_out"} for a in answers), answers
    assert sum(sum(a.values()) for a in answers) == 100
    # one payment per order, each order paid and its consequences applied
    assert (c["payments"], c["orders_with_one_payment"], c["orders_paid_more_than_once"]) == \
        (20, 20, 0)
    assert c["order_statuses"] == {"to_ship": 20}
    assert (f["settled"]["notices"], f["settled"]["events_done"]) == (20, 20)
    assert (c["commissions"], c["commission_fen"]) == (40, 20 * (490 + 245))
    assert (c["members"], c["room_orders"]) == (20, 20)
    # every viewer on both nodes received every accepted chat message
    for node in f["nodes"]:
        chat = node["chat"]
        assert node["grabs"] == 50
        assert chat["viewers"] == 20
        assert chat["accepted"] > 0
        assert (chat["lost"], chat["short_viewers"]) == (0, 0)
        assert chat["delivered"] == chat["accepted"] * 20
