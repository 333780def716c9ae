"""Carriers: found by code or name, numbers checked by shape, the list for
pickers; an unknown carrier or a number of the wrong shape is refused with
its own code and nothing is shipped."""

from __future__ import annotations

import pytest

from app.shipping import carriers
from app.shipping.models import Package
from tests.conftest import count

VALID = [
    ("SF", "SF1234567890123"), ("SF", "SF123456789012"), ("SF", "123456789012"),
    ("ZTO", "731234567890123"), ("ZTO", "512345678901"), ("ZTO", "35123456789012"),
    ("YTO", "YT1234567890123"), ("STO", "773123456789012"), ("STO", "268123456789"),
    ("YD", "4312345678901"), ("YD", "431234567890123"), ("JD", "JDVA12345678901"),
    ("JD", "JDX0123456789012"), ("EMS", "1136281381675"), ("EMS", "EA123456789CN"),
    ("JTSD", "JT1234567890123"), ("DBL", "DPK123456789012"), ("DBL", "123456789"),
    ("YZPY", "9812345678901"), ("YZPY", "CP123456789CN"),
]
INVALID = [
    ("SF", "SF12345"), ("SF", "1234567890123"), ("SF", "YT1234567890123"),
    ("ZTO", "012345678901"), ("ZTO", "73123456789"), ("ZTO", "7312345678901234"),
    ("YTO", "1234567890123"), ("YTO", "YT123456789012"), ("STO", "12345678901"),
    ("YD", "43123456789012"), ("JD", "JD123"), ("JD", "SF1234567890123"),
    ("EMS", "E12345678CN"), ("JTSD", "JT123456789012"), ("DBL", "DPK1234"),
    ("YZPY", "98123456789"), ("SF", "SF" + "1" * 40),
]


@pytest.mark.parametrize("code,number", VALID)
def test_numbers_of_the_carriers_shape(code, number):
    assert carriers.number_ok(carriers.BY_CODE[code], number)


@pytest.mark.parametrize("code,number", INVALID)
def test_numbers_of_another_shape(code, number):
    assert not carriers.number_ok(carriers.BY_CODE[code], number)


def test_every_carriers_example_has_its_shape():
    assert all(c.matches(c.example) for c in carriers.CARRIERS)


@pytest.mark.parametrize("text,code", [
    ("SF", "SF"), ("sf", "SF"), ("顺丰速运", "SF"), ("顺丰", "SF"), ("SF Express", "SF"),
    ("shunfeng", "SF"), ("中通", "ZTO"), ("zhongtong", "ZTO"), (" 圆通速递 ", "YTO"),
    ("申通快递", "STO"), ("韵达", "YD"), ("京东", "JD"), ("jd", "JD"), ("EMS", "EMS"),
    ("邮政EMS", "EMS"), ("极兔", "JTSD"), ("jtexpress", "JTSD"), ("德邦", "DBL"),
    ("debangwuliu", "DBL"), ("邮政包裹", "YZPY"), ("youzhengguonei", "YZPY"),
])
def test_a_carrier_by_code_or_name(text, code):
    assert carriers.find(text).code == code


@pytest.mark.parametrize("text", ["", "UPS", "顺", "fedex", "S F"])
def test_carriers_we_do_not_list(text):
    assert carriers.find(text) is None


def test_normalise():
    assert carriers.normalise(" sf 1234-5678\u30009012 3 ") == "SF1234567890123"


def test_the_carrier_list(client):
    resp = client.get("/api/v1/carriers")
    assert resp.status_code == 200
    assert [(c["code"], c["kuaidi100"]) for c in resp.json] == [
        ("SF", "shunfeng"), ("ZTO", "zhongtong"), ("YTO", "yuantong"), ("STO", "shentong"),
        ("YD", "yunda"), ("JD", "jd"), ("EMS", "ems"), ("JTSD", "jtexpress"),
        ("DBL", "debangwuliu"), ("YZPY", "youzhengguonei")]
    assert resp.json[0] == {"code": "SF", "name_zh": "顺丰速运", "name_en": "SF Express",
                            "kuaidi100": "shunfeng", "example": "SF1234567890123"}


def test_unknown_carrier_and_bad_number_are_refused(shop, buy):
    b = buy(1, 0)
    resp = shop.ship(b.order_id, "SF1234567890123", carrier="UPS")
    assert (resp.status_code, resp.json["error"]) == (422, {
        "code": "carrier_unknown",
        "message": "No carrier has this code or name (see GET /api/v1/carriers).",
        "details": {"carrier": "UPS"}})
    resp = shop.ship(b.order_id, "YT1234567890123", carrier="顺丰")
    assert (resp.status_code, resp.json["error"]) == (422, {
        "code": "tracking_no_invalid",
        "message": "The tracking number does not have this carrier's format.",
        "details": {"carrier": "SF", "tracking_no": "YT1234567890123",
                    "example": "SF1234567890123"}})
    assert count(Package) == 0
    resp = shop.ship(b.order_id, "YT1234567890123", carrier="圆通")
    assert (resp.status_code, resp.json["carrier"]) == (200, "YTO")
