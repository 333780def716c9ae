"""A product's rating summary and public list: exact values over visible
reviews only (held and hidden ones left out), the list's filters, a product
not on sale not found; no login needed."""

from __future__ import annotations

from app.reviews import rules
from tests.reviews.conftest import review


def _summary(client, shop) -> dict:
    resp = client.get(f"/mp/v1/products/{shop.product_id}/reviews/summary")
    assert resp.status_code == 200, resp.json
    return resp.json


def test_summary_exact_values(client, make, shop):
    assert _summary(client, shop) == {
        "product_id": shop.product_id, "count": 0, "average": 0.0,
        "distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}, "good_rate_bps": 0,
        "with_pictures": 0}
    ids = {}
    for buyer, ratings in (("alice", (5, 4)), ("bob", (3, 1)), ("carol", (5, 1)),
                           ("erin", (2,))):
        _, lines = shop.order(buyer, skus=shop.sku_ids[:len(ratings)])
        headers = make.login(buyer)
        for line, rating in zip(lines, ratings, strict=True):
            text = "刷单的吧" if buyer == "erin" else ""
            ids[buyer, rating] = review(client, headers, line, rating, content=text).json["id"]
    client.post(f"{shop.base}/reviews/{ids['carol', 1]}/hide", headers=shop.staff)
    # visible: 5, 4, 3, 1, 5 (carol's 1 hidden, erin's 2 held)
    assert _summary(client, shop) == {
        "product_id": shop.product_id, "count": 5, "average": 3.6,
        "distribution": {"1": 1, "2": 0, "3": 1, "4": 1, "5": 2}, "good_rate_bps": 6000,
        "with_pictures": 0}
    client.post(f"{shop.base}/reviews/{ids['carol', 1]}/unhide", headers=shop.staff)
    s = _summary(client, shop)  # 19 / 6 = 3.1666...
    assert (s["count"], s["average"], s["good_rate_bps"]) == (6, 3.2, 5000)
    client.post(f"{shop.base}/reviews/{ids['erin', 2]}/approve", headers=shop.staff)
    s = _summary(client, shop)  # 21 / 7 = 3.0; 3 of 7 good, rounded down
    assert (s["count"], s["average"], s["good_rate_bps"], s["distribution"]) == \
        (7, 3.0, 4285, {"1": 2, "2": 1, "3": 1, "4": 1, "5": 2})

    listed = lambda f: [r["rating"] for r in client.get(  # noqa: E731
        f"/mp/v1/products/{shop.product_id}/reviews?filter={f}").json["items"]]
    assert listed("all") == [2, 1, 5, 1, 3, 4, 5]
    assert listed("good") == [5, 4, 5]
    assert listed("neutral") == [3]
    assert listed("bad") == [2, 1, 1]
    assert listed("with_pictures") == []
    page = client.get(f"/mp/v1/products/{shop.product_id}/reviews?per_page=2&page=2").json
    assert ([r["rating"] for r in page["items"]], page["meta"]) == \
        ([5, 1], {"page": 2, "per_page": 2, "total": 7})


def test_a_bad_filter_and_an_unknown_product(client, shop):
    bad = client.get(f"/mp/v1/products/{shop.product_id}/reviews?filter=best")
    assert (bad.status_code, bad.json["error"]["code"]) == (422, "validation_error")
    for url in ("/mp/v1/products/999/reviews", "/mp/v1/products/999/reviews/summary"):
        resp = client.get(url)
        assert (resp.status_code, resp.json["error"]["code"]) == (404, "product_not_found")


def test_rules_summary_rounds_half_up_and_masks():
    assert rules.summary({4: 1, 5: 1}, 0)["average"] == 4.5
    assert rules.summary({1: 1, 2: 1, 5: 1}, 0)["average"] == 2.7  # 8/3 = 2.666...
    assert rules.summary({3: 3, 4: 1}, 0)["average"] == 3.3  # 13/4 = 3.25 -> 3.3
    assert [rules.mask_nickname(n) for n in ("alice", "张三", "x", "")] == \
        ["a***e", "张***三", "x***", "***"]
    assert rules.blocked_words("Buy SPAM 加微信", ["spam", "加微信", "eggs"]) == ["spam", "加微信"]
