"""Browsing history: a signed-in view of a product is recorded, latest view
first (viewing again moves it to the front), at most history.LIMIT kept per
buyer, another buyer's never shown; anonymous views record nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert

from app import clock
from app.db import transaction
from app.discovery import history
from app.discovery.models import ProductView
from tests.conftest import count, iso
from tests.discovery.conftest import product


def view(client, headers, product_id) -> None:
    assert client.get(f"/mp/v1/products/{product_id}", headers=headers).status_code == 200


def listed(client, headers, **args) -> list[tuple[int, str]]:
    resp = client.get("/mp/v1/history", headers=headers, query_string=args)
    assert resp.status_code == 200, resp.json
    return [(i["product"]["id"], i["viewed_at"]) for i in resp.json["items"]]


def test_latest_view_first_and_a_second_view_moves_it_to_the_front(client, make):
    m = make.merchant("owner")
    a, b, c = (product(make, m, t) for t in ("龙井", "乌龙", "普洱"))
    alice, bob = make.login("alice"), make.login("bob")
    for pid in (a, b, c, a):
        clock.advance(timedelta(minutes=1))
        view(client, alice, pid)
    view(client, bob, b)
    view(client, {}, c)  # anonymous: nobody's history
    assert listed(client, alice) == [(a, iso(hours=2, minutes=7)), (c, iso(hours=2, minutes=6)),
                                     (b, iso(hours=2, minutes=5))]
    assert [p for p, _ in listed(client, bob)] == [b]
    assert count(ProductView) == 4


def test_views_in_one_instant_keep_their_order(client, make):
    m = make.merchant("owner")
    a, b = product(make, m, "龙井"), product(make, m, "乌龙")
    alice = make.login("alice")
    for pid in (b, a, b):
        view(client, alice, pid)
    assert [p for p, _ in listed(client, alice)] == [b, a]


def test_only_the_latest_views_are_kept(client, make):
    m = make.merchant("owner")
    alice_id = make.user("alice")
    pids = [product(make, m, f"茶{i}") for i in range(history.LIMIT + 2)]
    with transaction() as s:  # the first LIMIT + 1 views, oldest first
        s.execute(insert(ProductView), [{"user_id": alice_id, "product_id": p,
                                         "viewed_at": clock.now()} for p in pids[:-1]])
    alice = make.login("alice")
    view(client, alice, pids[-1])
    kept = [p for p, _ in listed(client, alice, per_page=100)]
    assert kept == pids[-1:1:-1]  # the newest LIMIT: the two oldest dropped
    assert count(ProductView) == history.LIMIT


def test_clearing_empties_my_history_only(client, make):
    tea = product(make, make.merchant("owner"), "龙井")
    alice, bob = make.login("alice"), make.login("bob")
    view(client, alice, tea)
    view(client, bob, tea)
    assert client.delete("/mp/v1/history", headers=alice).status_code == 204
    assert listed(client, alice) == []
    assert [p for p, _ in listed(client, bob)] == [tea]


def test_a_bad_token_on_a_product_view_is_refused_not_ignored(client, make):
    tea = product(make, make.merchant("owner"), "龙井")
    resp = client.get(f"/mp/v1/products/{tea}", headers={"Authorization": "Bearer nope"})
    assert (resp.status_code, resp.json["error"]["code"]) == (401, "invalid_token")
    assert count(ProductView) == 0
