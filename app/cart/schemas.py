"""Cart and checkout preview schemas (also the OpenAPI)."""

from marshmallow import Schema, fields, validate

from app.cart import rules
from app.orders.schemas import OrderIn
from app.schema import Id, Strict, StrictBool, StrictInt

QUANTITY = validate.Range(1, rules.MAX_LINE_QUANTITY)


class CartAddIn(Strict):
    sku_id = Id(required=True)
    quantity = StrictInt(required=True, validate=QUANTITY, metadata={
        "description": "Added to the line of this SKU if the cart holds one; the sum is at "
                       f"most {rules.MAX_LINE_QUANTITY} (else 422 `cart_quantity_too_large`)."})


class CartLinePatch(Strict):
    quantity = StrictInt(validate=QUANTITY)
    selected = StrictBool()


class CartLinesIn(Strict):
    line_ids = fields.List(Id(), required=True, validate=validate.Length(1, rules.MAX_LINES))


class CartSelectIn(CartLinesIn):
    selected = StrictBool(required=True)


class CartLineOut(Schema):
    id = fields.Integer()
    sku_id = fields.Integer()
    product_id = fields.Integer()
    merchant_id = fields.Integer()
    title = fields.String()
    spec = fields.String()
    image_url = fields.String()
    quantity = fields.Integer()
    selected = fields.Boolean()
    added_at = fields.DateTime()
    unit_price_fen = fields.Integer(metadata={"description": "The price now."})
    price_at_add_fen = fields.Integer(metadata={"description": "The price when added."})
    price_changed = fields.Boolean()
    off_sale = fields.Boolean(metadata={"description": "The product is no longer on sale."})
    out_of_stock = fields.Boolean(metadata={"description": "None left."})
    short = fields.Boolean(metadata={"description": "Fewer left than the quantity."})
    available = fields.Integer(metadata={"description": "Units left now."})


class CartShopOut(Schema):
    merchant_id = fields.Integer()
    merchant_name = fields.String()
    lines = fields.List(fields.Nested(CartLineOut))


class CartOut(Schema):
    merchants = fields.List(fields.Nested(CartShopOut))
    line_count = fields.Integer()
    max_lines = fields.Integer()


class CheckoutPreviewIn(OrderIn):
    """What an order takes (OrderIn) but its remark and request_id."""

    class Meta(Strict.Meta):
        exclude = ("remark", "request_id")


class CheckoutLineOut(Schema):
    sku_id = fields.Integer()
    product_id = fields.Integer()
    title = fields.String()
    spec = fields.String()
    unit_price_fen = fields.Integer()
    quantity = fields.Integer()
    amount_fen = fields.Integer()


class CheckoutShopOut(Schema):
    merchant_id = fields.Integer()
    merchant_name = fields.String()
    lines = fields.List(fields.Nested(CheckoutLineOut))
    goods_fen = fields.Integer()
    postage_fen = fields.Integer()
    discount_fen = fields.Integer()
    total_fen = fields.Integer(metadata={"description": "What this shop's order charges."})
    applied = fields.Dict(metadata={
        "description": "What each checkout step did, by step: `coupon` {coupon_id, "
                       "discount_fen}, `points` {points, discount_fen}, `tier` {rank, name, "
                       "discount_fen, free_shipping}, and any other step's own record."})


class CheckoutPreviewOut(Schema):
    merchants = fields.List(fields.Nested(CheckoutShopOut))
    goods_fen = fields.Integer()
    postage_fen = fields.Integer()
    discount_fen = fields.Integer()
    total_fen = fields.Integer()
