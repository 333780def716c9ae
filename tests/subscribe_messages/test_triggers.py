"""Each trigger end to end: a group at N-1 paid members, a flash sale's
start (its job run twice sends once; the sweep catches a lost job), a room
going live. Only subscribers hear of it."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from app.db import transaction
from app.subscribe_messages import jobs
from app.subscribe_messages.models import Announcement
from tests.conftest import T0, count
from tests.groupbuy.conftest import Shop, group_activity, join, open_group, pay_direct
from tests.live.conftest import NS, ack, connect
from tests.subscribe_messages.conftest import make_users, messages, work_off


def _subscribe(client, headers, accepted, target=None):
    body = {"accepted": accepted, **({"target": target} if target else {})}
    resp = client.post("/mp/v1/subscriptions", headers=headers, json=body)
    assert resp.status_code == 201, resp.json
    return resp


def test_group_almost_full_goes_to_the_paid_members_who_subscribed(app, client, make,
                                                                  wechat):
    merchant_id = make.merchant("owner")
    (sku_id,) = make.product(merchant_id, skus=((1000, 50),))
    shop = Shop(merchant_id, sku_id, make.login("owner"))
    shop.group_activity_id = group_activity(client, shop, group_size=4, title="Tea for four")
    (lead, hl), (a, ha), (b, hb), (c, hc) = make_users(app, 4)
    resp = open_group(client, shop, hl)
    gid, orders = resp.json["group"]["id"], [resp.json["order"]["id"]]
    orders += [join(client, gid, h).json["order"]["id"] for h in (ha, hb, hc)]
    _subscribe(client, hl, ["TPL_ALMOST"], {"kind": "group", "id": gid})
    _subscribe(client, hb, ["group_almost_full"])  # for any group
    # a subscribed but unpaid when it happens; c never subscribed
    _subscribe(client, hc, ["group_almost_full"])
    for order_id in orders[:2]:
        assert pay_direct(order_id)
    work_off(app)
    assert wechat.sends == []  # 2 of 4 paid: not yet
    assert pay_direct(orders[3])  # c: the third payment, one seat left
    work_off(app)
    assert sorted((m[0], m[2]) for m in messages(event="group_almost_full")) == [
        (lead, "sent"), (c, "sent")]
    bodies = {b["touser"]: b for _, b in wechat.sends}
    assert bodies[f"fan-{lead}"]["data"] == {"thing1": {"value": "Tea for four"},
                                             "number2": {"value": "3"},
                                             "number3": {"value": "4"}}
    with transaction() as s:
        from app.subscribe_messages.models import Message

        assert {m.merchant_id for m in s.query(Message)} == {merchant_id}
    r = client.get(f"/api/v1/merchants/{merchant_id}/subscribe-messages?event="
                   "group_almost_full", headers=shop.owner)
    assert r.status_code == 200 and r.json["meta"]["total"] == 2


def _sale(client, make, starts_in: timedelta) -> tuple[int, int]:
    merchant_id = make.merchant("owner")
    (sku_id,) = make.product(merchant_id, skus=((1000, 100),), title="Longjing")
    staff = make.login("owner")
    base = f"/api/v1/merchants/{merchant_id}/flashsales"
    start = clock.now() + starts_in
    resp = client.post(base, headers=staff, json={
        "sku_id": sku_id, "price_fen": 500, "quota": 10, "per_user_limit": 1,
        "per_order_limit": 1, "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(), "title": "Longjing at 5"})
    assert resp.status_code == 201, resp.json
    assert client.post(f"{base}/{resp.json['id']}/publish", headers=staff).status_code == 200
    return resp.json["id"], merchant_id


def test_flash_sale_start_job_run_twice_sends_once(app, client, make, wechat):
    sale_id, _ = _sale(client, make, timedelta(hours=2))
    (a, ha), (b, hb), (c, hc) = make_users(app, 3)
    for h in (ha, hb, hb):  # b tapped twice: two credits, still one reminder
        resp = client.post(f"/mp/v1/flashsales/{sale_id}/reminders", headers=h,
                           json={"accepted": ["TPL_FLASH"]})
        assert resp.status_code == 201, resp.json
    assert resp.json["left"]["flash_sale_starting"] == 2
    scheduled = app.extensions["mall.queues"].get("default").scheduled_job_registry
    job_id = f"notify-start-flashsale-{sale_id}"
    assert scheduled.get_job_ids() == [job_id]
    start = clock.now() + timedelta(hours=2)
    assert scheduled.get_scheduled_time(job_id) == start
    assert jobs.start("flashsale", sale_id) == "not_started"
    clock.advance(timedelta(hours=2))
    assert jobs.start("flashsale", sale_id) == "sent:2"
    assert jobs.start("flashsale", sale_id) == "done"
    work_off(app)
    assert sorted(b["touser"] for _, b in wechat.sends) == [f"fan-{a}", f"fan-{b}"]
    assert wechat.sends[0][1]["data"] == {"thing1": {"value": "Longjing at 5"},
                                          "time2": {"value": f"{T0.date()} 12:00"}}
    assert wechat.sends[0][1]["page"] == f"pages/flashsale/detail?id={sale_id}"
    resp = client.post(f"/mp/v1/flashsales/{sale_id}/reminders", headers=hc,
                       json={"accepted": ["TPL_FLASH"]})
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "already_started")


def test_the_sweep_announces_a_start_whose_job_was_lost(app, client, make):
    sale_id, _ = _sale(client, make, timedelta(minutes=30))
    (a, ha), = make_users(app, 1)
    client.post(f"/mp/v1/flashsales/{sale_id}/reminders", headers=ha,
                json={"accepted": ["flash_sale_starting"]})
    app.extensions["mall.queues"].get("default").scheduled_job_registry.remove(
        f"notify-start-flashsale-{sale_id}")
    clock.advance(timedelta(minutes=31))
    assert jobs.sweep()["announced"] == 1
    assert jobs.sweep()["announced"] == 0
    work_off(app)
    assert messages() == [(a, "flash_sale_starting", "sent", "log", None)]
    assert count(Announcement) == 1


def test_live_starting_goes_to_the_rooms_subscribers_when_the_host_goes_live(
        app, client, room, wechat):
    made = room(live=False)
    (a, ha), (b, hb) = make_users(app, 2)
    _subscribe(client, ha, ["TPL_LIVE"], {"kind": "live_room", "id": made.id})
    _subscribe(client, hb, ["group_completed"])  # not for this room
    host = connect(app, made.host_id)
    assert ack(host, "set_state", {"room_id": made.id, "state": "live"})["ok"]
    assert ack(host, "set_state", {"room_id": made.id, "state": "paused"})["ok"]
    assert ack(host, "set_state", {"room_id": made.id, "state": "live"})["ok"]
    host.disconnect(namespace=NS)
    work_off(app)
    assert [(b_["touser"], b_["template_id"]) for _, b_ in wechat.sends] == [
        (f"fan-{a}", "TPL_LIVE")]
    assert messages() == [(a, "live_starting", "sent", "wechat", 0)]
    resp = client.post("/mp/v1/subscriptions", headers=hb, json={
        "accepted": ["live_starting"], "target": {"kind": "live_room", "id": made.id}})
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "already_started")


def test_a_stopped_sale_reminds_no_one_and_leaves_the_sweep(app, client, make):
    sale_id, merchant_id = _sale(client, make, timedelta(minutes=30))
    (a, ha), = make_users(app, 1)
    client.post(f"/mp/v1/flashsales/{sale_id}/reminders", headers=ha,
                json={"accepted": ["flash_sale_starting"]})
    resp = client.post(f"/api/v1/merchants/{merchant_id}/flashsales/{sale_id}/stop",
                       headers=make.login("owner"))
    assert resp.status_code == 200, resp.json
    clock.advance(timedelta(minutes=31))
    assert jobs.start("flashsale", sale_id) == "gone"
    with transaction() as s:
        from app.subscribe_messages import starts

        assert starts.unannounced(s) == []
    work_off(app)
    assert messages() == []
