"""Export requests and answers."""

from marshmallow import Schema, ValidationError, fields, validate

from app.exports import kinds, labels, writers
from app.orders.schemas import OrderFilterArgs
from app.schema import Id, PageArgs, PageMeta, Strict


class ExportFilters(OrderFilterArgs):
    """The order list's filters (orders), or what a pick list or a ledger needs."""

    order_id = Id()  # JSON: a whole number, never "5" or 1.5

    day = fields.Date(metadata={"description": "pick_list: the China day"})
    community_id = Id(metadata={"description": "pick_list"})
    leader_id = Id(metadata={"description": "pick_list: the leader whose point"})
    user_id = Id(metadata={"description": "ledger: the distributor"})


def _known_kind(name: str) -> None:
    if kinds.get(name) is None:
        raise ValidationError(f"Must be one of: {', '.join(kinds.names())}.")


class ExportIn(Strict):
    kind = fields.String(required=True, validate=_known_kind,
                         metadata={"description": "orders, after_sales, pick_list or ledger"})
    format = fields.String(load_default="xlsx", validate=validate.OneOf(sorted(writers.FORMATS)))
    lang = fields.String(load_default="zh", validate=validate.OneOf(labels.LANGS))
    filters = fields.Nested(ExportFilters, load_default=dict)


class ExportOut(Schema):
    id = fields.Integer()
    kind = fields.String()
    format = fields.String()
    lang = fields.String()
    filters = fields.Dict()
    status = fields.String(metadata={"description": "queued, running, done, failed, expired"})
    rows_total = fields.Integer()
    rows_done = fields.Integer()
    percent = fields.Integer()
    bytes = fields.Integer()
    error = fields.String()
    download_url = fields.String(allow_none=True)
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)


class ExportPage(Schema):
    items = fields.List(fields.Nested(ExportOut))
    meta = fields.Nested(PageMeta)


class ExportListArgs(PageArgs):
    pass
