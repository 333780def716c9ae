"""Open groups for a SKU nearest to full first; a share link and QR code per
group and bargain that open the page with its context; rebuilding Redis."""

from datetime import timedelta

from app import clock
from groupbuy import jobs, keys
from tests.groupbuy.conftest import bargain_activity, group_activity, join, open_group, pay_direct


def _group(client, shop, buyers, paid_joiners, held_joiners=0):
    users = buyers.make(1 + paid_joiners + held_joiners, f"g{buyers.n}")
    resp = open_group(client, shop, buyers.headers(users[0]))
    gid = resp.json["group"]["id"]
    pay_direct(resp.json["order"]["id"])
    for i, uid in enumerate(users[1:]):
        oid = join(client, gid, buyers.headers(uid)).json["order"]["id"]
        if i < paid_joiners:
            pay_direct(oid)
    return gid


def test_open_groups_for_a_sku_nearest_to_full_first(client, shop, buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=5)
    g_one = _group(client, shop, buyers, 0)
    clock.advance(timedelta(minutes=1))
    g_three = _group(client, shop, buyers, 2)
    g_two_held = _group(client, shop, buyers, 1, held_joiners=2)  # 2 paid + 2 held
    g_three_later = _group(client, shop, buyers, 2)
    _group(client, shop, buyers, 4)  # full: completed, not listed
    users = buyers.make(1, "unpaid")
    open_group(client, shop, buyers.headers(users[0]))  # no paid member yet: not listed
    clock.advance(timedelta(minutes=1))
    items = client.get(f"/mp/v1/skus/{shop.sku_id}/groups").json
    assert [(g["id"], g["seats_left"]) for g in items] == [
        (g_two_held, 1), (g_three, 2), (g_three_later, 2), (g_one, 4)]
    assert items[0]["seconds_left"] == 24 * 3600 - 60
    assert items[0]["path"] == f"/pages/groupbuy/group?id={g_two_held}"


def test_group_share_link_and_qr_open_the_group(client, shop, buyers):
    shop.group_activity_id = group_activity(client, shop)
    gid = _group(client, shop, buyers, 1)
    (sharer,) = buyers.make(1, "sharer")
    resp = client.post("/mp/v1/shares", headers=buyers.headers(sharer),
                       json={"kind": "group", "target_id": gid, "channel": "wechat_chat"})
    assert resp.status_code == 201, resp.json
    scene = resp.json["scene"]
    assert scene.startswith("g") and resp.json["url"].endswith(f"/s/{scene}")
    png = client.get(f"/mp/v1/shares/qr.png?scene={scene}")
    assert png.status_code == 200 and png.data[:8] == b"\x89PNG\r\n\x1a\n"
    ctx = client.get(f"/mp/v1/shares/resolve?scene={scene}").json
    assert ctx["target"]["path"] == f"/pages/groupbuy/group?id={gid}"
    assert (ctx["target"]["group_id"], ctx["target"]["price_fen"]) == (gid, 800)
    view = client.get(f"/mp/v1/groups/by-scene?scene={scene}").json
    assert (view["id"], view["seats_left"], view["paid_count"]) == (gid, 1, 2)
    assert [m["is_leader"] for m in view["members"]] == [True, False]


def test_bargain_share_opens_the_bargain(client, shop, buyers):
    shop.bargain_activity_id = bargain_activity(client, shop)
    (starter,) = buyers.make(1)
    bid = client.post(f"/mp/v1/bargain-activities/{shop.bargain_activity_id}/bargains",
                      headers=buyers.headers(starter)).json["id"]
    resp = client.post("/mp/v1/shares", headers=buyers.headers(starter),
                       json={"kind": "bargain", "target_id": bid, "channel": "qr"})
    scene = resp.json["scene"]
    view = client.get(f"/mp/v1/bargains/by-scene?scene={scene}").json
    assert (view["id"], view["price_fen"], view["path"]) == (
        bid, 1000, f"/pages/bargain/detail?id={bid}")
    resp = client.get(f"/mp/v1/groups/by-scene?scene={scene}")
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "group_not_found")


def test_share_of_a_missing_group_is_refused(client, buyers, shop):
    (sharer,) = buyers.make(1)
    resp = client.post("/mp/v1/shares", headers=buyers.headers(sharer),
                       json={"kind": "group", "target_id": 12345, "channel": "qr"})
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "group_not_found")


def test_rebuild_command_and_job_restore_seats_and_cuts(app, client, redis, shop, buyers):
    shop.group_activity_id = group_activity(client, shop, group_size=4)
    shop.bargain_activity_id = bargain_activity(client, shop)
    gid = _group(client, shop, buyers, 1, held_joiners=1)
    starter, helper = buyers.make(2, "bg")
    bid = client.post(f"/mp/v1/bargain-activities/{shop.bargain_activity_id}/bargains",
                      headers=buyers.headers(starter)).json["id"]
    client.post(f"/mp/v1/bargains/{bid}/helps", headers=buyers.headers(helper))
    before = {k: _dump(redis, k) for k in keys.group(gid) + keys.bargain(bid)}
    redis.flushdb()
    result = app.test_cli_runner().invoke(args=["rebuild-groupbuy"])
    assert result.exit_code == 0, result.output
    assert "'groups': 1" in result.output and "'bargains': 1" in result.output
    assert {k: _dump(redis, k) for k in before} == before
    redis.flushdb()
    assert jobs.rebuild() == {"groups": 1, "bargains": 1}
    assert {k: _dump(redis, k) for k in before} == before


def _dump(redis, key):
    kind = redis.type(key)
    return {"hash": redis.hgetall, "list": lambda k: redis.lrange(k, 0, -1),
            "set": redis.smembers, "none": lambda k: None}[kind](key)
