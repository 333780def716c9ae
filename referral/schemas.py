"""Referral request and response schemas. Money in int fen, rates in int bps."""

from marshmallow import Schema, ValidationError, fields, validate

from app.schema import Fen, Id, PageArgs, PageMeta, Strict, StrictBool, StrictInt, Text
from app.sharing import rules as share_rules
from app.sharing.schemas import SCENE_PATTERN
from referral import rules
from referral.withdrawals import progress

BPS = validate.Range(0, rules.BPS)
REQUEST_KEY = validate.Regexp(r"^[0-9A-Za-z_\-]{1,64}$",
                              error="1-64 characters from 0-9 A-Z a-z _ -.")
# Lists one longer than allowed reach the service, which names the rule broken
# (too_many_levels) instead of a generic validation error.
LEVELS = validate.Length(1, rules.MAX_LEVELS + 1)


def _scene(value: str) -> None:
    if not share_rules.is_valid_scene(value):
        raise ValidationError("Not a share code.")


def _levels(**kw):
    """The document says the real limit (a longer list is 422 too_many_levels)."""
    return fields.List(StrictInt(validate=BPS), validate=LEVELS,
                       metadata={"maxItems": rules.MAX_LEVELS}, **kw)


class BindIn(Strict):
    """Exactly one of a share's scene or a distributor's invite code."""

    openapi_extra = {"oneOf": [{"required": ["scene"]}, {"required": ["invite_code"]}]}
    merchant_id = Id(required=True)
    scene = fields.String(validate=_scene, metadata={"pattern": SCENE_PATTERN})
    invite_code = fields.String(validate=validate.Regexp(r"^[A-Z0-9]{8}$"))


class JoinIn(Strict):
    accept_terms = StrictBool(required=True, metadata={
        "enum": [True], "description": "Joining means accepting the terms (else 422 "
                                       "`terms_not_accepted`)."})


class WithdrawIn(Strict):
    request_id = fields.String(required=True, validate=REQUEST_KEY)
    amount_fen = Fen(1, required=True)


class RejectIn(Strict):
    reason = Text(80, min_len=1, required=True)


class ReviewIn(Strict):
    approve = StrictBool(required=True)


class RulesIn(Strict):
    binding_policy = fields.String(required=True,
                                   validate=validate.OneOf(rules.BINDING_POLICIES))
    window_days = StrictInt(required=True, validate=validate.Range(1, 3650))
    level_bps = _levels(required=True)
    self_purchase = StrictBool(required=True)
    join_policy = fields.String(required=True, validate=validate.OneOf(rules.JOIN_POLICIES))
    spend_threshold_fen = Fen(required=True)
    withdraw_min_fen = Fen(rules.MIN_WITHDRAW_FEN, required=True)
    withdraw_fee_bps = StrictInt(required=True, validate=validate.Range(0, 5000))


class RulesOut(Schema):
    binding_policy = fields.String()
    window_days = fields.Integer()
    level_bps = fields.List(fields.Integer())
    self_purchase = fields.Boolean()
    join_policy = fields.String()
    spend_threshold_fen = fields.Integer()
    withdraw_min_fen = fields.Integer()
    withdraw_fee_bps = fields.Integer()


class ProductRateIn(Strict):
    """mode null removes the override; fen values are per unit."""
    mode = fields.String(required=True, allow_none=True, validate=validate.OneOf(("bps", "fen")))
    values = fields.List(Fen(), required=True, validate=LEVELS,
                         metadata={"maxItems": rules.MAX_LEVELS})


class ProductRateOut(Schema):
    product_id = fields.Integer()
    mode = fields.String(allow_none=True)
    values = fields.List(fields.Integer())


class TierIn(Strict):
    name = Text(32, min_len=1, required=True)
    level_bps = _levels(required=True)
    min_sales_fen = Fen(required=True)
    min_orders = StrictInt(required=True, validate=validate.Range(0, 10**9))
    min_team = StrictInt(required=True, validate=validate.Range(0, 10**9))


class TiersIn(Strict):
    tiers = fields.List(fields.Nested(TierIn), required=True, validate=validate.Length(0, 10),
                        metadata={"description": "No tier's rates may pay out more than the "
                                                 "goods (422 `rates_too_high`)."})


class TierOut(Schema):
    rank = fields.Integer()
    name = fields.String()
    level_bps = fields.Function(lambda t: [int(v) for v in t.level_bps.split(",")])
    min_sales_fen = fields.Integer()
    min_orders = fields.Integer()
    min_team = fields.Integer()


class BindingOut(Schema):
    merchant_id = fields.Integer()
    user_id = fields.Integer()
    referrer_id = fields.Integer()
    via = fields.String()
    bound_at = fields.DateTime()


class DistributorOut(Schema):
    merchant_id = fields.Integer()
    user_id = fields.Integer()
    status = fields.String()
    tier_rank = fields.Integer()
    invite_code = fields.Function(lambda d: d.invite_code if d.status == "active" else None)
    applied_at = fields.DateTime()
    joined_at = fields.DateTime(allow_none=True)


class StaffDistributorOut(DistributorOut):
    """A distributor as staff see it: with the person's nickname and balances."""
    nickname = fields.String()
    balances = fields.Nested("Balances")


class StaffDistributorPage(Schema):
    items = fields.List(fields.Nested(StaffDistributorOut))
    meta = fields.Nested(PageMeta)


class DistributorArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(("pending", "active", "rejected")))


class Balances(Schema):
    pending = fields.Integer()
    available = fields.Integer()
    withdrawing = fields.Integer()
    clearing = fields.Integer()
    paid = fields.Integer()


class CenterOut(Schema):
    merchant_id = fields.Integer()
    status = fields.String()
    tier_rank = fields.Integer()
    invite_code = fields.String(allow_none=True)
    referrer_id = fields.Integer(allow_none=True)
    balances = fields.Nested(Balances)
    withdraw_min_fen = fields.Integer(metadata={"description": "The smallest withdrawal."})
    withdraw_fee_bps = fields.Integer(metadata={"description": "The fee on a withdrawal, "
                                                "rounded down in the distributor's favour."})


class TeamArgs(PageArgs):
    level = fields.Integer(load_default=1, validate=validate.Range(1, rules.MAX_LEVELS))


class TeamMember(Schema):
    user_id = fields.Integer()
    nickname = fields.String()
    via = fields.String()
    bound_at = fields.DateTime()


class TeamPage(Schema):
    items = fields.List(fields.Nested(TeamMember))
    meta = fields.Nested(PageMeta)


class EarningsArgs(Strict):
    days = fields.Integer(load_default=30, validate=validate.Range(1, 366))


class EarningRow(Schema):
    day = fields.String()
    source = fields.String()
    commission_fen = fields.Integer()
    orders = fields.Integer()


class EarningsOut(Schema):
    days = fields.Integer()
    total_fen = fields.Integer()
    by_day = fields.List(fields.Nested(EarningRow))
    by_source = fields.List(fields.Nested(EarningRow))


class LeaderArgs(Strict):
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class LeaderRow(Schema):
    """A leaderboard row as a user sees it: no user id, the nickname masked
    unless it is the viewer's own (`me`)."""

    rank = fields.Integer()
    nickname = fields.String()
    commission_fen = fields.Integer()
    me = fields.Boolean()


class StaffLeaderRow(Schema):
    rank = fields.Integer()
    user_id = fields.Integer()
    nickname = fields.String()
    commission_fen = fields.Integer()


class Step(Schema):
    step = fields.String()
    at = fields.DateTime(allow_none=True)
    done = fields.Boolean()


class WithdrawalOut(Schema):
    id = fields.Integer()
    request_id = fields.String(attribute="request_key")
    user_id = fields.Integer()
    amount_fen = fields.Integer()
    fee_fen = fields.Integer()
    net_fen = fields.Integer()
    status = fields.String()
    reason = fields.String()
    created_at = fields.DateTime()
    reviewed_at = fields.DateTime(allow_none=True)
    paid_at = fields.DateTime(allow_none=True)
    progress = fields.Method("_progress")

    def _progress(self, wd):
        return Step(many=True).dump(progress(wd))


class WithdrawalPage(Schema):
    items = fields.List(fields.Nested(WithdrawalOut))
    meta = fields.Nested(PageMeta)


class StaffWithdrawalOut(WithdrawalOut):
    nickname = fields.String()


class StaffWithdrawalPage(Schema):
    items = fields.List(fields.Nested(StaffWithdrawalOut))
    meta = fields.Nested(PageMeta)


class LedgerEntryOut(Schema):
    """One entry on a distributor account: `account` is the balance it moves,
    `txn_kind` what moved it (accrue, settle, reverse, leader_*, wd_request,
    wd_approve, wd_reject, wd_paid, wd_failed)."""
    id = fields.Integer()
    txn_id = fields.Integer()
    txn_kind = fields.String()
    account = fields.String()
    amount_fen = fields.Integer()
    order_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()


class DistributorLedgerOut(Schema):
    distributor = fields.Nested(StaffDistributorOut)
    items = fields.List(fields.Nested(LedgerEntryOut))
    meta = fields.Nested(PageMeta)


class WithdrawalArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(
        ("requested", "approved", "rejected", "paid", "failed")))


class PayableRow(Balances):
    user_id = fields.Integer()
    nickname = fields.String()


class PayableOut(Schema):
    distributors = fields.List(fields.Nested(PayableRow))
    totals = fields.Nested(Balances)
    merchant = fields.Dict(keys=fields.String(), values=fields.Integer())
    sum_fen = fields.Integer()
    unbalanced_txns = fields.List(fields.Integer())
