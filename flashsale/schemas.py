"""Flash-sale request and response schemas (also the OpenAPI)."""

from marshmallow import Schema, fields, validate

from app.orders.schemas import SourceIn
from app.schema import MAX_ID, Fen, Id, Moment, PageArgs, PageMeta, Strict, StrictInt, Text
from flashsale import rules

SLOT = r"^\d{2}:\d{2}-\d{2}:\d{2}$"


def _terms(required: bool) -> dict:
    return {
        "title": Text(120),
        "price_fen": Fen(1, required=required),
        "quota": StrictInt(required=required, validate=validate.Range(1, rules.MAX_QUOTA)),
        "per_user_limit": StrictInt(required=required,
                                    validate=validate.Range(1, rules.MAX_LIMIT)),
        "per_order_limit": StrictInt(required=required,
                                     validate=validate.Range(1, rules.MAX_LIMIT)),
        "starts_at": Moment(required=required),
        "ends_at": Moment(required=required, metadata={
            "description": "After starts_at (else 422 `invalid_flashsale`)."}),
        "slots": fields.List(fields.String(validate=validate.Regexp(SLOT)),
                             validate=validate.Length(0, rules.MAX_SLOTS)),
    }


ActivityIn = Strict.from_dict({"sku_id": Id(required=True), **_terms(True)},
                              name="FlashActivityIn")
ActivityPatch = Strict.from_dict(_terms(False), name="FlashActivityPatch")


class ActivityOut(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    sku_id = fields.Integer()
    product_id = fields.Integer()
    title = fields.String()
    price_fen = fields.Integer()
    quota = fields.Integer()
    per_user_limit = fields.Integer()
    per_order_limit = fields.Integer()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    slots = fields.List(fields.String())
    status = fields.String()
    phase = fields.String()
    remaining = fields.Integer(allow_none=True)
    next_open_at = fields.DateTime(allow_none=True)


class StaffActivityOut(ActivityOut):
    sold = fields.Integer()
    returned_to_sku = fields.Integer()
    published_at = fields.DateTime(allow_none=True)
    stopped_at = fields.DateTime(allow_none=True)
    settled_at = fields.DateTime(allow_none=True)


class ActivityPage(Schema):
    items = fields.List(fields.Nested(ActivityOut))
    meta = fields.Nested(PageMeta)


class StaffActivityPage(Schema):
    items = fields.List(fields.Nested(StaffActivityOut))
    meta = fields.Nested(PageMeta)


class ListArgs(PageArgs):
    product_id = fields.Integer(validate=validate.Range(1, MAX_ID), metadata={
        "description": "Only those of this product (a product page's promotions)."})


class TokenOut(Schema):
    token = fields.String()
    expires_at = fields.DateTime()


class GrabIn(Strict):
    token = Text(64, 1, required=True)
    quantity = StrictInt(load_default=1, validate=validate.Range(1, rules.MAX_LIMIT))
    source = fields.Nested(SourceIn, load_default=dict)


class GrabOut(Schema):
    order_id = fields.Integer()
    activity_id = fields.Integer()
    quantity = fields.Integer()
    price_fen = fields.Integer()
    total_fen = fields.Integer()
    pay_deadline = fields.DateTime()


class FlashOrderOut(Schema):
    order_id = fields.Integer()
    quantity = fields.Integer()
    state = fields.String()
    created_at = fields.DateTime()


class ResultOut(Schema):
    activity_id = fields.Integer()
    phase = fields.String()
    remaining = fields.Integer(allow_none=True)
    orders = fields.List(fields.Nested(FlashOrderOut))
