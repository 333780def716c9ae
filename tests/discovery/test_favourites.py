"""Favourites: adding is idempotent (also when adds race), removing too;
listed newest first with products gone off sale flagged; another buyer's
never shown; products that do not exist refused."""

from __future__ import annotations

import threading
from datetime import timedelta

from app import clock
from app.catalog.models import Product
from app.db import transaction
from app.discovery.models import Favourite
from tests.conftest import count, iso
from tests.discovery.conftest import product


def add(client, headers, product_id):
    return client.post("/mp/v1/favourites", headers=headers, json={"product_id": product_id})


def listed(client, headers) -> list[tuple[int, str, str]]:
    resp = client.get("/mp/v1/favourites", headers=headers)
    assert resp.status_code == 200, resp.json
    return [(i["product"]["id"], i["product"]["status"], i["favourited_at"])
            for i in resp.json["items"]]


def test_adding_twice_keeps_one_favourite_and_its_first_time(client, make):
    tea = product(make, make.merchant("owner"), "龙井")
    alice = make.login("alice")
    first = add(client, alice, tea)
    clock.advance(timedelta(minutes=5))
    again = add(client, alice, tea)
    assert (first.status_code, first.json) == (201, {"product_id": tea, "favourite": True})
    assert (again.status_code, again.json) == (200, {"product_id": tea, "favourite": True})
    assert listed(client, alice) == [(tea, "on_sale", iso(hours=2, minutes=1))]
    assert count(Favourite) == 1


def test_racing_adds_keep_one_row(app, make):
    tea = product(make, make.merchant("owner"), "龙井")
    alice = make.login("alice")
    answers, start = [], threading.Barrier(8)

    def one():
        start.wait()
        answers.append(add(app.test_client(), alice, tea).status_code)

    threads = [threading.Thread(target=one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [200] * 7 + [201]
    assert count(Favourite) == 1


def test_listed_newest_first_mine_only_off_sale_flagged(client, make):
    m = make.merchant("owner")
    a, b, c = (product(make, m, t) for t in ("龙井", "乌龙", "普洱"))
    alice, bob = make.login("alice"), make.login("bob")
    for pid in (b, a, c):
        clock.advance(timedelta(minutes=1))
        assert add(client, alice, pid).status_code == 201
    assert add(client, bob, a).status_code == 201
    with transaction() as s:
        s.get(Product, a).status = "off_sale"
    assert listed(client, alice) == [(c, "on_sale", iso(hours=2, minutes=6)),
                                     (a, "off_sale", iso(hours=2, minutes=5)),
                                     (b, "on_sale", iso(hours=2, minutes=4))]
    page = client.get("/mp/v1/favourites", headers=alice, query_string={"per_page": 1,
                                                                         "page": 3}).json
    assert ([i["product"]["id"] for i in page["items"]], page["meta"]["total"]) == ([b], 3)
    assert [p for p, _, _ in listed(client, bob)] == [a]


def test_state_and_idempotent_removal(client, make):
    tea = product(make, make.merchant("owner"), "龙井")
    alice = make.login("alice")
    state = f"/mp/v1/favourites/{tea}"
    assert client.get(state, headers=alice).json == {"product_id": tea, "favourite": False}
    add(client, alice, tea)
    assert client.get(state, headers=alice).json == {"product_id": tea, "favourite": True}
    assert client.delete(state, headers=alice).status_code == 204
    assert client.delete(state, headers=alice).status_code == 204
    assert client.get(state, headers=alice).json == {"product_id": tea, "favourite": False}
    assert listed(client, alice) == []


def test_off_sale_or_unknown_products_cannot_be_added(client, make):
    gone = product(make, make.merchant("owner"), "龙井", status="off_sale")
    alice = make.login("alice")
    for pid in (gone, 999_999):
        resp = add(client, alice, pid)
        assert (resp.status_code, resp.json["error"]["code"]) == (404, "product_not_found")
    resp = client.delete("/mp/v1/favourites/999999", headers=alice)
    assert (resp.status_code, resp.json["error"]["code"]) == (404, "product_not_found")
    assert count(Favourite) == 0


def test_favourites_need_a_login(client):
    assert client.get("/mp/v1/favourites").status_code == 401
    assert client.post("/mp/v1/favourites", json={"product_id": 1}).status_code == 401
