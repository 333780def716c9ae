"""What staff see of an activity: its groups with the leader's name and the
seats paid, and its bargains with the starter's name, filtered running,
expired or bought. Another shop's staff see nothing."""

from __future__ import annotations

from datetime import timedelta

from app import clock
from tests.conftest import T0
from tests.groupbuy.conftest import bargain_activity, group_activity, join, open_group


def test_staff_see_groups_with_the_leaders_name_and_the_seats_paid(client, shop, buyers,
                                                                   pay):
    shop.group_activity_id = group_activity(client, shop, group_size=3)
    leader, member, other = buyers.make(3, prefix="阿梅")
    first = open_group(client, shop, buyers.headers(leader)).json
    pay(first["order"]["id"], buyers.headers(leader))
    joined = join(client, first["group"]["id"], buyers.headers(member)).json
    pay(joined["order"]["id"], buyers.headers(member))
    second = open_group(client, shop, buyers.headers(other)).json  # held, not paid

    url = (f"/api/v1/merchants/{shop.merchant_id}/group-activities/"
           f"{shop.group_activity_id}/groups")
    expires = (T0 + timedelta(hours=24)).isoformat()
    resp = client.get(url, headers=shop.owner)
    assert resp.status_code == 200, resp.json
    assert [(g["id"], g["leader_id"], g["leader_nickname"], g["paid_count"], g["size"],
             g["status"], g["expires_at"]) for g in resp.json["items"]] == [
        (second["group"]["id"], other, "阿梅2", 0, 3, "open", expires),
        (first["group"]["id"], leader, "阿梅0", 2, 3, "open", expires),
    ]
    assert resp.json["meta"]["total"] == 2


def _start(client, shop, headers):
    resp = client.post(f"/mp/v1/bargain-activities/{shop.bargain_activity_id}/bargains",
                       headers=headers)
    assert resp.status_code == 201, resp.json
    return resp.json["id"]


def test_staff_see_bargains_running_expired_and_bought(client, shop, buyers):
    shop.bargain_activity_id = bargain_activity(client, shop, validity_s=3600,
                                                buy_above_floor=True)
    old, helper, fresh, buyer = buyers.make(4, prefix="小周")
    expired = _start(client, shop, buyers.headers(old))
    clock.freeze(T0 + timedelta(minutes=90))  # the first one ran out
    running = _start(client, shop, buyers.headers(fresh))
    helped = client.post(f"/mp/v1/bargains/{running}/helps", headers=buyers.headers(helper))
    assert helped.status_code == 201, helped.json
    bought = _start(client, shop, buyers.headers(buyer))
    resp = client.post(f"/mp/v1/bargains/{bought}/buy", headers=buyers.headers(buyer))
    assert resp.status_code == 201, resp.json

    url = (f"/api/v1/merchants/{shop.merchant_id}/bargain-activities/"
           f"{shop.bargain_activity_id}/bargains")

    def listed(**query):
        resp = client.get(url, headers=shop.owner, query_string=query)
        assert resp.status_code == 200, resp.json
        return [(b["id"], b["starter_nickname"], b["status"], b["expired"])
                for b in resp.json["items"]]

    assert [row[0] for row in listed()] == [bought, running, expired]
    running_row = client.get(url, headers=shop.owner, query_string={"status": "active"}).json
    assert [(b["id"], b["starter_nickname"], b["helps_count"], b["helpers_needed"],
             b["start_price_fen"], b["floor_price_fen"], b["status"], b["expired"],
             b["expires_at"], b["created_at"]) for b in running_row["items"]] == [
        (running, "小周2", 1, 5, 1000, 100, "active", False,
         (T0 + timedelta(minutes=150)).isoformat(), (T0 + timedelta(minutes=90)).isoformat())]
    assert running_row["items"][0]["price_fen"] < 1000
    assert listed(status="expired") == [(expired, "小周0", "active", True)]
    assert listed(status="bought") == [(bought, "小周3", "bought", False)]


def test_another_shops_staff_and_unknown_activities_are_refused(client, make, shop):
    shop.bargain_activity_id = bargain_activity(client, shop)
    shop.group_activity_id = group_activity(client, shop)
    make.merchant("rival")
    rival = make.login("rival")
    base = f"/api/v1/merchants/{shop.merchant_id}"
    for path in (f"/bargain-activities/{shop.bargain_activity_id}/bargains",
                 f"/group-activities/{shop.group_activity_id}/groups"):
        resp = client.get(base + path, headers=rival)
        assert (resp.status_code, resp.json["error"]["code"]) == (403, "forbidden")
    resp = client.get(base + "/bargain-activities/999999/bargains", headers=shop.owner)
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "bargain_activity_not_found")
    resp = client.get(base + f"/bargain-activities/{shop.bargain_activity_id}/bargains",
                      headers=shop.owner, query_string={"status": "won"})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")
