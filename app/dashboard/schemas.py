"""The dashboard's query and answer (definitions in app/dashboard/rules.py)."""

from marshmallow import Schema, fields, validate

from app.dashboard.rules import MAX_DAYS, SOURCES
from app.schema import Strict


class DashboardArgs(Strict):
    days = fields.Integer(load_default=30, validate=validate.Range(1, MAX_DAYS), metadata={
        "description": "The period: today and the days before it, in China days."})


class Figures(Schema):
    gmv_fen = fields.Integer(metadata={
        "description": "Paid orders' totals less their refunds, in fen."})
    orders = fields.Integer(metadata={"description": "Orders paid in the span."})
    paying_buyers = fields.Integer()
    ordering_buyers = fields.Integer(metadata={
        "description": "Distinct buyers who placed an order in the span."})
    conversion_bps = fields.Integer(metadata={
        "description": "Of the ordering buyers, those who paid for one of those orders, "
                       "in basis points rounded down."})


class DayOut(Schema):
    day = fields.String(metadata={"description": "China calendar day, YYYY-MM-DD."})
    gmv_fen = fields.Integer()
    orders = fields.Integer()


class SourceOut(Schema):
    source = fields.String(validate=validate.OneOf(SOURCES))
    gmv_fen = fields.Integer()
    orders = fields.Integer()


class TopProductOut(Schema):
    product_id = fields.Integer()
    title = fields.String()
    quantity = fields.Integer()
    gmv_fen = fields.Integer(metadata={"description": "Line amounts, before order discounts."})


class DashboardOut(Schema):
    days = fields.Integer()
    start = fields.AwareDateTime(metadata={"description": "China midnight of the first day."})
    today = fields.Nested(Figures)
    period = fields.Nested(Figures)
    daily = fields.List(fields.Nested(DayOut))
    by_source = fields.List(fields.Nested(SourceOut), metadata={
        "description": "live, share, community, direct: the first that applies."})
    top_products = fields.List(fields.Nested(TopProductOut))
