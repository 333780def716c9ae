"""The staff queue names each review's product and buyer (what the
console's reviews page shows), filtered by rating."""

from __future__ import annotations

from tests.reviews.conftest import review


def test_the_staff_queue_names_the_product_and_the_buyer(client, make, shop):
    _, lines = shop.order("ana")
    headers = make.login("ana")
    assert review(client, headers, lines[0], rating=4, content="香").status_code == 201
    assert review(client, headers, lines[1], rating=2, content="一般").status_code == 201
    got = client.get(f"{shop.base}/reviews?rating=4", headers=shop.staff).json["items"]
    assert [(r["product_title"], r["spec"], r["buyer_nickname"], r["rating"], r["content"])
            for r in got] == [("龙井", "250 g", "ana", 4, "香")]
