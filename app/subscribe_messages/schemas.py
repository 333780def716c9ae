"""Request and response schemas for subscriptions and the staff view of sends."""

from marshmallow import Schema, fields, validate

from app.schema import Id, PageArgs, PageMeta, Strict, Text
from app.subscribe_messages.templates import EVENTS

TARGET_KINDS = ("flashsale", "group", "live_room")
STATUSES = ("pending", "sending", "sent", "refused", "failed", "interrupted")
# wx.requestSubscribeMessage takes at most 3 template ids a call
MAX_ACCEPTED = 3


class TargetIn(Strict):
    kind = fields.String(required=True, validate=validate.OneOf(TARGET_KINDS))
    id = Id(required=True)


ACCEPTED_RULE = ("Template ids this server is configured with (NOTIFY_TEMPLATES) or event "
                 f"names ({', '.join(sorted(EVENTS))}); anything else is 422 "
                 "`unknown_template`, the same event twice 422 `duplicate_template`.")


def Accepted(**kw):  # noqa: N802 - a field factory reads like a type
    return fields.List(Text(64, min_len=1), required=True,
                       validate=validate.Length(1, MAX_ACCEPTED),
                       metadata={"description": ACCEPTED_RULE, "uniqueItems": True}, **kw)


class SubscribeIn(Strict):
    """The template ids wx.requestSubscribeMessage answered "accept" for (or
    our event names), and what they are for."""

    accepted = Accepted()
    target = fields.Nested(TargetIn)


class RemindIn(Strict):
    accepted = Accepted()


class CreditOut(Schema):
    event = fields.String()
    target_kind = fields.String()
    target_id = fields.Integer()
    remaining = fields.Integer()


class CreditsOut(Schema):
    accepted = fields.List(fields.String())
    left = fields.Dict(keys=fields.String(), values=fields.Integer())
    items = fields.List(fields.Nested(CreditOut))


class SubscribeMessageArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(STATUSES))
    event = fields.String(validate=validate.OneOf(tuple(EVENTS)))


class SubscribeMessageOut(Schema):
    id = fields.Integer()
    user_id = fields.Integer()
    event = fields.String()
    target_kind = fields.String()
    target_id = fields.Integer()
    status = fields.String()
    sender = fields.String()
    errcode = fields.Integer(allow_none=True)
    attempts = fields.Integer()
    created_at = fields.DateTime()
    sent_at = fields.DateTime(allow_none=True)


class SubscribeMessagePage(Schema):
    items = fields.List(fields.Nested(SubscribeMessageOut))
    meta = fields.Nested(PageMeta)
