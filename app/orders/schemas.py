"""Order schemas. A client sends SKUs and quantities, never prices; a
source names a room, share or community by id, never the person behind it."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.addresses import rules as address_rules
from app.addresses.schemas import Mobile
from app.orders import rules
from app.orders.delivery import KINDS as DELIVERY_KINDS
from app.schema import MAX_ID, Id, PageArgs, PageMeta, Strict, StrictBool, StrictInt, Text


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


PICKS = ("lines", "cart", "cart_line_ids")


class OrderIn(Strict):
    """One shop's order: exactly one of `lines`, `cart` (the selected cart
    lines; `merchant_id` names the shop when they span several) and
    `cart_line_ids`. Lines taken from the cart leave it with the order.
    `request_id` makes it idempotent: the same id again answers 200 with the
    order it made; asking anything else with it is 409 `request_id_reused`."""

    openapi_extra = {"allOf": [
        {"oneOf": [{"required": [name]} for name in PICKS]},
        {"not": {"required": ["merchant_id"], "not": {"required": ["cart"]}}},
    ]}
    lines = fields.List(fields.Nested(LineIn), validate=validate.Length(1, rules.MAX_LINES),
                        metadata={"description": LINES_RULE})
    cart = StrictBool(validate=validate.Equal(True), metadata={
        "enum": [True], "description": "Order the selected lines of my cart."})
    cart_line_ids = fields.List(Id(), validate=validate.Length(1, rules.MAX_LINES), metadata={
        "description": "Order these lines of my cart (else 404 `cart_line_not_found`)."})
    merchant_id = Id(metadata={"description": "With `cart`: that shop's selected lines."})
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

    request_id = fields.String(validate=validate.Regexp(rules.REQUEST_ID_PATTERN), metadata={
        "description": "The client's idempotency key: 8-64 characters from A-Z a-z 0-9 _ -, "
                       "one order per key."})

    @validates_schema
    def _one_pick(self, data, **_):
        given = [name for name in PICKS if name in data]
        if len(given) != 1:
            raise ValidationError("Give exactly one of lines, cart and cart_line_ids.",
                                  field_name=given[1] if given else "lines")
        if "merchant_id" in data and "cart" not in data:
            raise ValidationError("merchant_id picks a shop's selected lines: only with cart.",
                                  field_name="merchant_id")


class OrderAddressIn(Strict):
    address_id = Id(required=True)


class OrderListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(sorted(rules.STATES)))


class OrderFilterArgs(Strict):
    """A merchant's order filters (app/orders/filters.py): days are China days."""

    status = fields.String(validate=validate.OneOf(sorted(rules.STATES)))
    created_from = fields.Date(metadata={"description": "first China day, inclusive"})
    created_to = fields.Date(metadata={"description": "last China day, inclusive"})
    order_id = fields.Integer(validate=validate.Range(1, MAX_ID))
    q = fields.String(validate=validate.Length(1, 40),
                      metadata={"description": "recipient name or phone, or buyer nickname"})
    delivery_kind = fields.String(validate=validate.OneOf(sorted(DELIVERY_KINDS)))


class StaffOrderListArgs(OrderListArgs, OrderFilterArgs):
    pass


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
    request_id = fields.String(allow_none=True)
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
