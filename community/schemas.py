"""Community request and response schemas (also the OpenAPI)."""

from marshmallow import Schema, fields, validate

from app import offers
from app.schema import Id, PageArgs, PageMeta, Strict, StrictBool, StrictInt, Text
from app.sharing.schemas import SCENE_PATTERN
from community import rules


def Bps(**kw):  # noqa: N802 - a field factory reads like a type
    return StrictInt(validate=validate.Range(0, rules.MAX_COMMISSION_BPS), **kw)


class CommunityIn(Strict):
    name = Text(60, 1, required=True)
    owner_id = Id(required=True)
    leader_commission_bps = Bps(load_default=0)


class CommunityPatch(Strict):
    name = Text(60, 1)
    leader_commission_bps = Bps()


class CommunityOut(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    name = fields.String()
    owner_id = fields.Integer(allow_none=True, metadata={
        "description": "None until the user invited as owner accepts"})
    invite_code = fields.String()
    leader_commission_bps = fields.Integer()
    created_at = fields.DateTime()


class CommunityPage(Schema):
    items = fields.List(fields.Nested(CommunityOut))
    meta = fields.Nested(PageMeta)


class MyCommunityOut(Schema):
    """A member's view: the invite code only for the owner and leaders."""

    id = fields.Integer()
    merchant_id = fields.Integer()
    name = fields.String()
    role = fields.String()
    members = fields.Integer()
    invite_code = fields.String(allow_none=True)


class MyCommunityPage(Schema):
    items = fields.List(fields.Nested(MyCommunityOut))
    meta = fields.Nested(PageMeta)


class MembershipOut(Schema):
    community_id = fields.Integer()
    user_id = fields.Integer()
    role = fields.String()
    via = fields.String()
    joined_at = fields.DateTime()


class InviteCodeIn(Strict):
    invite_code = Text(16, 1, required=True)


class ShareJoinIn(Strict):
    scene = Text(32, 1, required=True, metadata={"pattern": SCENE_PATTERN})


class UserIdIn(Strict):
    user_id = Id(required=True)


class LeaderIn(Strict):
    user_id = Id(required=True)
    commission_bps = Bps(allow_none=True, load_default=None)  # None: the community's rate


class InvitationOut(Schema):
    """An invitation to own or lead a community: the role holds once accepted."""

    id = fields.Integer()
    community_id = fields.Integer()
    community_name = fields.String()
    merchant_id = fields.Integer()
    user_id = fields.Integer()
    role = fields.String()
    commission_bps = fields.Integer(allow_none=True)
    status = fields.String()
    created_at = fields.DateTime()
    decided_at = fields.DateTime(allow_none=True)


class InvitationArgs(PageArgs):
    status = fields.String(validate=validate.OneOf(rules.INVITATION_STATES))


class InvitationPage(Schema):
    items = fields.List(fields.Nested(InvitationOut))
    meta = fields.Nested(PageMeta)


class LeaderRateIn(Strict):
    commission_bps = Bps(required=True, allow_none=True)


class PointIn(Strict):
    name = Text(60, 1, required=True)
    address = Text(200, 1, required=True)
    opening_hours = Text(100, 1, required=True)
    active = StrictBool(required=True)


class PointOut(Schema):
    id = fields.Integer()
    community_id = fields.Integer()
    leader_id = fields.Integer()
    name = fields.String()
    address = fields.String()
    opening_hours = fields.String()
    active = fields.Boolean()


class LeaderOut(Schema):
    user_id = fields.Integer()
    nickname = fields.String()
    role = fields.String()
    commission_bps = fields.Integer(allow_none=True)
    effective_bps = fields.Integer()
    point = fields.Nested(PointOut, allow_none=True)


class LedCommunityOut(Schema):
    """A community the caller leads, with their rate and pickup point."""
    id = fields.Integer()
    merchant_id = fields.Integer()
    name = fields.String()
    leader = fields.Nested(LeaderOut)


class AnnouncementIn(Strict):
    title = Text(80, 1, required=True)
    body = Text(2000, 1, required=True)


class AnnouncementOut(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    community_id = fields.Integer(allow_none=True)
    title = fields.String()
    body = fields.String()
    recipients = fields.Integer()
    created_at = fields.DateTime()


class InboxArgs(PageArgs):
    unread_only = fields.Boolean(load_default=False)


class InboxItemOut(Schema):
    id = fields.Integer()
    announcement_id = fields.Integer()
    community_id = fields.Integer(allow_none=True)
    title = fields.String()
    body = fields.String()
    created_at = fields.DateTime()
    read = fields.Boolean()
    read_at = fields.DateTime(allow_none=True)


class ReadIn(Strict):
    message_ids = fields.List(Id(), required=True, validate=validate.Length(1, 100))


class ReadOut(Schema):
    marked = fields.Integer()  # how many became read now
    unread = fields.Integer()  # what is left unread in the whole inbox


class InboxPage(Schema):
    items = fields.List(fields.Nested(InboxItemOut))
    meta = fields.Nested(PageMeta)
    unread = fields.Integer()


class OfferIn(Strict):
    kind = fields.String(required=True, validate=validate.OneOf(offers.KINDS))
    target_id = Id(required=True)


class OfferOut(Schema):
    id = fields.Integer()
    community_id = fields.Integer()
    kind = fields.String()
    target_id = fields.Integer()
    title = fields.String()
    pinned_at = fields.DateTime()


class PickupOut(Schema):
    order_id = fields.Integer()
    code = fields.String()
    status = fields.String()
    paid_at = fields.DateTime()
    picked_up_at = fields.DateTime(allow_none=True)
    point = fields.Nested(PointOut)


class HandOverIn(Strict):
    code = fields.String(required=True, validate=validate.Regexp(r"^[0-9]{6}$"))


class HandOverOut(Schema):
    order_id = fields.Integer()
    status = fields.String()
    picked_up_at = fields.DateTime()


class PickListArgs(Strict):
    day = fields.Date()  # a China (UTC+8) calendar day; default today


class PickSku(Schema):
    sku_id = fields.Integer()
    title = fields.String()
    spec = fields.String()
    quantity = fields.Integer()


class PickOrder(Schema):
    order_id = fields.Integer()
    buyer_id = fields.Integer()
    recipient = fields.String(metadata={"description": "Who collects: the order's contact, "
                                                       "else the buyer's nickname."})
    phone = fields.String(metadata={"description": "The contact's phone, masked "
                                                   "(138****1234); \"\" if none was given."})
    status = fields.String()
    order_status = fields.String()
    refund_status = fields.String()
    paid_at = fields.DateTime()
    picked_up_at = fields.DateTime(allow_none=True)
    lines = fields.List(fields.Nested(PickSku))


class PickListOut(Schema):
    day = fields.Date()
    point = fields.Nested(PointOut)
    skus = fields.List(fields.Nested(PickSku))
    orders = fields.List(fields.Nested(PickOrder))


class CommissionRow(Schema):
    order_id = fields.Integer()
    bps = fields.Integer()
    base_fen = fields.Integer()
    full_fen = fields.Integer()
    refunded_fen = fields.Integer()
    owed_fen = fields.Integer()
    status = fields.String()
    accrued_at = fields.DateTime()
    settled_at = fields.DateTime(allow_none=True)


class CommissionOut(Schema):
    balances = fields.Dict(keys=fields.String(), values=fields.Integer())
    items = fields.List(fields.Nested(CommissionRow))
    meta = fields.Nested(PageMeta)
