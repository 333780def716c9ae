"""The leaderboard: strangers see ranks, masked nicknames and amounts, never
a user id or a full name; a distributor of the merchant sees the same with
their own row unmasked (`me`) and their own rank even outside the top rows;
staff see it unmasked."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from app.auth.models import User
from app.db import transaction

NAMES = {"A": "张三丰", "B": "alice", "C": "Bo"}


@pytest.fixture
def board_shop(shop):
    """B earns 300 fen, A 250 (B's referrer, and a self-purchase), C nothing."""
    shop.set_rules(level_bps=[1000, 500], self_purchase=True)
    shop.distributor("A")
    shop.distributor("B", "A")
    shop.distributor("C")
    for buyer in ("D1", "D2"):
        assert shop.bind(buyer, "B").status_code == 200
    with transaction() as s:
        for key, name in NAMES.items():
            s.execute(update(User).where(User.id == shop.ids[key]).values(nickname=name))
    _, sku = shop.product(1000)
    shop.order("D1", [(sku, 1)])
    shop.order("D2", [(sku, 2)])
    shop.order("A", [(sku, 1)])
    return shop


def test_a_stranger_sees_masked_names_and_no_ids(board_shop):
    resp = board_shop.mp("GET", "/leaderboard", "eve")  # signed in, not a distributor
    assert resp.json == [
        {"rank": 1, "nickname": "a***e", "commission_fen": 300, "me": False},
        {"rank": 2, "nickname": "张**", "commission_fen": 250, "me": False}]
    assert not {r["nickname"] for r in resp.json} & set(NAMES.values())
    assert "user_id" not in resp.get_data(as_text=True)
    assert board_shop.mp("GET", "/leaderboard", "D1").json == resp.json  # a buyer: the same


def test_a_distributor_sees_their_own_row_and_rank(board_shop):
    mine = board_shop.mp("GET", "/leaderboard", "A").json
    assert mine[1] == {"rank": 2, "nickname": "张三丰", "commission_fen": 250, "me": True}
    assert [r["nickname"] for r in mine] == ["a***e", "张三丰"]
    top1 = board_shop.mp("GET", "/leaderboard?limit=1", "A").json
    assert top1 == [{"rank": 1, "nickname": "a***e", "commission_fen": 300, "me": False},
                    {"rank": 2, "nickname": "张三丰", "commission_fen": 250, "me": True}]


def test_a_distributor_who_earned_nothing_yet_ranks_after_every_earner(board_shop):
    top1 = board_shop.mp("GET", "/leaderboard?limit=1", "C").json
    assert top1 == [{"rank": 1, "nickname": "a***e", "commission_fen": 300, "me": False},
                    {"rank": 3, "nickname": "Bo", "commission_fen": 0, "me": True}]


def test_a_pending_applicant_sees_what_a_stranger_sees(board_shop):
    board_shop.set_rules(join_policy="application")
    assert board_shop.join("F")["status"] == "pending"
    assert all(not r["me"] for r in board_shop.mp("GET", "/leaderboard", "F").json)


def test_staff_see_the_leaderboard_unmasked(board_shop, make):
    rows = board_shop.staff_api("GET", "/leaderboard?limit=2").json
    assert rows == [
        {"rank": 1, "user_id": board_shop.ids["B"], "nickname": "alice", "commission_fen": 300},
        {"rank": 2, "user_id": board_shop.ids["A"], "nickname": "张三丰", "commission_fen": 250}]
    make.merchant("rival", name="Rival")
    resp = board_shop.client.get(f"/api/v1/merchants/{board_shop.merchant_id}/referral"
                                 "/leaderboard", headers=make.login("rival"))
    assert resp.status_code == 403
