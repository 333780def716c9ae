"""Segment sends of a coupon and of an announcement: each member of the
segment gets one, a re-run gives nobody a second, and a coupon's total and
per-user limit still hold (a member past them fails alone)."""

import pytest
from sqlalchemy import func, select

from app.coupons.models import UserCoupon
from app.db import transaction
from community.models import Announcement, InboxMessage
from members import jobs as member_jobs
from members.models import SendRecipient
from members.segments import sends as segment_sends
from tests.conftest import iso
from tests.members.shop import MemberShop
from tests.payments.conftest import sandbox  # noqa: F401 - fixture

WINDOW = {"valid_from": iso(days=-23), "valid_until": iso(days=37)}


@pytest.fixture
def shop(app, client, make, sandbox, monkeypatch):  # noqa: F811
    monkeypatch.setattr(segment_sends, "BATCH", 2)
    shop = MemberShop(app, client, make, sandbox)
    shop.settings(checkin_points=0, streak_bonuses=[])
    names = [f"m{i}" for i in range(7)]
    for name in names:
        assert shop.check_in(name).status_code == 201
    tag = shop.members("POST", "/tags", json={"name": "vip"}).json
    shop.members("POST", f"/tags/{tag['id']}/members",
                 json={"user_ids": [shop.ids[n] for n in names[:5]]})
    shop.segment_id = shop.members("POST", "/segments",
                                   json={"name": "vips", "expr": "vip"}).json["id"]
    return shop


def coupon(shop, total: int) -> int:
    url = f"/api/v1/merchants/{shop.merchant_id}/coupons"
    body = {"name": "Ten off", "kind": "no_threshold", "amount_fen": 100, "total": total,
            "per_user_limit": 1, **WINDOW}
    made = shop.client.post(url, headers=shop.staff, json=body)
    assert made.status_code == 201, made.json
    got = shop.client.post(f"{url}/{made.json['id']}/activate", headers=shop.staff)
    assert got.status_code == 200, got.json
    return made.json["id"]


def send(shop, request_id, action, payload):
    resp = shop.members("POST", "/sends", json={
        "request_id": request_id, "segment_id": shop.segment_id, "action": action,
        "payload": payload})
    assert resp.status_code == 201, resp.json
    return resp.json["id"]


def progress(shop, send_id):
    got = shop.members("GET", f"/sends/{send_id}").json
    return {k: got[k] for k in ("status", "total", "done", "failed")}


def holders(coupon_id: int) -> list[int]:
    with transaction() as s:
        return sorted(s.scalars(select(UserCoupon.user_id)
                                .where(UserCoupon.coupon_id == coupon_id)))


def test_a_coupon_send_grants_each_member_once_within_the_coupons_total(shop):
    coupon_id = coupon(shop, total=4)
    # m0 already holds one: the per-user limit of 1 refuses a second
    claimed = shop.client.post(f"/mp/v1/coupons/{coupon_id}/claim", headers=shop.login("m0"))
    assert claimed.status_code == 201, claimed.json
    send_id = send(shop, "c1", "coupon", {"coupon_id": coupon_id})
    assert member_jobs.run_send(send_id) == 3
    assert progress(shop, send_id) == {"status": "done", "total": 5, "done": 3, "failed": 2}
    vips = [shop.ids[f"m{i}"] for i in range(5)]
    assert holders(coupon_id) == sorted(vips[:4])  # m0 by claim; m1-m3 by the send
    with transaction() as s:
        rows = s.execute(select(SendRecipient.user_id,
                                SendRecipient.outcome)
                         .where(SendRecipient.send_id == send_id)).all()
    assert dict(rows) == {vips[0]: "coupon_limit_reached", vips[1]: "sent", vips[2]: "sent",
                          vips[3]: "sent", vips[4]: "coupon_exhausted"}
    # a re-run (same request id) delivers nothing again
    assert send(shop, "c1", "coupon", {"coupon_id": coupon_id}) == send_id
    member_jobs.run_send(send_id)
    assert holders(coupon_id) == sorted(vips[:4])


def test_a_coupon_of_another_merchant_is_sent_to_nobody(shop, make):
    other_merchant = make.merchant("rival", name="Rival")
    url = f"/api/v1/merchants/{other_merchant}/coupons"
    rival = make.login("rival")
    made = shop.client.post(url, headers=rival, json={
        "name": "Theirs", "kind": "no_threshold", "amount_fen": 100, "total": 10, **WINDOW})
    shop.client.post(f"{url}/{made.json['id']}/activate", headers=rival)
    send_id = send(shop, "c2", "coupon", {"coupon_id": made.json["id"]})
    member_jobs.run_send(send_id)
    assert progress(shop, send_id) == {"status": "done", "total": 5, "done": 0, "failed": 5}
    assert holders(made.json["id"]) == []


def test_an_announcement_send_reaches_each_members_inbox_once(shop):
    send_id = send(shop, "a1", "announcement", {"title": "Gold week", "body": "For our VIPs"})
    assert member_jobs.run_send(send_id) == 3
    assert progress(shop, send_id) == {"status": "done", "total": 5, "done": 5, "failed": 0}
    member_jobs.run_send(send_id)
    with transaction() as s:
        inbox = dict(s.execute(select(InboxMessage.user_id, func.count())
                               .group_by(InboxMessage.user_id)).all())
        announcements = s.scalar(select(func.count()).select_from(Announcement))
    assert inbox == {shop.ids[f"m{i}"]: 1 for i in range(5)}
    assert announcements == 3  # one per batch of 2, 2, 1
    items = shop.client.get("/mp/v1/inbox", headers=shop.login("m4")).json["items"]
    assert [(i["title"], i["body"], i["community_id"]) for i in items] == \
        [("Gold week", "For our VIPs", None)]
    assert shop.client.get("/mp/v1/inbox", headers=shop.login("m5")).json["items"] == []
