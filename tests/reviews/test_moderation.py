"""Staff and buyers moderating through the API: the merchant's reply, the
keyword hold and its approval, hide and unhide, reports (once per buyer,
the third hides), the queue's filters, and staff of another merchant kept
out; a refunded line cannot be reviewed."""

from __future__ import annotations

from app.reviews.models import ReviewReport
from tests.conftest import T0, count
from tests.reviews.conftest import make_shop, review


def _public_ids(client, shop) -> list[int]:
    return [r["id"] for r in client.get(f"/mp/v1/products/{shop.product_id}/reviews")
            .json["items"]]


def test_the_merchant_replies_once_and_may_replace_it(client, make, shop):
    _, (small, _) = shop.order("alice")
    alice = make.login("alice")
    rid = review(client, alice, small, 2, content="有点苦").json["id"]
    url = f"{shop.base}/reviews/{rid}/reply"
    first = client.put(url, headers=shop.staff, json={"content": "抱歉，请换个水温试试"})
    assert first.status_code == 200, first.json
    second = client.put(url, headers=shop.staff, json={"content": "80 度水温最好"})
    assert second.json["reply"] == {"content": "80 度水温最好", "replied_at": T0.isoformat()}
    (shown,) = client.get(f"/mp/v1/products/{shop.product_id}/reviews").json["items"]
    assert shown["reply"] == {"content": "80 度水温最好", "replied_at": T0.isoformat()}
    blank = client.put(url, headers=shop.staff, json={"content": "  "})
    assert (blank.status_code, blank.json["error"]["code"]) == (422, "validation_error")


def test_a_blocked_word_holds_the_review_until_staff_approve(client, make, shop):
    _, (small, large) = shop.order("alice")
    alice = make.login("alice")
    words = client.put(f"{shop.base}/review-keywords", headers=shop.staff,
                       json={"words": ["假货", ""]})
    assert (words.status_code, words.json["error"]["details"]["fields"]) == \
        (422, {"words": {"1": ["Length must be between 1 and 20."]}})
    words = client.put(f"{shop.base}/review-keywords", headers=shop.staff,
                       json={"words": [" 假货 ", "假货", "SPAM", "spam"]})
    assert words.status_code == 200, words.json
    assert words.json == {"words": ["假货", "SPAM"],
                          "platform_words": ["加微信", "加我微信", "刷单", "好评返现"]}
    held = review(client, alice, small, 1, content="这是假货")
    assert (held.status_code, held.json["status"]) == (201, "pending")
    spam = review(client, alice, large, 1, content="buy spam here")
    assert spam.json["status"] == "pending"
    assert _public_ids(client, shop) == []
    assert [r["status"] for r in client.get("/mp/v1/reviews/mine", headers=alice)
            .json["items"]] == ["pending", "pending"]
    queue = client.get(f"{shop.base}/reviews?status=pending", headers=shop.staff)
    assert [r["id"] for r in queue.json["items"]] == [spam.json["id"], held.json["id"]]

    approved = client.post(f"{shop.base}/reviews/{held.json['id']}/approve", headers=shop.staff)
    assert (approved.status_code, approved.json["status"]) == (200, "published")
    assert _public_ids(client, shop) == [held.json["id"]]
    again = client.post(f"{shop.base}/reviews/{held.json['id']}/approve", headers=shop.staff)
    assert (again.status_code, again.json["error"]["code"]) == (409, "review_not_pending")


def test_a_held_follow_up_is_shown_once_approved(client, make, shop):
    _, (small, _) = shop.order("alice")
    alice = make.login("alice")
    rid = review(client, alice, small, 5).json["id"]
    resp = client.post(f"/mp/v1/reviews/{rid}/follow-up", headers=alice,
                       json={"content": "好评返现 了吗"})
    assert (resp.json["follow_up_status"], resp.json["follow_up"]["content"]) == \
        ("pending", "好评返现 了吗")
    (shown,) = client.get(f"/mp/v1/products/{shop.product_id}/reviews").json["items"]
    assert shown["follow_up"] is None
    client.post(f"{shop.base}/reviews/{rid}/approve", headers=shop.staff)
    (shown,) = client.get(f"/mp/v1/products/{shop.product_id}/reviews").json["items"]
    assert shown["follow_up"]["content"] == "好评返现 了吗"


def test_hide_and_unhide_change_the_list_and_the_summary(client, make, shop):
    _, (small, large) = shop.order("alice")
    alice = make.login("alice")
    five = review(client, alice, small, 5).json["id"]
    one = review(client, alice, large, 1).json["id"]
    summary = f"/mp/v1/products/{shop.product_id}/reviews/summary"
    assert client.get(summary).json["count"] == 2
    hidden = client.post(f"{shop.base}/reviews/{one}/hide", headers=shop.staff)
    assert (hidden.json["hidden"], hidden.json["hidden_reason"]) == (True, "staff")
    assert _public_ids(client, shop) == [five]
    assert (client.get(summary).json["count"], client.get(summary).json["average"]) == (1, 5.0)
    mine = client.get(f"/mp/v1/reviews/{one}", headers=alice)
    assert (mine.status_code, mine.json["hidden"]) == (200, True)  # the author still sees it
    shown = client.post(f"{shop.base}/reviews/{one}/unhide", headers=shop.staff)
    assert (shown.json["hidden"], shown.json["hidden_reason"]) == (False, "")
    assert _public_ids(client, shop) == [one, five]
    assert (client.get(summary).json["count"], client.get(summary).json["average"]) == (2, 3.0)


def test_a_buyer_reports_once_and_the_third_report_hides(client, make, shop):
    _, (small, _) = shop.order("alice")
    rid = review(client, make.login("alice"), small, 1, content="差").json["id"]
    url = f"/mp/v1/reviews/{rid}/report"
    bob = make.login("bob")
    assert client.post(url, headers=bob, json={"reason": "不实"}).status_code == 204
    twice = client.post(url, headers=bob, json={"reason": "again"})
    assert (twice.status_code, twice.json["error"]["code"]) == (409, "already_reported")
    own = client.post(url, headers=make.login("alice"), json={"reason": "x"})
    assert (own.status_code, own.json["error"]["code"]) == (409, "own_review_not_reportable")
    assert client.post(url, headers=make.login("carol"), json={"reason": "广告"}).status_code == 204
    assert _public_ids(client, shop) == [rid]
    assert client.post(url, headers=make.login("dave"), json={"reason": "广告"}).status_code == 204
    assert _public_ids(client, shop) == []
    (queued,) = client.get(f"{shop.base}/reviews?reported=true", headers=shop.staff)\
        .json["items"]
    assert (queued["report_count"], queued["hidden"], queued["hidden_reason"]) == \
        (3, True, "reports")
    assert count(ReviewReport) == 3
    # staff looked and keep it shown: later reports do not hide it again
    client.post(f"{shop.base}/reviews/{rid}/unhide", headers=shop.staff)
    assert client.post(url, headers=make.login("erin"), json={"reason": "广告"}).status_code == 204
    assert _public_ids(client, shop) == [rid]


def test_the_queue_filters(client, make, shop):
    _, (small, large) = shop.order("alice")
    alice = make.login("alice")
    five = review(client, alice, small, 5).json["id"]
    two = review(client, alice, large, 2).json["id"]
    q = f"{shop.base}/reviews"
    ids = lambda query: [r["id"] for r in client.get(f"{q}?{query}",  # noqa: E731
                                                       headers=shop.staff).json["items"]]
    assert ids("") == [two, five]
    assert ids("rating=5") == [five]
    assert ids(f"product_id={shop.product_id}&status=published") == [two, five]
    assert ids("product_id=999") == []
    assert ids("reported=false&hidden=false") == [two, five]
    assert ids("with_pictures=true") == []
    bad = client.get(f"{q}?status=gone", headers=shop.staff)
    assert (bad.status_code, bad.json["error"]["code"]) == (422, "validation_error")


def test_staff_of_merchant_b_cannot_act_on_merchant_as_reviews(client, make, shop, sandbox):
    _, (small, _) = shop.order("alice")
    rid = review(client, make.login("alice"), small, 3).json["id"]
    other = make_shop(client, make, sandbox, owner="owner_b", name="B shop")
    b = f"/api/v1/merchants/{other.merchant_id}/reviews"
    for resp in (client.put(f"{b}/{rid}/reply", headers=other.staff, json={"content": "hi"}),
                 client.post(f"{b}/{rid}/hide", headers=other.staff),
                 client.post(f"{b}/{rid}/approve", headers=other.staff)):
        assert (resp.status_code, resp.json["error"]["code"]) == (404, "review_not_found")
    assert client.get(b, headers=other.staff).json["items"] == []
    # nor through merchant A's path
    a = client.post(f"{shop.base}/reviews/{rid}/hide", headers=other.staff)
    assert (a.status_code, a.json["error"]["code"]) == (403, "forbidden")
    assert _public_ids(client, shop) == [rid]


def test_a_refunded_line_cannot_be_reviewed(client, make, shop):
    order_id, (small, large) = shop.order("alice")
    refund = client.post(f"{shop.base}/orders/{order_id}/refunds", headers=shop.staff,
                         json={"refund_id": "r-1", "lines": [{"line_id": small, "quantity": 1}]})
    assert refund.status_code == 201, refund.json
    alice = make.login("alice")
    resp = review(client, alice, small)
    assert (resp.status_code, resp.json["error"]["code"]) == (409, "line_refunded")
    assert review(client, alice, large).status_code == 201
    assert client.get("/mp/v1/reviews/awaiting", headers=alice).json["items"] == []


def test_racing_reports_by_one_buyer_count_once(app, make, shop):
    import threading

    _, (small, _) = shop.order("alice")
    rid = review(app.test_client(), make.login("alice"), small, 1).json["id"]
    bob, statuses, start = make.login("bob"), [], threading.Barrier(6)

    def send():
        with app.app_context():
            start.wait()
            resp = app.test_client().post(f"/mp/v1/reviews/{rid}/report", headers=bob,
                                          json={"reason": "广告"})
            statuses.append(resp.status_code)

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [204] + [409] * 5
    (queued,) = app.test_client().get(f"{shop.base}/reviews", headers=shop.staff).json["items"]
    assert (queued["report_count"], queued["hidden"]) == (1, False)
    assert count(ReviewReport) == 1


def test_a_report_needs_a_reason(client, make, shop):
    _, (small, _) = shop.order("alice")
    rid = review(client, make.login("alice"), small, 1).json["id"]
    resp = client.post(f"/mp/v1/reviews/{rid}/report", headers=make.login("bob"),
                       json={"reason": "  "})
    assert (resp.status_code, resp.json["error"]["details"]["fields"]) == \
        (422, {"reason": ["Must not be blank."]})
    assert count(ReviewReport) == 0
