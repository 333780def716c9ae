"""After-sale schemas: the buyer's request and actions, the merchant's
actions, queue filters and settings, and the request as both sides see it."""

from datetime import date

from marshmallow import Schema, fields, validate

from app.aftersales import rules
from app.catalog.schemas import PictureOut
from app.orders import rules as order_rules
from app.schema import Fen, Id, PageArgs, PageMeta, Strict, StrictBool, StrictInt, Text
from app.uploads.service import public

CODE = r"^[a-z0-9_]{1,32}$"


class AfterSaleLineIn(Strict):
    line_id = Id(required=True)
    quantity = StrictInt(required=True, validate=validate.Range(1, order_rules.MAX_QUANTITY))


class AfterSaleIn(Strict):
    kind = fields.String(required=True, validate=validate.OneOf(rules.KINDS), metadata={
        "description": "refund_only: units not received (unshipped, or lost on the way); "
                       "return_refund / exchange: shipped units, within 7 days of receipt. "
                       "Else 409 `after_sale_not_allowed`."})
    lines = fields.List(fields.Nested(AfterSaleLineIn), required=True,
                        validate=validate.Length(1, order_rules.MAX_LINES), metadata={
                            "description": "Order lines and units; one open request per "
                                           "line (409 `after_sale_line_open`)."})
    reason_code = fields.String(required=True, validate=validate.Regexp(CODE), metadata={
        "description": "A code of the merchant's reason list (GET .../after-sale-form)."})
    description = Text(500, load_default="")
    photos = fields.List(Text(32, 1), load_default=list,
                         validate=validate.Length(0, rules.MAX_PHOTOS), metadata={
                             "description": "Keys of my uploads for `after_sale` (POST "
                                            "/mp/v1/uploads), at most 9; another's or an "
                                            "unknown key is 404 `upload_not_found`."})
    amount_fen = Fen(1, metadata={"description": "At most what the units paid (their "
                                                 "cap); left out: the cap."})


class AfterSaleReturnShipIn(Strict):
    carrier = Text(40, 1, required=True, metadata={
        "description": "A carrier of GET /api/v1/carriers; else 422 `carrier_unknown`."})
    tracking_no = Text(64, 1, required=True, metadata={
        "description": "In the carrier's format; else 422 `tracking_no_invalid`."})


class AfterSaleApproveIn(Strict):
    amount_fen = Fen(1, required=True, allow_none=True, metadata={
        "description": "An agreed amount, at most the cap; null: the amount asked (or the "
                       "proposal the buyer accepted)."})


class AfterSaleRejectIn(Strict):
    reason = Text(200, 1, required=True)


class AfterSaleProposeIn(Strict):
    amount_fen = Fen(1, required=True)


class AfterSaleConfirmIn(Strict):
    restock = StrictBool(required=True, metadata={
        "description": "A return: put the returned units back in stock when it is "
                       "refunded. An exchange sends the same units again; its stock is "
                       "left as it is."})


class AfterSaleQueueArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(rules.STATES))
    kind = fields.String(validate=validate.OneOf(rules.KINDS))
    order_id = fields.Integer(validate=validate.Range(1, 2**63 - 1))
    created_from = fields.Date(validate=validate.Range(date(2000, 1, 1), date(2100, 1, 1)),
                               metadata={"description": "From this China day (YYYY-MM-DD)."})
    created_to = fields.Date(validate=validate.Range(date(2000, 1, 1), date(2100, 1, 1)),
                             metadata={"description": "To this China day, inclusive."})


class AfterSaleMineArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(rules.STATES))


class AfterSaleReasonIn(Strict):
    code = fields.String(required=True, validate=validate.Regexp(CODE))
    label = Text(60, 1, required=True)


class AfterSaleSettingsIn(Strict):
    return_recipient = Text(25)
    return_phone = Text(20)
    return_address = Text(200)
    reasons = fields.List(fields.Nested(AfterSaleReasonIn),
                          validate=validate.Length(1, rules.MAX_REASONS))
    review_hours = StrictInt(validate=validate.Range(1, rules.MAX_REVIEW_HOURS))
    ship_days = StrictInt(validate=validate.Range(1, rules.MAX_DAYS))
    confirm_days = StrictInt(validate=validate.Range(1, rules.MAX_DAYS))


class AfterSaleReasonOut(Schema):
    code = fields.String()
    label = fields.String()


class AfterSaleFormOut(Schema):
    """What the buyer's form needs: the reasons and where returns go."""

    reasons = fields.List(fields.Nested(AfterSaleReasonOut), attribute="reason_list")
    return_recipient = fields.String()
    return_phone = fields.String()
    return_address = fields.String()


class AfterSaleUnitsOut(Schema):
    refund_only = fields.Integer()
    return_refund = fields.Integer()
    exchange = fields.Integer()


class AfterSaleFormLineOut(Schema):
    line_id = fields.Integer()
    title = fields.String()
    spec = fields.String()
    quantity = fields.Integer()
    open = fields.Boolean(metadata={"description": "A request is open on it: another is "
                                                   "refused (409 `after_sale_line_open`)."})
    units = fields.Nested(AfterSaleUnitsOut, metadata={
        "description": "Units each kind may name now; 0 where the order refuses the kind."})
    caps_fen = fields.List(fields.Integer(), metadata={
        "description": "What 1, 2, ... units give back at most (item n-1: n units), up to "
                       "the most units any kind allows."})


class BuyerAfterSaleFormOut(AfterSaleFormOut):
    """The form with what each of the order's lines allows now."""

    lines = fields.List(fields.Nested(AfterSaleFormLineOut))


class AfterSaleSettingsOut(AfterSaleFormOut):
    review_hours = fields.Integer()
    ship_days = fields.Integer()
    confirm_days = fields.Integer()


class AfterSaleLineOut(Schema):
    line_id = fields.Integer(attribute="order_line_id")
    quantity = fields.Integer()
    cap_fen = fields.Integer()


class AfterSaleEventOut(Schema):
    at = fields.DateTime()
    actor = fields.String()
    action = fields.String()
    status = fields.String()
    note = fields.String()
    amount_fen = fields.Integer(allow_none=True)


class _Photo(fields.Nested):
    """An upload key shown as the image (app/uploads: public)."""

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(public(value), attr, obj, **kwargs)


class AfterSaleOut(Schema):
    id = fields.Integer()
    order_id = fields.Integer()
    kind = fields.String()
    status = fields.String()
    reason_code = fields.String()
    description = fields.String()
    photos = fields.List(_Photo(PictureOut), attribute="photo_keys")
    lines = fields.List(fields.Nested(AfterSaleLineOut))
    cap_fen = fields.Integer(metadata={"description": "What the units paid (goods)."})
    asked_fen = fields.Integer()
    proposed_fen = fields.Integer(allow_none=True)
    agreed_fen = fields.Integer(allow_none=True)
    amount_fen = fields.Integer(metadata={"description": "What a refund gives back for the "
                                                        "goods (postage by the refund rule)."})
    reject_reason = fields.String()
    return_carrier = fields.String()
    return_tracking_no = fields.String()
    restock = fields.Boolean()
    refund_id = fields.Integer(allow_none=True)
    exchange_package_id = fields.Integer(allow_none=True)
    deadline_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class AfterSaleDetail(AfterSaleOut):
    timeline = fields.List(fields.Nested(AfterSaleEventOut), attribute="events")


class AfterSalePage(Schema):
    items = fields.List(fields.Nested(AfterSaleOut))
    meta = fields.Nested(PageMeta)


def _actions(sale) -> list[str]:
    return rules.merchant_actions(sale.kind, sale.status)


ACTIONS_DOC = {"type": "array", "items": {"type": "string", "enum": list(rules.MERCHANT_ACTIONS)},
               "description": "What the merchant may do now (each a POST on the request): "
                              "approve, reject, propose (requested), confirm_receipt "
                              "(returning), ship_exchange (an exchange returned)."}


class StaffAfterSaleOut(AfterSaleOut):
    """A request as its merchant's staff see it: with the moves open to them."""

    actions = fields.Function(_actions, metadata=ACTIONS_DOC)


class StaffAfterSaleDetail(AfterSaleDetail):
    actions = fields.Function(_actions, metadata=ACTIONS_DOC)


class StaffAfterSalePage(Schema):
    items = fields.List(fields.Nested(StaffAfterSaleOut))
    meta = fields.Nested(PageMeta)
