"""Catalogue schemas. Staff set prices and stock on their own SKUs only
through these fields; merchant and owner come from the URL and the token.
A SKU's weight is in grams (weight freight templates charge by it); a
product names its own merchant's freight template, or null to ship free."""

from marshmallow import Schema, fields, validate

from app.schema import Fen, Id, PageArgs, PageMeta, Strict, StrictInt, Text

STATUSES = ("on_sale", "off_sale")
MAX_WEIGHT_G = 1_000_000  # a tonne
TEMPLATE_DOC = {"description": "The merchant's freight template that charges its postage; "
                               "null: it ships free."}


def Weight(**kw):  # noqa: N802 - a field factory reads like a type
    return StrictInt(validate=validate.Range(0, MAX_WEIGHT_G),
                     metadata={"description": "Grams per unit."}, **kw)


class SkuIn(Strict):
    spec = Text(120, load_default="")
    price_fen = Fen(1, required=True)
    stock = StrictInt(load_default=0, validate=validate.Range(0, 10_000_000))
    weight_g = Weight(load_default=0)


class SkuPatch(Strict):
    spec = Text(120)
    price_fen = Fen(1)
    weight_g = Weight()


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
    freight_template_id = Id(load_default=None, allow_none=True, metadata=TEMPLATE_DOC)


class ProductPatch(Strict):
    title = Text(120, 1)
    description = Text(5000)
    image_url = Text(500)
    category = Text(40)
    status = fields.String(validate=validate.OneOf(STATUSES))
    freight_template_id = Id(allow_none=True, metadata=TEMPLATE_DOC)


class SkuOut(Schema):
    id = fields.Integer()
    spec = fields.String()
    price_fen = fields.Integer()
    stock = fields.Integer()
    weight_g = fields.Integer()


class PictureOut(Schema):
    """An image as clients see it (app/uploads/service.py: public)."""

    id = fields.String(metadata={"description": "The upload's key."})
    url = fields.String()
    thumb_url = fields.String(metadata={"description": "At most 320 px on its longest side."})
    width = fields.Integer(allow_none=True)
    height = fields.Integer(allow_none=True)


class ProductOut(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    title = fields.String()
    description = fields.String()
    image_url = fields.String(metadata={"description": "The cover's URL once pictures are set."})
    images = fields.List(fields.Nested(PictureOut), attribute="pictures", metadata={
        "description": "The product's pictures in order (at most 9)."})
    cover = fields.Nested(PictureOut, allow_none=True, metadata={
        "description": "The first picture; null without any."})
    category = fields.String()
    status = fields.String()
    freight_template_id = fields.Integer(allow_none=True)
    skus = fields.List(fields.Nested(SkuOut))


class ProductPage(Schema):
    items = fields.List(fields.Nested(ProductOut))
    meta = fields.Nested(PageMeta)


class StaffProductArgs(PageArgs):
    q = Text(60, load_default="", metadata={"description": "Part of the title (any case)."})
    status = fields.String(validate=validate.OneOf(STATUSES))


def _prices(product) -> list[int]:
    return [sku.price_fen for sku in product.skus]


class StaffProductOut(ProductOut):
    """What the console lists: the product with its SKUs' price range and
    their stock summed (null prices without SKUs)."""

    price_min_fen = fields.Function(lambda p: min(_prices(p), default=None), allow_none=True,
                                    metadata={"type": "integer"})
    price_max_fen = fields.Function(lambda p: max(_prices(p), default=None), allow_none=True,
                                    metadata={"type": "integer"})
    stock_total = fields.Function(lambda p: sum(sku.stock for sku in p.skus),
                                  metadata={"type": "integer"})


class StaffProductPage(Schema):
    items = fields.List(fields.Nested(StaffProductOut))
    meta = fields.Nested(PageMeta)
