"""Order schemas. A client sends SKUs and quantities, never prices; a
source names a room, share or community by id, never the person behind it."""

from marshmallow import Schema, fields, validate

from app.orders import rules
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


class OrderListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(sorted(rules.STATES)))


class LineOut(Schema):
    id = fields.Integer()
    sku_id = fields.Integer()
    product_id = fields.Integer()
    title = fields.String()
    spec = fields.String()
    unit_price_fen = fields.Integer()
    quantity = fields.Integer()
    amount_fen = fields.Integer()


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
    lines = fields.List(fields.Nested(LineOut))


class OrderPage(Schema):
    items = fields.List(fields.Nested(OrderOut))
    meta = fields.Nested(PageMeta)
