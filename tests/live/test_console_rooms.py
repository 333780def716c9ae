"""The console's live-room API: the merchant's staff see every room of the
merchant, a host or assistant only their own rooms, another merchant's host
nothing (at the API, not only in the menu); going live and ending over
HTTP (merchant staff and the room's host; viewers are told); the coupons a
room can drop, by name; lottery winners by nickname; and a console page's
socket signed in by its cookie and CSRF token."""

from __future__ import annotations

from sqlalchemy import select

from app.db import transaction
from app.socketio import socketio
from live.models import LiveRoom
from tests.conftest import iso
from tests.console.helpers import PASSWORD, staff
from tests.live.conftest import NS, ack, connect, events

ROOMS = "/api/v1/merchants/{}/live/rooms"


def _rooms(client, make):
    """The shop 西湖茶庄 (owner 'owner') with two rooms: 'xiaomei' hosts the
    first only; 'rival' owns another shop and its room."""
    shop = make.merchant("owner", name="西湖茶庄")
    owner = make.login("owner")
    product = make.product(shop, title="明前龙井")
    first = client.post(ROOMS.format(shop), headers=owner, json={
        "title": "龙井开采节", "scheduled_at": iso(hours=12)}).json["id"]
    second = client.post(ROOMS.format(shop), headers=owner, json={
        "title": "普洱专场", "scheduled_at": iso(days=1, hours=12)}).json["id"]
    make.grant("xiaomei", "live_host", first)
    rival = make.merchant("rival", name="对面茶行")
    theirs = client.post(ROOMS.format(rival), headers=make.login("rival"),
                         json={"title": "Rival live"}).json["id"]
    return shop, first, second, rival, theirs, product


def test_staff_see_every_room_and_a_host_only_their_own(client, make):
    shop, first, second, rival, theirs, _ = _rooms(client, make)
    listed = client.get(ROOMS.format(shop), headers=make.login("owner"))
    assert listed.status_code == 200, listed.json
    assert [(r["id"], r["title"], r["state"], r["host_nickname"], r["shelf_count"])
            for r in listed.json["items"]] == [
        (second, "普洱专场", "scheduled", "owner", 0),
        (first, "龙井开采节", "scheduled", "owner", 0)]
    assert listed.json["meta"] == {"page": 1, "per_page": 20, "total": 2}
    host = make.login("xiaomei")
    mine = client.get(ROOMS.format(shop), headers=host).json
    assert ([r["id"] for r in mine["items"]], mine["meta"]["total"]) == ([first], 1)
    assert client.get(f"{ROOMS.format(shop)}/{first}", headers=host).json["title"] == "龙井开采节"
    make.grant("helper", "room_assistant", second)
    theirs_only = client.get(ROOMS.format(shop), headers=make.login("helper")).json
    assert [r["id"] for r in theirs_only["items"]] == [second]
    for path in (f"/{second}", f"/{second}/coupons"):
        resp = client.get(ROOMS.format(shop) + path, headers=host)
        assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden"), path
    # another shop's host: refused at every route of this shop
    other = make.login("rival")
    for method, path, body in (("get", "", None), ("get", f"/{first}", None),
                               ("get", f"/{first}/coupons", None),
                               ("post", f"/{first}/state", {"state": "live"})):
        resp = getattr(client, method)(ROOMS.format(shop) + path, headers=other, json=body)
        assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden"), path
    # ... and a room is found only under its own merchant
    resp = client.get(f"{ROOMS.format(rival)}/{first}", headers=other)
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "room_not_found")
    assert client.get(f"{ROOMS.format(rival)}/{theirs}", headers=other).status_code == 200
    by_state = client.get(ROOMS.format(shop), headers=make.login("owner"),
                          query_string={"state": "live"}).json
    assert by_state["items"] == []
    with transaction() as s:
        assert s.scalar(select(LiveRoom.state).where(LiveRoom.id == first)) == "scheduled"


def test_going_live_and_ending_over_http_tells_the_room(app, client, make):
    shop, first, _, _, _, _ = _rooms(client, make)
    viewer = connect(app, make.user("阿梅"))
    assert ack(viewer, "join", {"room_id": first})["ok"]
    url = f"{ROOMS.format(shop)}/{first}/state"
    resp = client.post(url, headers=make.login("owner"), json={"state": "live"})
    assert (resp.status_code, resp.json["state"], resp.json["host_nickname"]) == \
        (200, "live", "owner")
    assert [e["state"] for e in events(viewer, "state")] == ["live"]
    make.grant("helper", "room_assistant", first)
    resp = client.post(url, headers=make.login("helper"), json={"state": "ended"})
    assert (resp.status_code, resp.json["error"]["code"]) == (403, "not_room_host")
    resp = client.post(url, headers=make.login("xiaomei"), json={"state": "ended"})
    assert (resp.status_code, resp.json["state"]) == (200, "ended")
    resp = client.post(url, headers=make.login("owner"), json={"state": "live"})
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "room_illegal_state")
    resp = client.post(url, headers=make.login("owner"), json={"state": "scheduled"})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")
    with transaction() as s:
        room = s.get(LiveRoom, first)
        assert (room.state, room.started_at is not None, room.ended_at is not None) == \
            ("ended", True, True)


def test_the_coupons_a_room_can_drop_are_named(client, make):
    shop, first, _, _, _, _ = _rooms(client, make)
    owner = make.login("owner")
    coupons = f"/api/v1/merchants/{shop}/coupons"
    made = {}
    for name, total in (("直播专享券", 100), ("新客券", 1), ("草稿券", 10)):
        made[name] = client.post(coupons, headers=owner, json={
            "name": name, "kind": "amount_off", "amount_fen": 500, "min_spend_fen": 5000,
            "total": total, "valid_from": iso(), "valid_until": iso(days=6)}).json["id"]
    for name in ("直播专享券", "新客券"):
        assert client.post(f"{coupons}/{made[name]}/activate", headers=owner).status_code == 200
    resp = client.get(f"{ROOMS.format(shop)}/{first}/coupons", headers=make.login("xiaomei"))
    assert resp.status_code == 200, resp.json
    assert resp.json["items"] == [
        {"id": made["新客券"], "name": "新客券", "kind": "amount_off", "amount_fen": 500,
         "percent_bps": 0, "cap_fen": 0, "min_spend_fen": 5000, "left": 1},
        {"id": made["直播专享券"], "name": "直播专享券", "kind": "amount_off", "amount_fen": 500,
         "percent_bps": 0, "cap_fen": 0, "min_spend_fen": 5000, "left": 100}]


def test_lottery_winners_and_coupon_drops_carry_names(app, client, make):
    shop, first, _, _, _, _ = _rooms(client, make)
    client.post(f"{ROOMS.format(shop)}/{first}/state", headers=make.login("owner"),
                json={"state": "live"})
    alice = make.user("阿梅")
    viewer = connect(app, alice)
    assert ack(viewer, "join", {"room_id": first})["ok"]
    assert ack(viewer, "like", {"room_id": first, "count": 2})["ok"]
    host = connect(app, make.user("xiaomei"))
    assert ack(host, "join", {"room_id": first})["ok"]
    opened = ack(host, "lottery_open", {"room_id": first, "prize": "紫砂壶", "winners": 1,
                                        "qualify": "like"})
    drawn = ack(host, "lottery_draw", {"room_id": first, "lottery_id": opened["lottery"]["id"]})
    assert (drawn["lottery"]["winners"], drawn["lottery"]["winner_names"]) == \
        ([alice], [{"user_id": alice, "nickname": "阿梅"}])
    assert events(viewer, "lottery")[0]["lottery"]["winner_names"] == \
        [{"user_id": alice, "nickname": "阿梅"}]
    dropped = ack(host, "coupon_drop", {"room_id": first, "amount_fen": 300, "quantity": 5})
    assert (dropped["drop"]["name"], events(viewer, "coupon")[0]["drop"]["name"]) == \
        ("Live drop", "Live drop")


def test_a_console_page_socket_signs_in_with_its_cookie_and_csrf_token(app, make):
    shop = make.merchant("owner", name="西湖茶庄")
    owner = staff(make, "owner")
    browser = app.test_client()
    signed = browser.post("/api/v1/console/session", json={"login": "owner", "password": PASSWORD})
    assert signed.status_code == 200, signed.json
    csrf = signed.json["csrf_token"]
    signed_cookie = browser.get_cookie("mall_console").value
    room = browser.post(ROOMS.format(shop), headers={"X-CSRF-Token": csrf},
                        json={"title": "龙井开采节"}).json["id"]
    page = socketio.test_client(app, namespace=NS, auth={"console": csrf},
                                                  flask_test_client=browser)
    assert page.is_connected(NS)
    snap = ack(page, "join", {"room_id": room})
    assert snap["me"] == {"user_id": owner, "staff": True, "guest": False}
    for auth in ({"console": "forged"}, {"console": None}):
        refused = socketio.test_client(app, namespace=NS, auth=auth,
                                                         flask_test_client=browser)
        assert not refused.is_connected(NS)
    # without the cookie the token alone is nothing; a signed-out session neither
    bare = socketio.test_client(app, namespace=NS, auth={"console": csrf})
    assert not bare.is_connected(NS)
    assert browser.delete("/api/v1/console/session",
                          headers={"X-CSRF-Token": csrf}).status_code == 204
    browser.set_cookie("mall_console", signed_cookie, path="/")
    after = socketio.test_client(app, namespace=NS, auth={"console": csrf},
                                 flask_test_client=browser)
    assert not after.is_connected(NS)
