"""What is on and coming, at the frozen clock T0: group-buy and bargain
activities running (soonest to end first) before upcoming (soonest to start
first), ended and disabled ones never; live rooms live now first, then
paused, then scheduled (soonest first), ended ones never."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.catalog.models import Sku
from app.db import transaction
from groupbuy.models import BargainActivity, GroupActivity
from live import rooms
from live.models import LiveRoom
from tests.conftest import T0
from tests.groupbuy.conftest import Shop, bargain_activity, group_activity

H = timedelta(hours=1)


def _shop(make) -> Shop:
    merchant = make.merchant("owner")
    (sku,) = make.product(merchant, skus=((1000, 50),), title="安溪铁观音乌龙")
    return Shop(merchant, sku, make.login("owner"))


def _windows(model, windows: dict[str, tuple]) -> dict[str, int]:
    """Set each activity's window (hours from T0) and status by its title."""
    with transaction() as s:
        found = {}
        for act in s.query(model):
            starts, ends, status = windows[act.title]
            act.starts_at, act.ends_at, act.status = T0 + starts * H, T0 + ends * H, status
            found[act.title] = act.id
        return found


WINDOWS = {"running": (-1, 72, "active"), "ending": (-48, 1, "active"),
           "later": (2, 72, "active"), "sooner": (1, 72, "active"),
           "ended": (-72, -1, "active"), "disabled": (-1, 72, "disabled")}


def _ids(client, path: str, **args) -> list[int]:
    resp = client.get(path, query_string=args)
    assert resp.status_code == 200, resp.json
    return [item["id"] for item in resp.json["items"]]


def test_group_activities_running_then_upcoming(client, make):
    shop = _shop(make)
    for title in WINDOWS:
        group_activity(client, shop, title=title)
    ids = _windows(GroupActivity, WINDOWS)
    path = "/mp/v1/group-activities"
    assert _ids(client, path) == [ids["ending"], ids["running"], ids["sooner"], ids["later"]]
    assert _ids(client, path, phase="running") == [ids["ending"], ids["running"]]
    assert _ids(client, path, phase="upcoming") == [ids["sooner"], ids["later"]]
    first = client.get(path, query_string={"per_page": 1}).json
    assert first == {"meta": {"page": 1, "per_page": 1, "total": 4}, "items": [{
        "id": ids["ending"], "merchant_id": shop.merchant_id, "title": "ending",
        "phase": "running", "starts_at": (T0 - 48 * H).isoformat(),
        "ends_at": (T0 + H).isoformat(), "product_id": first["items"][0]["product_id"],
        "product_title": "安溪铁观音乌龙", "image_url": "", "group_size": 3,
        "skus": [{"sku_id": shop.sku_id, "group_price_fen": 800}],
        "group_price_fen": 800, "price_fen": 1000}]}
    clock.advance(H)  # "ending" ends, "sooner" starts
    assert _ids(client, path) == [ids["running"], ids["sooner"], ids["later"]]
    assert _ids(client, path, phase="running") == [ids["running"], ids["sooner"]]


def test_bargain_activities_running_then_upcoming(client, make):
    shop = _shop(make)
    for title in WINDOWS:
        bargain_activity(client, shop, title=title)
    ids = _windows(BargainActivity, WINDOWS)
    path = "/mp/v1/bargain-activities"
    assert _ids(client, path) == [ids["ending"], ids["running"], ids["sooner"], ids["later"]]
    item = client.get(path, query_string={"phase": "upcoming", "per_page": 1}).json["items"][0]
    assert {k: item[k] for k in ("id", "phase", "sku_id", "start_price_fen", "floor_price_fen",
                                 "helpers_needed", "product_title")} == {
        "id": ids["sooner"], "phase": "upcoming", "sku_id": shop.sku_id,
        "start_price_fen": 1000, "floor_price_fen": 100, "helpers_needed": 5,
        "product_title": "安溪铁观音乌龙"}


def test_a_bad_phase_is_refused(client):
    resp = client.get("/mp/v1/group-activities", query_string={"phase": "ended"})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")


ROOMS = {  # title: (state, started hours from T0, scheduled hours from T0)
    "live early": ("live", -0.5, -1), "live late": ("live", -0.2, -1),
    "paused": ("paused", -2, -3), "tonight": ("scheduled", None, 2),
    "soon": ("scheduled", None, 1), "over": ("ended", -5, -6),
}


def test_live_rooms_live_now_then_scheduled(client, make):
    merchant, owner = make.merchant("owner"), make.user("owner")
    ids = {}
    with transaction() as s:
        for title, (state, started, scheduled) in ROOMS.items():
            room = rooms.create(s, staff_id=owner, merchant_id=merchant, data={"title": title},
                                now=clock.now())
            room.state, room.scheduled_at = state, T0 + scheduled * H
            room.started_at = None if started is None else T0 + started * H
            ids[title] = room.id
    path = "/mp/v1/live/rooms"
    order = ["live late", "live early", "paused", "soon", "tonight"]
    assert _ids(client, path) == [ids[t] for t in order]
    assert _ids(client, path, state="live") == [ids[t] for t in order[:3]]
    assert _ids(client, path, state="scheduled") == [ids["soon"], ids["tonight"]]
    item = client.get(path, query_string={"per_page": 1}).json["items"][0]
    assert (item["title"], item["state"], item["started_at"]) == (
        "live late", "live", (T0 - 0.2 * H).isoformat())
    assert "push_url" not in item
    with transaction() as s:
        assert s.get(LiveRoom, ids["over"]).state == "ended"


def test_a_product_s_group_buys_and_bargains_only(client, make):
    """A product page asks for its own promotions: other products' are not listed."""
    shop = _shop(make)
    (other_sku,) = make.product(shop.merchant_id, skus=((500, 50),), title="白瓷茶杯")
    tea_group = group_activity(client, shop, title="tea")
    cup_group = group_activity(client, shop, title="cup",
                               skus=[{"sku_id": other_sku, "group_price_fen": 400}])
    tea_bargain = bargain_activity(client, shop, title="tea")
    cup_bargain = bargain_activity(client, shop, title="cup", sku_id=other_sku,
                                   start_price_fen=500)
    with transaction() as s:
        tea, cup = (s.scalar(select(Sku.product_id).where(Sku.id == sku))
                    for sku in (shop.sku_id, other_sku))
    for path, ids in (("/mp/v1/group-activities", (tea_group, cup_group)),
                      ("/mp/v1/bargain-activities", (tea_bargain, cup_bargain))):
        assert sorted(_ids(client, path)) == sorted(ids)
        assert _ids(client, path, product_id=tea) == [ids[0]]
        assert _ids(client, path, product_id=cup, phase="running") == [ids[1]]
        assert _ids(client, path, product_id=cup + tea) == []
        resp = client.get(path, query_string={"product_id": 0})
        assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")
