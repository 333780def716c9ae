"""Order schemas. A client sends SKUs and quantities, never prices; a
source names a room, share or community by id, never the person behind it."""

from marshmallow import Schema, fields, validate

from app.addresses import rules as address_rules
from app.addresses.schemas import Mobile
from app.orders import rules
from app.orders.delivery import KINDS as DELIVERY_KINDS
from app.schema import Id, PageArgs, PageMeta, Strict, StrictInt, Text


class LineIn(Strict):
    sku_id = Id(required=True)
    quantity = StrictInt(required=True, validate=validate.Range(1, rules.MAX_QUANTITY))


class SourceIn(Strict):
    """Where the order came from: any of a room, a share and a community pickup
    point (the kinds a feature resolves; see app/orders/sources.py)."""

    room = Id()
    share = Id()
    pickup = Id()  # a community pickup point


class ContactIn(Strict):
    """Who collects a pickup order (the leader sees the name and a masked phone)."""

    name = Text(address_rules.RECIPIENT_MAX, 1, required=True)
    phone = Mobile(required=True)


LINES_RULE = (f"Lines of one SKU are added up; their sum is at most {rules.MAX_QUANTITY} "
              "(else 422 `invalid_lines`).")


class OrderIn(Strict):
    lines = fields.List(fields.Nested(LineIn), required=True,
                        validate=validate.Length(1, rules.MAX_LINES),
                        metadata={"description": LINES_RULE})
    source = fields.Nested(SourceIn, load_default=dict)
    remark = Text(200, load_default="")
    # what the buyer asks checkout to apply (app/orders/pricing.py); the
    # server decides what each is worth
    coupon_id = Id()
    points = StrictInt(validate=validate.Range(1, 10_000_000))
    # where the goods go (app/orders/delivery.py)
    delivery = fields.String(validate=validate.OneOf(DELIVERY_KINDS), metadata={
        "description": "`express` (to `address_id`) or `pickup` (at `source.pickup`, for that "
                       "community's members). Unset: `pickup` when the source names a pickup "
                       "point, else `express`."})
    address_id = Id(metadata={"description": "One of the buyer's addresses, copied into the "
                                             "order. An express order placed without one "
                                             "must be given one (POST .../address) before "
                                             "it can ship."})
    contact = fields.Nested(ContactIn, metadata={"description": "Pickup only: who collects."})


class OrderAddressIn(Strict):
    address_id = Id(required=True)


class OrderListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(sorted(rules.STATES)))


class ShipIn(Strict):
    carrier = Text(40, 1, required=True)
    tracking_no = Text(64, 1, required=True)


class LineOut(Schema):
    id = fields.Integer()
    sku_id = fields.Integer()
    product_id = fields.Integer()
    title = fields.String()
    spec = fields.String()
    unit_price_fen = fields.Integer()
    quantity = fields.Integer()
    amount_fen = fields.Integer()


class ShipToOut(Schema):
    recipient = fields.String()
    phone = fields.String()
    province = fields.String()
    city = fields.String()
    district = fields.String()
    region_code = fields.String()
    detail = fields.String()


class OrderOut(Schema):
    id = fields.Integer()
    buyer_id = fields.Integer()
    merchant_id = fields.Integer()
    kind = fields.String()
    status = fields.String()
    goods_fen = fields.Integer()
    postage_fen = fields.Integer()
    discount_fen = fields.Integer()
    total_fen = fields.Integer()
    refunded_fen = fields.Integer()
    refund_status = fields.String()
    remark = fields.String()
    pay_deadline = fields.DateTime()
    created_at = fields.DateTime()
    paid_at = fields.DateTime(allow_none=True)
    shipped_at = fields.DateTime(allow_none=True)
    received_at = fields.DateTime(allow_none=True)
    completed_at = fields.DateTime(allow_none=True)
    cancelled_at = fields.DateTime(allow_none=True)
    cancel_reason = fields.String()
    carrier = fields.String()
    tracking_no = fields.String()
    room_id = fields.Integer(allow_none=True)
    host_id = fields.Integer(allow_none=True)
    share_id = fields.Integer(allow_none=True)
    sharer_id = fields.Integer(allow_none=True)
    community_id = fields.Integer(allow_none=True)
    leader_id = fields.Integer(allow_none=True)
    coupon_id = fields.Integer(allow_none=True)
    delivery_kind = fields.String(metadata={"enum": list(DELIVERY_KINDS)})
    ship_to = fields.Nested(ShipToOut, allow_none=True, metadata={
        "description": "The address copied when the order took it (later edits of the "
                       "address never change it); a pickup order's contact; null if none."})
    lines = fields.List(fields.Nested(LineOut))


class BuyerOut(Schema):
    id = fields.Integer()
    nickname = fields.String()


class StaffOrderOut(OrderOut):
    """An order as its merchant's staff see it: with the buyer's nickname."""

    buyer = fields.Nested(BuyerOut)


class OrderPage(Schema):
    items = fields.List(fields.Nested(OrderOut))
    meta = fields.Nested(PageMeta)


class StaffOrderPage(Schema):
    items = fields.List(fields.Nested(StaffOrderOut))
    meta = fields.Nested(PageMeta)
