"""Group-buy and bargain schemas. Buyers send ids, never prices; staff send
activities whose numbers are bounded here."""

from marshmallow import Schema, fields, validate

from app.orders.schemas import OrderOut
from app.schema import Fen, Id, PageArgs, PageMeta, Strict, StrictBool, StrictInt, Text
from groupbuy import rules

DAY_S = 86_400


def When(**kw):  # noqa: N802 - a field factory reads like a type
    """ISO 8601 with its offset: a time without one is refused, not guessed."""
    return fields.AwareDateTime(**kw)


def Count(lo: int, hi: int, **kw):  # noqa: N802
    return StrictInt(validate=validate.Range(lo, hi), **kw)


class GroupSkuIn(Strict):
    sku_id = Id(required=True)
    group_price_fen = Fen(1, required=True)


class GroupActivityIn(Strict):
    title = Text(60, 1, required=True)
    skus = fields.List(fields.Nested(GroupSkuIn), required=True,
                       validate=validate.Length(1, 50))
    group_size = Count(rules.MIN_GROUP_SIZE, rules.MAX_GROUP_SIZE, required=True)
    starts_at = When(required=True)
    ends_at = When(required=True)
    validity_s = Count(60, 7 * DAY_S, load_default=int(rules.DEFAULT_VALIDITY.total_seconds()))
    per_user_limit = Count(1, 100, load_default=1)
    leader_discount_fen = Fen(0, load_default=0)
    new_users_only = StrictBool(load_default=False)
    virtual_pct = Count(0, 100, load_default=0)


class ActivityPatch(Strict):
    title = Text(60, 1)
    ends_at = When()
    status = fields.String(validate=validate.OneOf(["active", "disabled"]))


class BargainActivityIn(Strict):
    title = Text(60, 1, required=True)
    sku_id = Id(required=True)
    start_price_fen = Fen(1, required=True)
    floor_price_fen = Fen(0, required=True)
    helpers_needed = Count(1, rules.MAX_HELPERS, required=True)
    validity_s = Count(60, 7 * DAY_S, load_default=int(rules.DEFAULT_VALIDITY.total_seconds()))
    starts_at = When(required=True)
    ends_at = When(required=True)
    start_limit = Count(1, 100, load_default=1)
    help_limit = Count(1, 1000, load_default=1)
    daily_help_limit = Count(1, 1000, load_default=3)
    buy_above_floor = StrictBool(load_default=False)
    min_account_age_s = Count(0, 30 * DAY_S, load_default=rules.DEFAULT_MIN_ACCOUNT_AGE_S)
    sharer_daily_help_limit = Count(1, 100_000, load_default=rules.DEFAULT_SHARER_DAILY_HELPS)
    risk_threshold = Count(1, rules.MAX_SCORE, load_default=rules.DEFAULT_RISK_THRESHOLD)
    risk_action = fields.String(validate=validate.OneOf(rules.RISK_ACTIONS),
                                load_default=rules.REDUCE)
    risky_cut_bps = Count(0, rules.BPS, load_default=rules.DEFAULT_RISKY_CUT_BPS)


class BargainActivityPatch(ActivityPatch):
    """The risk settings may change while the activity runs."""

    min_account_age_s = Count(0, 30 * DAY_S)
    sharer_daily_help_limit = Count(1, 100_000)
    risk_threshold = Count(1, rules.MAX_SCORE)
    risk_action = fields.String(validate=validate.OneOf(rules.RISK_ACTIONS))
    risky_cut_bps = Count(0, rules.BPS)


class GroupSkuOut(Schema):
    sku_id = fields.Integer()
    group_price_fen = fields.Integer()


class GroupActivityOut(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    title = fields.String()
    skus = fields.List(fields.Nested(GroupSkuOut))
    group_size = fields.Integer()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    validity_s = fields.Integer()
    per_user_limit = fields.Integer()
    leader_discount_fen = fields.Integer()
    new_users_only = fields.Boolean()
    virtual_pct = fields.Integer()
    status = fields.String()


class BargainActivityOut(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    sku_id = fields.Integer()
    title = fields.String()
    start_price_fen = fields.Integer()
    floor_price_fen = fields.Integer()
    helpers_needed = fields.Integer()
    validity_s = fields.Integer()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    start_limit = fields.Integer()
    help_limit = fields.Integer()
    daily_help_limit = fields.Integer()
    buy_above_floor = fields.Boolean()
    min_account_age_s = fields.Integer()
    sharer_daily_help_limit = fields.Integer()
    risk_threshold = fields.Integer()
    risk_action = fields.String()
    risky_cut_bps = fields.Integer()
    status = fields.String()


class GroupActivityPage(Schema):
    items = fields.List(fields.Nested(GroupActivityOut))
    meta = fields.Nested(PageMeta)


class BargainActivityPage(Schema):
    items = fields.List(fields.Nested(BargainActivityOut))
    meta = fields.Nested(PageMeta)


class MemberOut(Schema):
    user_id = fields.Integer()
    nickname = fields.String()
    avatar_url = fields.String(metadata={"description": "\"\" without an avatar."})
    is_leader = fields.Boolean()


class GroupOut(Schema):
    id = fields.Integer()
    activity_id = fields.Integer()
    sku_id = fields.Integer()
    size = fields.Integer()
    status = fields.String()
    virtual = fields.Boolean()
    paid_count = fields.Integer()
    leader_id = fields.Integer()
    seats_left = fields.Integer()
    expires_at = fields.DateTime()
    seconds_left = fields.Integer()
    path = fields.String()
    title = fields.String()
    group_price_fen = fields.Integer()
    members = fields.List(fields.Nested(MemberOut))
    product_id = fields.Integer()
    product_title = fields.String()
    image_url = fields.String(metadata={"description": "The product's picture; \"\" without one."})


class StaffGroupOut(GroupOut):
    leader_nickname = fields.String()


class StaffGroupPage(Schema):
    items = fields.List(fields.Nested(StaffGroupOut))
    meta = fields.Nested(PageMeta)


class GroupListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf([rules.OPEN, rules.COMPLETED,
                                                    rules.FAILED]))


class OpenGroupIn(Strict):
    sku_id = Id(required=True)


class SeatOut(Schema):
    group = fields.Nested(GroupOut)
    order = fields.Nested(OrderOut)


class StatsOut(Schema):
    open = fields.Integer()
    completed = fields.Integer()
    failed = fields.Integer()
    virtual = fields.Integer()
    success_rate_bps = fields.Integer()


class HelperOut(Schema):
    user_id = fields.Integer()
    nickname = fields.String()
    avatar_url = fields.String(metadata={"description": "\"\" without an avatar."})
    cut_fen = fields.Integer()
    at = fields.DateTime()


class BargainOut(Schema):
    id = fields.Integer()
    activity_id = fields.Integer()
    starter_id = fields.Integer()
    sku_id = fields.Integer()
    start_price_fen = fields.Integer()
    floor_price_fen = fields.Integer()
    price_fen = fields.Integer()
    helps_count = fields.Integer()
    helpers_needed = fields.Integer()
    status = fields.String()
    expires_at = fields.DateTime()
    expired = fields.Boolean()
    order_id = fields.Integer(allow_none=True)
    path = fields.String()
    product_id = fields.Integer()
    product_title = fields.String()
    image_url = fields.String(metadata={"description": "The product's picture; \"\" without one."})
    seconds_left = fields.Integer(metadata={"description": "Until it expires; 0 once expired."})
    buyable = fields.Boolean(metadata={
        "description": "The starter may buy now (running, and at the floor or above it when "
                       "the activity allows)."})
    helpers = fields.List(fields.Nested(HelperOut), metadata={
        "description": "Who helped and the cut each made, first help first."})


class StaffBargainOut(BargainOut):
    starter_nickname = fields.String()
    created_at = fields.DateTime()


class StaffBargainPage(Schema):
    items = fields.List(fields.Nested(StaffBargainOut))
    meta = fields.Nested(PageMeta)


class BargainListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(rules.BARGAIN_FILTERS), metadata={
        "description": "active: still running (not bought, not expired); expired: ran out "
                       "unbought; bought."})


class HelpOut(Schema):
    cut_fen = fields.Integer()
    price_fen = fields.Integer()
    reduced = fields.Boolean(metadata={"description": "risky: a reduced share of its cut"})
    risk_reasons = fields.List(fields.String())


class HelpRecordOut(Schema):
    """A help as staff see it: what it took and its risk score."""

    id = fields.Integer()
    bargain_id = fields.Integer()
    helper_id = fields.Integer()
    starter_id = fields.Integer()
    cut_fen = fields.Integer()
    head_fen = fields.Integer()
    risk_score = fields.Integer()
    risk_reasons = fields.Method("_reasons")
    risky = fields.Boolean()
    at = fields.DateTime()

    def _reasons(self, row):
        return [r for r in row.risk_reasons.split(",") if r]


class HelpListArgs(PageArgs):
    risky = fields.Boolean()


class HelpPage(Schema):
    items = fields.List(fields.Nested(HelpRecordOut))
    meta = fields.Nested(PageMeta)


class BoughtOut(Schema):
    bargain = fields.Nested(BargainOut)
    order = fields.Nested(OrderOut)


class MySeatOut(Schema):
    seat_status = fields.String(metadata={
        "enum": [rules.HELD, rules.PAID, rules.DONE, rules.REFUND_DUE, rules.REFUNDING,
                 rules.REFUNDED],
        "description": "held: waiting for its payment; paid; done: the group completed; "
                       "refund_due / refunding / refunded: the group failed or the order "
                       "was refunded."})
    order_id = fields.Integer()
    is_leader = fields.Boolean()
    joined_at = fields.DateTime()
    group = fields.Nested(GroupOut, metadata={"description": "Without its members."})


class MySeatPage(Schema):
    items = fields.List(fields.Nested(MySeatOut))
    meta = fields.Nested(PageMeta)


class MyBargainPage(Schema):
    items = fields.List(fields.Nested(BargainOut), metadata={
        "description": "Each without its helpers."})
    meta = fields.Nested(PageMeta)
