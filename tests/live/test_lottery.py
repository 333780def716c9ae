"""Lotteries: opened (the room is told), then drawn once among those who
qualify. Keyword senders count only from messages after the opening; nobody
wins twice in one draw; staff and banned users never qualify; past winners
of the room may win again; candidates are found in a fixed number of queries."""

from __future__ import annotations

import random

from sqlalchemy import event, select

from app.auth.models import User
from app.db import transaction
from live import rules
from live.models import LotteryWinner
from tests.live.conftest import ack, code, connect, events


def _open(host, room_id, **terms):
    answer = ack(host, "lottery_open", {"room_id": room_id, "prize": "Tea set", **terms})
    assert answer["ok"], answer
    return answer["lottery"]


def _viewer(app, make, room_id, name, text=None):
    c = connect(app, make.user(name))
    ack(c, "join", {"room_id": room_id})
    if text:
        assert ack(c, "chat", {"room_id": room_id, "text": text})["ok"]
    return c


def test_lottery_keyword_senders_count_only_after_the_lottery_opened(app, room, make):
    r = room()
    host = connect(app, r.host_id)
    ack(host, "join", {"room_id": r.id})
    _viewer(app, make, r.id, "early", "TEA before the lottery")
    opened = _open(host, r.id, winners=5, qualify="keyword", keyword="tea")
    assert events(host, "lottery_open")[-1]["lottery"] == opened
    assert (opened["state"], opened["winners"]) == ("open", [])
    for name in ("ann", "ben", "cat"):
        _viewer(app, make, r.id, name, "I want TEA please")
    _viewer(app, make, r.id, "dan", "just looking")
    ack(host, "chat", {"room_id": r.id, "text": "tea"})  # staff never qualify
    answer = ack(host, "lottery_draw", {"room_id": r.id, "lottery_id": opened["id"]})
    lottery = answer["lottery"]
    assert (lottery["state"], lottery["candidates"]) == ("drawn", 3)
    assert lottery["winners"] == sorted(make.user(n) for n in ("ann", "ben", "cat"))
    with transaction() as s:
        assert sorted(s.scalars(select(LotteryWinner.user_id))) == lottery["winners"]
    assert events(host, "lottery")[-1]["lottery"] == lottery
    assert code(ack(host, "lottery_draw", {"room_id": r.id, "lottery_id": opened["id"]})) \
        == "lottery_already_drawn"
    assert code(ack(host, "lottery_draw", {"room_id": r.id, "lottery_id": opened["id"] + 9})) \
        == "lottery_not_found"


def test_lottery_among_likers_none_qualified_and_past_winners_may_win_again(app, room, make):
    r = room()
    host = connect(app, r.host_id)
    first = _open(host, r.id, winners=1, qualify="like")
    assert code(ack(host, "lottery_draw", {"room_id": r.id, "lottery_id": first["id"]})) == \
        "lottery_no_candidates"
    alice = _viewer(app, make, r.id, "alice")
    ack(alice, "like", {"room_id": r.id})
    won = ack(host, "lottery_draw", {"room_id": r.id, "lottery_id": first["id"]})
    assert won["lottery"]["winners"] == [make.user("alice")]
    second = _open(host, r.id, winners=3, qualify="like")
    again = ack(host, "lottery_draw", {"room_id": r.id, "lottery_id": second["id"]})
    assert again["lottery"]["winners"] == [make.user("alice")]


def test_lottery_no_repeat_winner_in_one_draw_and_banned_never_qualify(app, room, make):
    r = room()
    host = connect(app, r.host_id)
    fans = [_viewer(app, make, r.id, f"fan{i}") for i in range(6)]
    for fan in fans:
        for _ in range(3):
            ack(fan, "like", {"room_id": r.id})
    assert ack(host, "ban", {"room_id": r.id, "user_id": make.user("fan0")})["ok"]
    opened = _open(host, r.id, winners=rules.MAX_WINNERS, qualify="like")
    drawn = ack(host, "lottery_draw", {"room_id": r.id, "lottery_id": opened["id"]})["lottery"]
    assert drawn["winners"] == sorted(make.user(f"fan{i}") for i in range(1, 6))
    picks = rules.draw([5, 3, 3, 9, 1], 3, random.Random(7))
    assert len(set(picks)) == 3 and set(picks) <= {1, 3, 5, 9} and picks == sorted(picks)


def test_lottery_candidates_are_set_based_not_a_query_per_liker(app, room, make):
    """300 likers: drawing takes the same handful of queries as 3 would."""
    r = room()
    host = connect(app, r.host_id)
    with transaction() as s:
        people = [User(openid=f"liker-{i}", nickname=f"l{i}", created_at=r_now())
                  for i in range(300)]
        s.add_all(people)
        s.flush()
        ids = [p.id for p in people]
    app.extensions["live"].redis.sadd(f"{{live:{r.id}}}:likers", *ids)
    opened = _open(host, r.id, winners=10, qualify="like")
    statements = []
    engine = app.extensions["mall.db"].engine

    def count(*_args):
        statements.append(1)
    event.listen(engine, "before_cursor_execute", count)
    try:
        drawn = ack(host, "lottery_draw", {"room_id": r.id, "lottery_id": opened["id"]})
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert drawn["lottery"]["candidates"] == 300 and len(drawn["lottery"]["winners"]) == 10
    assert len(statements) < 40, len(statements)  # a query per liker would be 300+


def r_now():
    from app import clock

    return clock.now()
