"""Member CRM, points and tiers request and response schemas."""

import json
import re

from marshmallow import Schema, ValidationError, fields, validate

from app.schema import Id, PageMeta, Strict, StrictBool, StrictInt, Text
from members import tiers
from members.segments import expr as segment_expr
from members.tags import rules as tag_rules

REQUEST_KEY = validate.Regexp(r"^[0-9A-Za-z_\-]{1,64}$",
                              error="1-64 characters from 0-9 A-Z a-z _ -.")


_NAME = re.compile(rf"{segment_expr.NAME}")


def _tag_name(value: str) -> None:
    if not _NAME.fullmatch(value):
        raise ValidationError("1-32 characters: a-z first, then a-z 0-9 _.")
    if value in segment_expr.KEYWORDS:
        raise ValidationError("and, or and not are words of segment expressions.")


class RuleIn(Strict):
    metric = fields.String(required=True, validate=validate.OneOf(tag_rules.METRICS))
    op = fields.String(validate=validate.OneOf(tag_rules.OPS))
    value = StrictInt(validate=validate.Range(0, tag_rules.MAX_VALUE))
    channel = fields.String(validate=validate.OneOf(tag_rules.CHANNELS))


class TagIn(Strict):
    """No rule: a manual tag."""
    name = fields.String(required=True, validate=_tag_name, metadata={
        "pattern": f"^{segment_expr.NAME}$", "not": {"enum": sorted(segment_expr.KEYWORDS)}})
    rule = fields.Nested(RuleIn)


class RuleOut(Schema):
    metric = fields.String()
    op = fields.String(allow_none=True)
    value = fields.Integer()
    channel = fields.String(allow_none=True)


class TagOut(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    rule = fields.Nested(RuleOut, allow_none=True)
    members = fields.Integer()


class TagMembersIn(Strict):
    user_ids = fields.List(Id(), required=True, validate=validate.Length(1, 500))


class TaggedOut(Schema):
    added = fields.Integer()


class RecomputeIn(Strict):
    """Without tag_id: every rule tag."""
    tag_id = Id()


class RecomputeOut(Schema):
    added = fields.Integer()
    removed = fields.Integer()


class MemberRowOut(Schema):
    user_id = fields.Integer()
    nickname = fields.String()
    points = fields.Integer()
    via = fields.String()
    joined_at = fields.DateTime()
    tier_rank = fields.Integer()
    tags = fields.List(fields.String())


class MemberPage(Schema):
    items = fields.List(fields.Nested(MemberRowOut))
    meta = fields.Nested(PageMeta)


class SegmentIn(Strict):
    name = Text(40, min_len=1, required=True)
    expr = Text(segment_expr.MAX_LENGTH, min_len=1, required=True, metadata={
        "description": "Tag names joined by and, or, not and parentheses; a bad one is "
                       "422 `bad_segment_expression`, an unknown tag 422 `unknown_tag`."})


class SegmentPreviewIn(Strict):
    expr = Text(segment_expr.MAX_LENGTH, min_len=1, required=True, metadata={
        "description": "Tag names joined by and, or, not and parentheses; a bad one is "
                       "422 `bad_segment_expression`, an unknown tag 422 `unknown_tag`."})


class SegmentOut(Schema):
    id = fields.Integer()
    name = fields.String()
    expr = fields.String()
    updated_at = fields.DateTime()


class SegmentPreviewOut(Schema):
    expr = fields.String()
    count = fields.Integer()
    sample_user_ids = fields.List(fields.Integer())


class PayloadIn(Strict):
    """What an action takes: points (points), coupon_id (coupon), title and
    body (announcement)."""
    points = StrictInt(validate=validate.Range(1, 1_000_000))
    coupon_id = Id()
    title = Text(60, min_len=1)
    body = Text(500, min_len=1)


class SendIn(Strict):
    request_id = fields.String(required=True, validate=REQUEST_KEY)
    segment_id = Id(required=True)
    action = fields.String(required=True, validate=validate.Regexp(r"^[a-z_]{1,24}$"),
                           metadata={"description": "A registered send action (today "
                                     "`announcement`, `coupon`, `points`); another is 422 "
                                     "`unknown_send_action`."})
    payload = fields.Nested(PayloadIn)


class SendOut(Schema):
    id = fields.Integer()
    segment_id = fields.Integer()
    action = fields.String()
    payload = fields.Function(lambda s: json.loads(s.payload))
    status = fields.String()
    total = fields.Integer()
    done = fields.Integer()
    failed = fields.Integer()
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)


class SendPage(Schema):
    items = fields.List(fields.Nested(SendOut))
    meta = fields.Nested(PageMeta)


class BonusIn(Strict):
    day = StrictInt(required=True, validate=validate.Range(1, 366))
    points = StrictInt(required=True, validate=validate.Range(1, 100_000))


class PointsSettingsIn(Strict):
    earn_per_yuan = StrictInt(required=True, validate=validate.Range(0, 10_000))
    redeem_per_yuan = StrictInt(required=True, validate=validate.Range(0, 100_000))
    max_cover_bps = StrictInt(required=True, validate=validate.Range(0, 10_000))
    expiry_days = StrictInt(required=True, validate=validate.Range(0, 3650))
    checkin_points = StrictInt(required=True, validate=validate.Range(0, 100_000))
    streak_bonuses = fields.List(
        fields.Nested(BonusIn), required=True, validate=validate.Length(0, 10),
        metadata={"description": "One bonus per day (else 422 `invalid_points_settings`)."})
    checkin_growth = StrictInt(required=True, validate=validate.Range(0, 10_000))


class BonusOut(Schema):
    day = fields.Function(lambda b: b[0])
    points = fields.Function(lambda b: b[1])


class PointsSettingsOut(Schema):
    earn_per_yuan = fields.Integer()
    redeem_per_yuan = fields.Integer()
    max_cover_bps = fields.Integer()
    expiry_days = fields.Integer()
    checkin_points = fields.Integer()
    streak_bonuses = fields.List(fields.Nested(BonusOut))
    checkin_growth = fields.Integer()


class MemberTierIn(Strict):
    name = Text(32, min_len=1, required=True)
    min_growth = StrictInt(required=True, validate=validate.Range(0, 10**12))
    discount_bps = StrictInt(required=True, validate=validate.Range(0, tiers.MAX_DISCOUNT_BPS))
    free_shipping = StrictBool(required=True)


class MemberTiersIn(Strict):
    tiers = fields.List(fields.Nested(MemberTierIn), required=True, validate=validate.Length(0, 10),
                        metadata={"description": "Each tier needs more min_growth than the one "
                                                 "before (else 422 `invalid_tiers`)."})


class MemberTierOut(Schema):
    rank = fields.Integer()
    name = fields.String()
    min_growth = fields.Integer()
    discount_bps = fields.Integer()
    free_shipping = fields.Boolean()


class EntryOut(Schema):
    id = fields.Integer()
    kind = fields.String()
    points = fields.Integer()
    order_id = fields.Integer(allow_none=True)
    expires_at = fields.DateTime(allow_none=True)
    note = fields.String(allow_none=True, metadata={"description": "A staff adjustment's reason."})
    created_at = fields.DateTime()


class AdjustIn(Strict):
    """Points to add (positive) or take (negative, at most the balance: 409
    `insufficient_points`), with the reason the member's history shows."""
    request_id = fields.String(required=True, validate=validate.Regexp(
        r"^[0-9A-Za-z_\-]{1,40}$", error="1-40 characters from 0-9 A-Z a-z _ -."))
    points = StrictInt(required=True, validate=[validate.Range(-1_000_000, 1_000_000),
                                                validate.NoneOf([0])])
    reason = Text(80, min_len=1, required=True)


class PointsOut(Schema):
    user_id = fields.Integer()
    balance = fields.Integer()
    entries = fields.List(fields.Nested(EntryOut))
    meta = fields.Nested(PageMeta)


class CheckinOut(Schema):
    day = fields.Date()
    streak = fields.Integer()
    points = fields.Integer()


MONTH = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


class CheckinMonthArgs(Strict):
    """A China calendar month; unset, the month of today (the server's clock)."""
    month = fields.String(validate=validate.Regexp(MONTH, error="A month as YYYY-MM."),
                          metadata={"pattern": MONTH, "example": "2026-12"})


class CheckinDayOut(Schema):
    day = fields.Date()
    streak = fields.Integer()
    points = fields.Integer()


class CheckinMonthOut(Schema):
    month = fields.String(metadata={"description": "YYYY-MM"})
    today = fields.Date(metadata={"description": "Today in China, by the server's clock."})
    checked_in_today = fields.Boolean()
    streak = fields.Integer(metadata={"description": "The streak that stands (0: broken)."})
    reward_points = fields.Integer(metadata={
        "description": "What a check-in today gives, or gave once made (points and the "
                       "bonus of the streak day it reaches)."})
    days = fields.List(fields.Nested(CheckinDayOut))


class MemberStandingOut(Schema):
    merchant_id = fields.Integer()
    member = fields.Boolean()
    points = fields.Integer()
    growth = fields.Integer()
    checked_in_today = fields.Boolean()
    streak = fields.Integer()
    tier = fields.Nested(MemberTierOut, allow_none=True)
    next_tier = fields.Nested(MemberTierOut, allow_none=True)
