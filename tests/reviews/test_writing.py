"""Writing reviews through the API: only a received line, the buyer's own,
once (also when two requests race), within the windows; one follow-up in
30 days; anonymous buyers masked; the SKU's spec shown."""

from __future__ import annotations

import threading
from datetime import timedelta

from app import clock
from app.reviews.models import Review
from tests.conftest import T0, count
from tests.reviews.conftest import review, upload


def test_a_received_line_is_reviewed_with_its_spec(client, make, shop):
    _, (small, _) = shop.order("alice")
    alice = make.login("alice")
    resp = review(client, alice, small, 4, content="香气很足")
    assert resp.status_code == 201, resp.json
    body = resp.json
    assert (body["rating"], body["content"], body["spec"], body["nickname"], body["anonymous"],
            body["status"], body["hidden"], body["follow_up"], body["reply"],
            body["product_id"], body["sku_id"], body["images"]) == \
        (4, "香气很足", "250 g", "alice", False, "published", False, None, None,
         shop.product_id, shop.sku_ids[0], [])
    assert body["created_at"] == T0.isoformat()


def test_a_rating_alone_is_a_review(client, make, shop):
    _, (small, _) = shop.order("alice")
    resp = review(client, make.login("alice"), small, 5)
    assert (resp.status_code, resp.json["content"]) == (201, "")


def test_an_unreceived_line_is_refused(client, make, shop):
    _, (small, _) = shop.order("alice", receive=False)
    resp = review(client, make.login("alice"), small)
    assert resp.status_code == 409
    assert resp.json["error"]["code"] == "line_not_received"
    assert resp.json["error"]["details"] == {"order_status": "shipped"}
    assert count(Review) == 0


def test_someone_elses_line_is_not_found(client, make, shop):
    _, (small, _) = shop.order("alice")
    resp = review(client, make.login("bob"), small)
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "order_line_not_found")
    assert count(Review) == 0


def test_a_line_takes_one_review(client, make, shop):
    _, (small, large) = shop.order("alice")
    alice = make.login("alice")
    assert review(client, alice, small).status_code == 201
    again = review(client, alice, small, 1, content="changed my mind")
    assert (again.status_code, again.json["error"]["code"]) == (409, "already_reviewed")
    assert review(client, alice, large).status_code == 201  # the other line is its own
    assert count(Review) == 2


def test_racing_reviews_of_one_line_make_one(app, make, shop):
    _, (small, _) = shop.order("alice")
    alice = make.login("alice")
    statuses, start = [], threading.Barrier(8)

    def write(n):
        with app.app_context():
            start.wait()
            resp = review(app.test_client(), alice, small, 1 + n % 5, content=f"try {n}")
            statuses.append((resp.status_code, (resp.json.get("error") or {}).get("code")))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses, key=str) == [(201, None)] + [(409, "already_reviewed")] * 7
    assert count(Review) == 1


def test_the_review_window_closes_90_days_after_receipt(client, make, shop):
    _, (small, large) = shop.order("alice")
    alice = make.login("alice")
    clock.freeze(T0 + timedelta(days=90))
    assert review(client, alice, small).status_code == 201
    clock.freeze(T0 + timedelta(days=90, seconds=1))
    late = review(client, alice, large)
    assert (late.status_code, late.json["error"]["code"]) == (409, "review_window_closed")


def test_a_follow_up_within_30_days_once(client, make, shop):
    _, (small, _) = shop.order("alice")
    alice = make.login("alice")
    rid = review(client, alice, small, 5, content="好").json["id"]
    clock.freeze(T0 + timedelta(days=30))
    resp = client.post(f"/mp/v1/reviews/{rid}/follow-up", headers=alice,
                       json={"content": "喝了一个月，还是好"})
    assert resp.status_code == 200, resp.json
    assert resp.json["follow_up"] == {"content": "喝了一个月，还是好", "images": [],
                                      "created_at": (T0 + timedelta(days=30)).isoformat(),
                                      "days_after": 30}
    assert resp.json["follow_up_status"] == "published"
    twice = client.post(f"/mp/v1/reviews/{rid}/follow-up", headers=alice,
                        json={"content": "again"})
    assert (twice.status_code, twice.json["error"]["code"]) == (409, "follow_up_exists")


def test_a_follow_up_after_30_days_is_refused(client, make, shop):
    _, (small, _) = shop.order("alice")
    alice = make.login("alice")
    rid = review(client, alice, small).json["id"]
    clock.freeze(T0 + timedelta(days=30, seconds=1))
    resp = client.post(f"/mp/v1/reviews/{rid}/follow-up", headers=alice,
                       json={"content": "late"})
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "follow_up_window_closed")
    assert client.get(f"/mp/v1/reviews/{rid}", headers=alice).json["follow_up"] is None


def test_an_anonymous_buyer_is_masked_everywhere_public(client, make, shop):
    _, (small, large) = shop.order("alice")
    alice = make.login("alice")
    avatar = client.put("/mp/v1/me/avatar", headers=alice,
                        json={"upload": upload(make, "alice", purpose="avatar")})
    assert avatar.status_code == 200, avatar.json
    resp = review(client, alice, small, 5, anonymous=True)
    assert (resp.json["nickname"], resp.json["anonymous"], resp.json["avatar_url"]) == \
        ("a***e", True, "")
    named = review(client, alice, large, 4).json
    listed = client.get(f"/mp/v1/products/{shop.product_id}/reviews")
    assert [(r["nickname"], r["anonymous"], r["avatar_url"]) for r in listed.json["items"]] \
        == [("alice", False, avatar.json["avatar_url"]), ("a***e", True, "")]
    assert named["avatar_url"].endswith("/thumb")
    assert "buyer_id" not in listed.json["items"][1]
    staff = client.get(f"{shop.base}/reviews", headers=shop.staff)
    assert [(r["nickname"], r["buyer_nickname"]) for r in staff.json["items"]] == \
        [("alice", "alice"), ("a***e", "alice")]


def test_buyer_b_cannot_see_or_act_on_as_review(client, make, shop):
    _, (small, _) = shop.order("alice")
    alice, bob = make.login("alice"), make.login("bob")
    rid = review(client, alice, small, content="加微信 找我").json["id"]  # held
    assert client.get(f"/mp/v1/reviews/{rid}", headers=alice).status_code == 200
    for resp in (client.get(f"/mp/v1/reviews/{rid}", headers=bob),
                 client.post(f"/mp/v1/reviews/{rid}/follow-up", headers=bob,
                             json={"content": "not mine"}),
                 client.post(f"/mp/v1/reviews/{rid}/report", headers=bob, json={"reason": "x"})):
        assert (resp.status_code, resp.json["error"]["code"]) == (404, "review_not_found")
    assert client.get("/mp/v1/reviews/mine", headers=bob).json["meta"]["total"] == 0
    assert client.get(f"/mp/v1/reviews/{rid}", headers=alice).json["follow_up"] is None


def test_awaiting_lists_received_lines_not_yet_reviewed(client, make, shop):
    first, (small, large) = shop.order("alice")
    shop.order("alice", receive=False)
    alice = make.login("alice")
    review(client, alice, small)
    resp = client.get("/mp/v1/reviews/awaiting", headers=alice)
    assert resp.status_code == 200
    assert resp.json["items"] == [{"order_id": first, "order_line_id": large,
                                   "product_id": shop.product_id, "sku_id": shop.sku_ids[1],
                                   "title": "龙井", "spec": "500 g", "quantity": 1}]
    clock.freeze(T0 + timedelta(days=91))
    assert client.get("/mp/v1/reviews/awaiting", headers=alice).json["items"] == []


def test_a_completed_orders_line_is_reviewable(client, make, shop):
    from app.db import transaction
    from app.orders import service as orders

    order_id, (small, _) = shop.order("alice")
    clock.freeze(T0 + timedelta(days=8))
    with transaction() as s:
        assert orders.complete(s, order_id=order_id, now=clock.now())
    resp = review(client, make.login("alice"), small, 5)
    assert resp.status_code == 201, resp.json
