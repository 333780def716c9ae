"""Live-room schemas: Socket.IO event payloads (strict: unknown fields,
wrong types and out-of-range numbers refused) and the HTTP API's bodies and
answers (also the OpenAPI)."""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate

from app.schema import Fen, Id, PageArgs, PageMeta, Strict, StrictInt, Text
from live import rules

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: str) -> None:
    if _UNSTORABLE.search(value):
        raise ValidationError("Contains characters that cannot be stored.")


def Message(**kw):  # noqa: N802 - length is a rule (message_too_long), not a schema error
    return fields.String(validate=_storable, **kw)


def _event(name: str, **extra) -> type[Schema]:
    return Strict.from_dict({"room_id": Id(required=True), **extra}, name=name)


RoomRef = _event("LiveRoomRef")
ChatIn = _event("LiveChatIn", text=Message(required=True))
LikeIn = _event("LiveLikeIn", count=StrictInt(
    load_default=1, validate=validate.Range(1, rules.MAX_LIKES_PER_TAP)))
PinIn = _event("LivePinIn", product_id=Id(required=True, allow_none=True))
ReorderIn = _event("LiveReorderIn", product_ids=fields.List(
    Id(), required=True, validate=validate.Length(1, rules.MAX_SHELF)))
SaleStartIn = _event(
    "LiveSaleStartIn", sku_id=Id(required=True), price_fen=Fen(1, required=True),
    quota=StrictInt(required=True, validate=validate.Range(1, 100_000)),
    per_user_limit=StrictInt(load_default=1, validate=validate.Range(1, 100)),
    minutes=StrictInt(required=True, validate=validate.Range(1, 24 * 60)))
SaleStopIn = _event("LiveSaleStopIn", activity_id=Id(required=True))
# a drop names a coupon of the room's merchant, or gives the amount (and
# minimum spend) of a coupon made for it
DropIn = _event("LiveDropIn", coupon_id=Id(), amount_fen=Fen(1), min_spend_fen=Fen(),
                quantity=StrictInt(required=True, validate=validate.Range(1, 100_000)))
ClaimIn = _event("LiveClaimIn", drop_id=Id(required=True))
LotteryDrawIn = _event("LiveLotteryDrawIn", lottery_id=Id(required=True))
LotteryIn = _event(
    "LiveLotteryIn", prize=Text(80, 1, required=True),
    winners=StrictInt(required=True, validate=validate.Range(1, rules.MAX_WINNERS)),
    qualify=fields.String(required=True, validate=validate.OneOf(("keyword", "like"))),
    keyword=Text(40, load_default=""))
AnnounceIn = _event("LiveAnnounceIn", text=Message(required=True))
UserRef = _event("LiveUserRef", user_id=Id(required=True))
MuteIn = _event("LiveMuteIn", user_id=Id(required=True), minutes=StrictInt(
    load_default=None, allow_none=True, validate=validate.Range(1, 7 * 24 * 60)))
StateIn = _event("LiveStateIn", state=fields.String(
    required=True, validate=validate.OneOf((rules.LIVE, rules.PAUSED, rules.ENDED))))


class RoomIn(Strict):
    title = Text(80, 1, required=True)
    cover_url = Text(500)
    scheduled_at = fields.AwareDateTime()
    host_id = Id()
    shelf = fields.List(Id(), validate=validate.Length(0, rules.MAX_SHELF))


class ShelfIn(Strict):
    product_ids = fields.List(Id(), required=True,
                              validate=validate.Length(0, rules.MAX_SHELF))


class AssistantIn(Strict):
    user_id = Id(required=True)


class MessagesArgs(Strict):
    """Query strings carry text: "5" parses as 5."""

    before_id = fields.Integer(validate=validate.Range(1, 2**63 - 1))
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))


class RoomOut(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    host_id = fields.Integer()
    title = fields.String()
    cover_url = fields.String()
    state = fields.String()
    scheduled_at = fields.String()
    started_at = fields.String(allow_none=True)
    ended_at = fields.String(allow_none=True)
    pinned_product_id = fields.Integer(allow_none=True)
    pull_url = fields.String(metadata={"description": "Signed play URL (LIVE_PULL_FORMAT)."})
    pull_urls = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "Signed play URLs by format: `hls` (.m3u8), `flv`."})
    push_url = fields.String()
    host_nickname = fields.String()


class RoomStatsOut(Schema):
    room_id = fields.Integer()
    state = fields.String()
    online = fields.Integer()
    peak_online = fields.Integer()
    unique_viewers = fields.Integer()
    likes = fields.Integer()
    messages = fields.Integer()
    orders = fields.Integer()
    buyers = fields.Integer()
    gmv_fen = fields.Integer()
    conversion_bps = fields.Integer()


class StaffRoomOut(RoomOut):
    shelf = fields.List(fields.Dict())
    stats = fields.Nested(RoomStatsOut)


class MessageOut(Schema):
    id = fields.Integer()
    kind = fields.String()
    user_id = fields.Integer(allow_none=True)
    nickname = fields.String()
    text = fields.String()
    at = fields.String()


class MessagesOut(Schema):
    items = fields.List(fields.Nested(MessageOut))


class RoomListArgs(PageArgs):
    state = fields.String(validate=validate.OneOf(rules.STATES))


class RoomRowOut(Schema):
    id = fields.Integer()
    title = fields.String()
    state = fields.String()
    host_id = fields.Integer()
    host_nickname = fields.String()
    scheduled_at = fields.String()
    started_at = fields.String(allow_none=True)
    ended_at = fields.String(allow_none=True)
    shelf_count = fields.Integer()
    peak_online = fields.Integer()
    likes = fields.Integer()
    orders = fields.Integer()
    gmv_fen = fields.Integer()


class StaffRoomPage(Schema):
    items = fields.List(fields.Nested(RoomRowOut))
    meta = fields.Nested(PageMeta)


class RoomStateIn(Strict):
    state = fields.String(required=True,
                          validate=validate.OneOf((rules.LIVE, rules.PAUSED, rules.ENDED)))


class DroppableCouponOut(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    amount_fen = fields.Integer()
    percent_bps = fields.Integer()
    cap_fen = fields.Integer()
    min_spend_fen = fields.Integer()
    left = fields.Integer()


class DroppableCouponsOut(Schema):
    items = fields.List(fields.Nested(DroppableCouponOut))
