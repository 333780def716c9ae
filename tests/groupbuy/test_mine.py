"""A buyer's own group-buys and bargains (GET /mp/v1/me/groups and
/mp/v1/me/bargains): newest first, only their own, a seat given back not
listed, each with its group or bargain and product as buyers see them."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from tests.groupbuy.conftest import bargain_activity, group_activity, join, open_group


def _mine(client, what: str, headers: dict, **query):
    resp = client.get(f"/mp/v1/me/{what}", headers=headers, query_string=query)
    assert resp.status_code == 200, resp.json
    return resp.json


def test_my_groups_list_my_seats_newest_first_without_given_back_ones(client, shop, buyers,
                                                                      pay):
    shop.group_activity_id = group_activity(client, shop, leader_discount_fen=100,
                                            per_user_limit=2)
    leader, bea, carl = buyers.make(3)
    first = open_group(client, shop, buyers.headers(leader))
    gid, leader_order = first.json["group"]["id"], first.json["order"]["id"]
    pay(leader_order, buyers.headers(leader))
    bea_seat = join(client, gid, buyers.headers(bea)).json
    second = open_group(client, shop, buyers.headers(bea))  # she leads one too
    assert second.status_code == 201, second.json
    second = second.json

    page = _mine(client, "groups", buyers.headers(bea))
    assert page["meta"] == {"page": 1, "per_page": 20, "total": 2}
    newest, older = page["items"]
    assert (newest["seat_status"], newest["is_leader"], newest["order_id"]) == \
        ("held", True, second["order"]["id"])
    assert (older["seat_status"], older["is_leader"], older["order_id"]) == \
        ("held", False, bea_seat["order"]["id"])
    group = older["group"]
    assert (group["id"], group["size"], group["paid_count"], group["seats_left"],
            group["status"], group["title"], group["group_price_fen"]) == \
        (gid, 3, 1, 1, "open", "Tea for five", 800)
    assert (group["product_title"], group["image_url"]) == ("Tea", "")
    assert group["seconds_left"] == 24 * 3600
    assert "members" not in group

    # her seat given back (the order cancelled) leaves her list
    assert client.post(f"/mp/v1/orders/{bea_seat['order']['id']}/cancel",
                       headers=buyers.headers(bea)).status_code == 200
    page = _mine(client, "groups", buyers.headers(bea))
    assert [i["order_id"] for i in page["items"]] == [second["order"]["id"]]
    assert page["meta"]["total"] == 1
    # the leader's paid seat; nobody else's
    (seat,) = _mine(client, "groups", buyers.headers(leader))["items"]
    assert (seat["seat_status"], seat["order_id"], seat["group"]["paid_count"]) == \
        ("paid", leader_order, 1)
    assert _mine(client, "groups", buyers.headers(carl)) == {
        "items": [], "meta": {"page": 1, "per_page": 20, "total": 0}}


def test_my_bargains_list_the_ones_i_started(client, shop, buyers):
    activity = bargain_activity(client, shop, start_limit=2)
    sam, hank = buyers.make(2)
    ids = []
    for _ in range(2):
        resp = client.post(f"/mp/v1/bargain-activities/{activity}/bargains",
                           headers=buyers.headers(sam))
        assert resp.status_code == 201, resp.json
        ids.append(resp.json["id"])
    cut = client.post(f"/mp/v1/bargains/{ids[0]}/helps", headers=buyers.headers(hank))
    assert cut.status_code == 201
    clock.advance(timedelta(hours=1))

    page = _mine(client, "bargains", buyers.headers(sam), per_page=1)
    assert page["meta"] == {"page": 1, "per_page": 1, "total": 2}
    (newest,) = page["items"]
    assert (newest["id"], newest["price_fen"], newest["helps_count"]) == (ids[1], 1000, 0)
    (older,) = _mine(client, "bargains", buyers.headers(sam), per_page=1, page=2)["items"]
    assert (older["id"], older["price_fen"], older["helps_count"], older["status"],
            older["expired"], older["seconds_left"]) == \
        (ids[0], 1000 - cut.json["cut_fen"], 1, "active", False, 23 * 3600)
    assert (older["product_title"], older["floor_price_fen"]) == ("Tea", 100)
    assert "helpers" not in older
    assert _mine(client, "bargains", buyers.headers(hank))["items"] == []


def test_my_lists_need_a_signed_in_buyer(client):
    for what in ("groups", "bargains"):
        resp = client.get(f"/mp/v1/me/{what}")
        assert resp.status_code == 401, what
