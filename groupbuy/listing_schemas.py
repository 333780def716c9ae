"""Schemas of the buyers' activity lists (groupbuy/listings.py)."""

from marshmallow import Schema, fields, validate

from app.schema import MAX_ID, PageArgs, PageMeta
from groupbuy.listings import PHASES
from groupbuy.schemas import GroupSkuOut


class ListingArgs(PageArgs):
    phase = fields.String(validate=validate.OneOf(PHASES), metadata={
        "description": "Only running (started) or only upcoming ones; both without it."})
    product_id = fields.Integer(validate=validate.Range(1, MAX_ID), metadata={
        "description": "Only those of this product (a product page's promotions)."})


class _Listed(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    title = fields.String()
    phase = fields.String(metadata={"enum": list(PHASES)})
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    product_id = fields.Integer()
    product_title = fields.String()
    image_url = fields.String()


class ListedGroupActivity(_Listed):
    group_size = fields.Integer()
    skus = fields.List(fields.Nested(GroupSkuOut))
    group_price_fen = fields.Integer(metadata={"description": "The lowest of its SKUs'."})
    price_fen = fields.Integer(metadata={"description": "The lowest normal price of its SKUs."})


class ListedBargainActivity(_Listed):
    sku_id = fields.Integer()
    start_price_fen = fields.Integer()
    floor_price_fen = fields.Integer()
    helpers_needed = fields.Integer()


class GroupActivityListing(Schema):
    items = fields.List(fields.Nested(ListedGroupActivity))
    meta = fields.Nested(PageMeta)


class BargainActivityListing(Schema):
    items = fields.List(fields.Nested(ListedBargainActivity))
    meta = fields.Nested(PageMeta)
