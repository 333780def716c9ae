"""Coupon request and response schemas (also the OpenAPI)."""


from marshmallow import Schema, fields, validate

from app.coupons import rules
from app.orders.rules import MAX_LINES
from app.orders.schemas import LINES_RULE, LineIn
from app.schema import Fen, Id, Moment, PageArgs, PageMeta, Strict, StrictBool, StrictInt, Text

MAX_TOTAL = 10_000_000


def _terms(required: bool) -> dict:
    return {
        "name": Text(60, 1, required=required),
        "kind": fields.String(required=required, validate=validate.OneOf(rules.KINDS)),
        "amount_fen": Fen(),
        "percent_bps": StrictInt(validate=validate.Range(1, rules.BPS - 1)),
        "cap_fen": Fen(),
        "min_spend_fen": Fen(),
        "scope": fields.String(validate=validate.OneOf(rules.SCOPES)),
        "product_ids": fields.List(Id(), validate=validate.Length(0, 100)),
        "categories": fields.List(Text(40, 1), validate=validate.Length(0, 50)),
        "total": StrictInt(required=required, validate=validate.Range(1, MAX_TOTAL)),
        "per_user_limit": StrictInt(validate=validate.Range(1, rules.MAX_PER_USER)),
        "valid_from": Moment(),
        "valid_until": Moment(),
        "valid_days": StrictInt(validate=validate.Range(1, 3650)),
        "public": StrictBool(),
    }


def _rules_across_fields() -> dict:
    """check_terms and check_validity, for the document: what each kind and
    scope needs, and a window or a number of days (not both). Not stated:
    amount_off's min_spend_fen above its amount, per_user_limit not above total."""
    def kind(name: str, required: list[str], **props) -> dict:
        return {"properties": {"kind": {"enum": [name]}, **props}, "required": required}

    def scope(name: str, field: str | None = None) -> dict:
        branch = {"properties": {"scope": {"enum": [name]}}}
        if field:
            branch["properties"][field] = {"minItems": 1}
            branch["required"] = ["scope", field]
        return branch

    window = {"required": ["valid_from", "valid_until"], "not": {"required": ["valid_days"]}}
    days = {"required": ["valid_days"], "not": {"anyOf": [{"required": ["valid_from"]},
                                                          {"required": ["valid_until"]}]}}
    return {"allOf": [
        {"oneOf": [kind(rules.AMOUNT_OFF, ["amount_fen", "min_spend_fen"],
                        amount_fen={"minimum": 1}, min_spend_fen={"minimum": 2}),
                   kind(rules.NO_THRESHOLD, ["amount_fen"], amount_fen={"minimum": 1},
                        min_spend_fen={"maximum": 0}),
                   kind(rules.PERCENT_OFF, ["percent_bps", "cap_fen"],
                        cap_fen={"minimum": 1})]},
        {"anyOf": [scope(rules.SCOPE_ALL), scope(rules.SCOPE_CATEGORY, "categories"),
                   scope(rules.SCOPE_PRODUCTS, "product_ids")]},
        {"oneOf": [window, days]},
    ]}


CouponIn = Strict.from_dict(_terms(True), name="CouponIn")
CouponIn.openapi_extra = _rules_across_fields()
CouponPatch = Strict.from_dict(_terms(False), name="CouponPatch")


class CouponListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(rules.STATUSES))


class CouponOut(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    amount_fen = fields.Integer()
    percent_bps = fields.Integer()
    cap_fen = fields.Integer()
    min_spend_fen = fields.Integer()
    scope = fields.String()
    product_ids = fields.List(fields.Integer())
    categories = fields.List(fields.String())
    total = fields.Integer()
    per_user_limit = fields.Integer()
    valid_from = fields.DateTime(allow_none=True)
    valid_until = fields.DateTime(allow_none=True)
    valid_days = fields.Integer(allow_none=True)
    left = fields.Function(lambda c: c.total - c.claimed)


class StaffCouponOut(CouponOut):
    public = fields.Boolean()
    status = fields.String()
    claimed = fields.Integer()
    used = fields.Integer()
    created_at = fields.DateTime()


class StaffCouponPage(Schema):
    items = fields.List(fields.Nested(StaffCouponOut))
    meta = fields.Nested(PageMeta)


class CouponStatsOut(Schema):
    coupon_id = fields.Integer()
    total = fields.Integer()
    claimed = fields.Integer()
    left = fields.Integer()
    unused = fields.Integer()
    used = fields.Integer()
    expired = fields.Integer()
    discount_fen = fields.Integer()


class HeldOut(Schema):
    id = fields.Integer(metadata={"description": "Give this as coupon_id when ordering."})
    coupon_id = fields.Integer()
    merchant_id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    amount_fen = fields.Integer()
    percent_bps = fields.Integer()
    cap_fen = fields.Integer()
    min_spend_fen = fields.Integer()
    scope = fields.String()
    product_ids = fields.List(fields.Integer())
    categories = fields.List(fields.String())
    status = fields.String()
    valid_from = fields.DateTime()
    valid_until = fields.DateTime()
    source = fields.String()
    order_id = fields.Integer(allow_none=True)
    discount_fen = fields.Integer()
    claimed_at = fields.DateTime()
    used_at = fields.DateTime(allow_none=True)


class HeldPage(Schema):
    items = fields.List(fields.Nested(HeldOut))
    meta = fields.Nested(PageMeta)


class MyCouponArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(rules.HELD_STATUSES))


class PreviewIn(Strict):
    lines = fields.List(fields.Nested(LineIn), required=True,
                        validate=validate.Length(1, MAX_LINES),
                        metadata={"description": LINES_RULE})


class PreviewItem(Schema):
    coupon = fields.Nested(HeldOut)
    usable = fields.Boolean()
    reason = fields.String(metadata={"description": "Why not usable: expired, not_started, "
                                     "below_min_spend, out_of_scope, ..."})
    discount_fen = fields.Integer()


class PreviewOut(Schema):
    items = fields.List(fields.Nested(PreviewItem))
