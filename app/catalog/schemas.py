"""Catalogue schemas. Staff set prices and stock on their own SKUs only
through these fields; merchant and owner come from the URL and the token."""

from marshmallow import Schema, fields, validate

from app.schema import Fen, PageMeta, Strict, StrictInt, Text

STATUSES = ("on_sale", "off_sale")


class SkuIn(Strict):
    spec = Text(120, load_default="")
    price_fen = Fen(1, required=True)
    stock = StrictInt(load_default=0, validate=validate.Range(0, 10_000_000))


class SkuPatch(Strict):
    spec = Text(120)
    price_fen = Fen(1)


class StockDelta(Strict):
    delta = StrictInt(required=True, validate=validate.Range(-10_000_000, 10_000_000))


class ProductIn(Strict):
    title = Text(120, 1, required=True)
    description = Text(5000, load_default="")
    image_url = Text(500, load_default="")
    category = Text(40, load_default="")
    status = fields.String(load_default="on_sale", validate=validate.OneOf(STATUSES))
    skus = fields.List(fields.Nested(SkuIn), load_default=list,
                       validate=validate.Length(0, 100))


class ProductPatch(Strict):
    title = Text(120, 1)
    description = Text(5000)
    image_url = Text(500)
    category = Text(40)
    status = fields.String(validate=validate.OneOf(STATUSES))


class SkuOut(Schema):
    id = fields.Integer()
    spec = fields.String()
    price_fen = fields.Integer()
    stock = fields.Integer()


class ProductOut(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    title = fields.String()
    description = fields.String()
    image_url = fields.String()
    category = fields.String()
    status = fields.String()
    skus = fields.List(fields.Nested(SkuOut))


class ProductPage(Schema):
    items = fields.List(fields.Nested(ProductOut))
    meta = fields.Nested(PageMeta)
