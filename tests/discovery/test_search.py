"""GET /mp/v1/search: Chinese queries find titles by their words, on SQLite
and PostgreSQL alike; more matched terms first, then newest; products off
sale never; the index follows every title change."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from app.db import transaction
from app.discovery import index
from app.discovery.models import SearchTerm
from tests.discovery.conftest import ids, product


@pytest.fixture
def shelf(make) -> dict[str, int]:
    """Products in the order they were made (each a minute after the last)."""
    m = make.merchant("owner")
    return {
        "anxi": product(make, m, "安溪铁观音乌龙"),
        "longjing": product(make, m, "西湖龙井绿茶"),
        "oolong": product(make, m, "乌龙茶 Oolong Tea"),
        "gift": product(make, m, "铁观音礼盒 500g"),
        "statue": product(make, m, "观音菩萨像"),
        "green": product(make, m, "Green Tea"),
        "gone": product(make, m, "铁观音 清仓", status="off_sale"),
        "dongding": product(make, m, "冻顶乌龙茶"),
    }


def search(client, q: str, **args) -> list[int]:
    return ids(client.get("/mp/v1/search", query_string={"q": q, **args}))


@pytest.mark.parametrize(("q", "found"), [
    ("铁观音", ["gift", "anxi"]),  # both pairs; 观音菩萨像 holds one; off sale never
    ("龙井", ["longjing"]),  # not 乌龙
    ("乌龙", ["dongding", "oolong", "anxi"]),
    ("茶", ["dongding", "oolong", "longjing"]),  # one character
    ("安溪乌龙", ["anxi"]),  # 安溪 and 乌龙: two of three pairs
    ("乌龙茶 oolong", ["oolong", "dongding"]),  # three terms before two, then newest
    ("oolo", ["oolong"]),  # the start of a word
    ("ＯＯＬＯＮＧ", ["oolong"]),
    ("tea", ["green", "oolong"]),
    ("乌龙 tea", ["oolong"]),
    ("普洱", []),
])
def test_chinese_and_latin_queries_find_exactly(client, shelf, q, found):
    assert search(client, q) == [shelf[name] for name in found]


def test_results_come_in_pages_with_the_total(client, shelf):
    resp = client.get("/mp/v1/search", query_string={"q": "乌龙", "page": 2, "per_page": 2})
    assert ids(resp) == [shelf["anxi"]]
    assert resp.json["meta"] == {"page": 2, "per_page": 2, "total": 3}
    item = resp.json["items"][0]
    assert (item["title"], item["skus"][0]["price_fen"]) == ("安溪铁观音乌龙", 1000)


def test_a_query_with_nothing_to_search_for_is_refused(client):
    resp = client.get("/mp/v1/search", query_string={"q": "！!，。"})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "query_has_no_terms")
    resp = client.get("/mp/v1/search", query_string={"q": ""})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "validation_error")


def test_a_renamed_product_is_found_by_its_new_title_only(client, make, shelf):
    headers = make.login("owner")
    from app.catalog.models import Product

    with transaction() as s:
        merchant = s.get(Product, shelf["green"]).merchant_id
    resp = client.patch(f"/api/v1/merchants/{merchant}/products/{shelf['green']}",
                        headers=headers, json={"title": "白毫银针"})
    assert resp.status_code == 200, resp.json
    assert search(client, "tea") == [shelf["oolong"]]
    assert search(client, "银针") == [shelf["green"]]


def test_a_product_back_on_sale_is_found_again(client, shelf):
    from app.catalog.models import Product

    with transaction() as s:
        s.get(Product, shelf["gone"]).status = "on_sale"
    assert search(client, "铁观音") == [shelf["gone"], shelf["gift"], shelf["anxi"]]


def test_reindex_rebuilds_the_terms_of_every_product(client, shelf):
    with transaction() as s:
        s.execute(delete(SearchTerm))
    assert search(client, "铁观音") == []
    with transaction() as s:
        assert index.reindex_all(s, batch=3) == len(shelf)
    assert search(client, "铁观音") == [shelf["gift"], shelf["anxi"]]


def test_the_reindex_command(app, client, shelf):
    with transaction() as s:
        s.execute(delete(SearchTerm))
    result = app.test_cli_runner().invoke(args=["search-reindex"])
    assert (result.exit_code, result.output) == (0, f"reindexed {len(shelf)} products\n")
    assert search(client, "龙井") == [shelf["longjing"]]
