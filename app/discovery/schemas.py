"""Discovery schemas: search and category queries, favourites, history."""

from marshmallow import Schema, fields

from app.catalog.schemas import ProductOut
from app.schema import Id, PageArgs, PageMeta, Strict, Text


class SearchArgs(PageArgs):
    q = Text(100, 1, required=True, metadata={
        "description": "Words of a product's title: Chinese (any two adjacent characters "
                       "of it, or one alone), Latin words and numbers (or their start)."})


class CategoryArgs(PageArgs):
    name = Text(40, 1, required=True, metadata={"description": "A category's name."})


class CategoryOut(Schema):
    name = fields.String()
    products = fields.Integer(metadata={"description": "Products on sale in it."})


class FavouriteOut(Schema):
    product = fields.Nested(ProductOut, metadata={
        "description": "`status` tells a product gone off sale since."})
    favourited_at = fields.DateTime()


class FavouritePage(Schema):
    items = fields.List(fields.Nested(FavouriteOut))
    meta = fields.Nested(PageMeta)


class ViewOut(Schema):
    product = fields.Nested(ProductOut)
    viewed_at = fields.DateTime()


class HistoryPage(Schema):
    items = fields.List(fields.Nested(ViewOut))
    meta = fields.Nested(PageMeta)


class FavouriteIn(Strict):
    product_id = Id(required=True)


class FavouriteState(Schema):
    product_id = fields.Integer()
    favourite = fields.Boolean()
