"""Schemas of the buyers' list of live rooms (live/listings.py)."""

from marshmallow import Schema, fields, validate

from app.schema import PageArgs, PageMeta
from live.listings import FILTERS
from live.schemas import RoomOut


class RoomListArgs(PageArgs):
    state = fields.String(validate=validate.OneOf(tuple(FILTERS)), metadata={
        "description": "`live` (live now, and paused) or `scheduled`; both without it."})


class LiveNowPage(Schema):
    items = fields.List(fields.Nested(RoomOut))
    meta = fields.Nested(PageMeta)
