"""app/plain_dump.py: a schema's dump of plain values is schema.dump's, key
for key and in order; a schema it cannot mirror is refused when built."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from marshmallow import Schema, fields, post_dump

from app.plain_dump import dumper
from groupbuy.schemas import SeatOut

AT = datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)
LINE = {"id": 9, "order_id": 1, "sku_id": 4, "product_id": 5, "title": "茶", "spec": "",
        "unit_price_fen": 800, "quantity": 1, "amount_fen": 800}
SHIP_TO = {"recipient": "阿梅", "phone": "13800000000", "province": "北京市", "city": "市辖区",
           "district": "东城区", "region_code": "110101", "detail": "1号"}
ORDER = {"id": 1, "buyer_id": 2, "merchant_id": 3, "kind": "groupbuy",
         "status": "pending_payment", "goods_fen": 800, "postage_fen": 0, "discount_fen": 0,
         "total_fen": 800, "refunded_fen": 0, "refund_status": "", "remark": "",
         "pay_deadline": AT, "created_at": AT, "paid_at": None, "shipped_at": None,
         "received_at": None, "completed_at": None, "cancelled_at": None, "cancel_reason": "",
         "carrier": "", "tracking_no": "", "room_id": 7, "host_id": 8, "share_id": None,
         "sharer_id": None, "community_id": None, "leader_id": None, "coupon_id": None,
         "delivery_kind": "express", "ship_to": None, "request_id": None,
         "request_digest": None, "lines": [LINE]}
GROUP = {"id": 1, "activity_id": 2, "sku_id": 4, "size": 5, "status": "open",
         "virtual": False, "paid_count": 1, "leader_id": 4, "seats_left": 2,
         "expires_at": AT, "seconds_left": 100, "path": "/pages/group/index?id=1",
         "title": "五人团", "group_price_fen": 800, "product_id": 5, "product_title": "茶",
         "image_url": "", "members": [{"user_id": 4, "nickname": "n", "avatar_url": "",
                                       "is_leader": True}]}


@pytest.mark.parametrize("ship_to", [None, SHIP_TO])
def test_a_seat_dumps_as_seat_out_does(ship_to):
    seat = {"group": GROUP, "order": {**ORDER, "ship_to": ship_to}}
    expected = SeatOut().dump(seat)
    got = dumper(SeatOut())(seat)
    assert got == expected
    assert list(got) == list(expected) and list(got["order"]) == list(expected["order"])
    assert got["order"]["created_at"] == "2026-03-01T08:30:15.123456+00:00"
    assert "request_digest" not in got["order"]  # not a field: left out, as dump does


class Keyed(Schema):
    kept = fields.Integer(data_key="shown")
    absent = fields.String()
    given = fields.String(dump_default="d")


def test_data_keys_and_missing_values_as_dump():
    assert dumper(Keyed())({"kept": 5}) == Keyed().dump({"kept": 5}) == {"shown": 5,
                                                                         "given": "d"}


class Hooked(Schema):
    n = fields.Integer()

    @post_dump
    def _wrap(self, data, **_):
        return {"data": data}


class Computed(Schema):
    n = fields.Method("_n")

    def _n(self, _obj):
        return 1


class Dotted(Schema):
    n = fields.Integer(attribute="a.b")


@pytest.mark.parametrize("schema", [Hooked(), Computed(), Dotted(), SeatOut(many=True)])
def test_a_schema_it_cannot_mirror_is_refused(schema):
    with pytest.raises(ValueError):
        dumper(schema)
