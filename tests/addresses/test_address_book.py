"""The address book: region names from the dataset, Chinese mobile numbers,
exactly one default, at most 20 per buyer (also under racing threads), and
another buyer's addresses are not found whatever is asked of them."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from app.addresses.models import Address
from app.db import transaction
from tests.conftest import T0, count

HOME = {"recipient": "李雷", "phone": "13812341234", "region_code": "330106",
        "detail": "文三路 90 号 501 室", "tag": "家"}


def _add(client, headers, **changes):
    return client.post("/mp/v1/addresses", headers=headers, json={**HOME, **changes})


def _defaults(user_id: int) -> list[int]:
    with transaction() as s:
        return list(s.scalars(select(Address.id).where(Address.user_id == user_id,
                                                       Address.is_default.is_(True))))


def test_an_address_gets_its_region_names_from_the_dataset(client, make):
    alice = make.login("alice")
    resp = _add(client, alice)
    assert resp.status_code == 201, resp.json
    assert resp.json == {"id": resp.json["id"], "recipient": "李雷", "phone": "13812341234",
                         "region_code": "330106", "province": "浙江省", "city": "杭州市",
                         "district": "西湖区", "detail": "文三路 90 号 501 室", "tag": "家",
                         "is_default": True, "created_at": T0.isoformat(),
                         "updated_at": T0.isoformat()}
    got = client.get(f"/mp/v1/addresses/{resp.json['id']}", headers=alice)
    assert got.json == resp.json


def test_names_sent_by_the_client_are_refused(client, make):
    resp = _add(client, make.login("alice"), province="火星省")
    assert (resp.status_code, resp.json["error"]["details"]["fields"]) == \
        (422, {"province": ["Unknown field."]})
    assert count(Address) == 0


@pytest.mark.parametrize(("code", "status", "error", "details"), [
    ("999999", 422, "unknown_region", {"region_code": "999999"}),
    ("330000", 422, "region_not_a_district", {"region_code": "330000", "level": "province"}),
    ("330100", 422, "region_not_a_district", {"region_code": "330100", "level": "city"}),
    ("33010", 422, "validation_error", {"fields": {"region_code": [
        "String does not match expected pattern."]}}),
    ("033010", 422, "validation_error", {"fields": {"region_code": [
        "String does not match expected pattern."]}}),
])
def test_a_region_must_be_a_real_district(client, make, code, status, error, details):
    resp = _add(client, make.login("alice"), region_code=code)
    assert (resp.status_code, resp.json["error"]["code"], resp.json["error"]["details"]) == \
        (status, error, details)
    assert count(Address) == 0


@pytest.mark.parametrize("phone", ["12812341234", "1381234123", "138123412345", "+8613812341234",
                                   "1381234123a", "010-12345678"])
def test_a_phone_must_be_a_chinese_mobile(client, make, phone):
    resp = _add(client, make.login("alice"), phone=phone)
    assert (resp.status_code, resp.json["error"]["details"]["fields"]) == \
        (422, {"phone": ["Not a mobile phone number."]})
    assert count(Address) == 0


@pytest.mark.parametrize(("field", "value"), [("recipient", "   "), ("detail", " "),
                                              ("recipient", "x" * 26), ("detail", "x" * 121),
                                              ("tag", "x" * 11)])
def test_blank_or_too_long_text_is_refused(client, make, field, value):
    resp = _add(client, make.login("alice"), **{field: value})
    assert (resp.status_code, list(resp.json["error"]["details"]["fields"])) == (422, [field])


def test_one_default_first_then_as_chosen(client, make):
    alice, uid = make.login("alice"), make.user("alice")
    first = _add(client, alice).json
    second = _add(client, alice, tag="公司").json
    assert (first["is_default"], second["is_default"]) == (True, False)
    third = _add(client, alice, is_default=True).json
    assert third["is_default"] is True and _defaults(uid) == [third["id"]]
    listed = client.get("/mp/v1/addresses", headers=alice).json
    assert [(a["id"], a["is_default"]) for a in listed] == \
        [(third["id"], True), (second["id"], False), (first["id"], False)]
    resp = client.patch(f"/mp/v1/addresses/{first['id']}", headers=alice,
                        json={"is_default": True})
    assert (resp.status_code, resp.json["is_default"]) == (200, True)
    assert _defaults(uid) == [first["id"]]
    resp = client.patch(f"/mp/v1/addresses/{first['id']}", headers=alice,
                        json={"is_default": False})
    assert (resp.status_code, resp.json["error"]["details"]["fields"]) == \
        (422, {"is_default": ["One address is always the default: make another one the "
                              "default."]})


def test_deleting_the_default_promotes_the_most_recently_added(client, make):
    alice, uid = make.login("alice"), make.user("alice")
    a, b, c = (_add(client, alice).json["id"] for _ in range(3))
    assert _defaults(uid) == [a]
    assert client.delete(f"/mp/v1/addresses/{b}", headers=alice).status_code == 204
    assert _defaults(uid) == [a]
    assert client.delete(f"/mp/v1/addresses/{a}", headers=alice).status_code == 204
    assert _defaults(uid) == [c]
    assert client.delete(f"/mp/v1/addresses/{c}", headers=alice).status_code == 204
    assert (_defaults(uid), count(Address)) == ([], 0)
    assert _add(client, alice).json["is_default"] is True


def test_an_edit_rederives_names_and_an_empty_edit_writes_nothing(client, make):
    from datetime import timedelta

    from app import clock

    alice = make.login("alice")
    created = _add(client, alice).json
    clock.advance(timedelta(minutes=5))
    resp = client.patch(f"/mp/v1/addresses/{created['id']}", headers=alice, json={})
    assert resp.json == created
    resp = client.patch(f"/mp/v1/addresses/{created['id']}", headers=alice,
                        json={"region_code": "440305", "detail": "科苑路 15 号"})
    assert resp.status_code == 200
    assert {k: resp.json[k] for k in ("region_code", "province", "city", "district", "detail",
                                      "updated_at")} == {
        "region_code": "440305", "province": "广东省", "city": "深圳市", "district": "南山区",
        "detail": "科苑路 15 号", "updated_at": (T0 + timedelta(minutes=5)).isoformat()}
    resp = client.patch(f"/mp/v1/addresses/{created['id']}", headers=alice,
                        json={"region_code": "440300"})
    assert (resp.status_code, resp.json["error"]["code"]) == (422, "region_not_a_district")
    assert client.get(f"/mp/v1/addresses/{created['id']}", headers=alice).json["city"] == \
        "深圳市"


def test_at_most_twenty_addresses(client, make):
    alice = make.login("alice")
    for _ in range(20):
        assert _add(client, alice).status_code == 201
    resp = _add(client, alice)
    assert (resp.status_code, resp.json["error"]["code"], resp.json["error"]["details"]) == \
        (409, "address_limit_reached", {"limit": 20})
    assert count(Address) == 20


def test_twenty_five_racing_adds_never_exceed_twenty(app, make):
    """25 threads add at once for one buyer who has none: exactly 20 land,
    5 are refused, and exactly one of the 20 is the default."""
    headers, uid = make.login("alice"), make.user("alice")
    barrier = threading.Barrier(25)

    def add(i):
        barrier.wait()
        resp = app.test_client().post("/mp/v1/addresses", headers=headers,
                                      json={**HOME, "detail": f"{i} 号"})
        return resp.status_code, resp.json

    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(pool.map(add, range(25)))
    assert sorted(status for status, _ in results) == [201] * 20 + [409] * 5
    assert {body["error"]["code"] for status, body in results if status == 409} == \
        {"address_limit_reached"}
    with transaction() as s:
        assert s.scalar(select(func.count()).select_from(Address)
                        .where(Address.user_id == uid)) == 20
    assert len(_defaults(uid)) == 1


def test_another_buyers_address_is_not_found_whatever_is_asked(client, make):
    alice, bob = make.login("alice"), make.login("bob")
    address = _add(client, alice).json
    url = f"/mp/v1/addresses/{address['id']}"
    answers = [
        client.get(url, headers=bob),
        client.patch(url, headers=bob, json={"detail": "bob's now"}),
        client.patch(url, headers=bob, json={"is_default": True}),
        client.delete(url, headers=bob),
    ]
    assert [(r.status_code, r.json["error"]["code"], r.json["error"]["details"])
            for r in answers] == [(404, "address_not_found", {"address_id": address["id"]})] * 4
    assert client.get("/mp/v1/addresses", headers=bob).json == []
    assert client.get(url, headers=alice).json == address
