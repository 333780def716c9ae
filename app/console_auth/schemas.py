"""Console sign-in, ticket, invite, staff, platform and log schemas."""

from marshmallow import Schema, fields, validate

from app.auth.passwords import MAX_LENGTH
from app.console_auth.permissions import GRANTABLE
from app.schema import MAX_ID, Id, Moment, PageArgs, PageMeta, Strict, Text


class SignInIn(Strict):
    login = Text(64, 1, required=True)
    password = Text(MAX_LENGTH, 1, required=True)


class ConsoleUserOut(Schema):
    id = fields.Integer()
    nickname = fields.String()


class ScopedRoleOut(Schema):
    role = fields.String()
    scope_type = fields.String()
    scope_id = fields.Integer()
    scope_name = fields.String()


class MerchantBriefOut(Schema):
    id = fields.Integer()
    name = fields.String()
    status = fields.String(metadata={"description": "active or suspended"})


class SessionOut(Schema):
    user = fields.Nested(ConsoleUserOut)
    csrf_token = fields.String(metadata={
        "description": "Send as X-CSRF-Token with every POST, PUT, PATCH and DELETE."})
    roles = fields.List(fields.Nested(ScopedRoleOut))
    merchants = fields.List(fields.Nested(MerchantBriefOut))
    permissions = fields.List(fields.String(), metadata={
        "description": "The console areas the roles open (the API checks roles again)."})


class TicketOut(Schema):
    ticket = fields.String()
    qr_svg = fields.String(metadata={"description": "An SVG of the QR code to scan."})
    expires_at = fields.DateTime()


class TicketWaitArgs(Strict):
    wait = fields.Integer(load_default=0, validate=validate.Range(0, 30), metadata={
        "description": "Seconds to wait for a change (long poll), 0-30."})


class TicketStatusOut(SessionOut):
    status = fields.String(metadata={
        "description": "pending, scanned, confirmed, expired or used; the one answer "
                       "that sees `confirmed` signs in (cookie and session fields)."})


class TicketStepOut(Schema):
    status = fields.String()


class InviteIn(Strict):
    role = fields.String(required=True, validate=validate.OneOf(GRANTABLE))
    scope_id = Id(load_default=None, allow_none=True, metadata={
        "description": "The room (live_host, room_assistant) or community "
                       "(community_leader); not for merchant roles."})
    note = Text(200, load_default="")


class InviteOut(Schema):
    token = fields.String()
    url = fields.String()
    expires_at = fields.DateTime()


class MerchantRefOut(Schema):
    id = fields.Integer()
    name = fields.String()


class InviteInfoOut(Schema):
    merchant = fields.Nested(MerchantRefOut)
    role = fields.String()
    expires_at = fields.DateTime()


class AcceptIn(Strict):
    login = Text(64, 3, required=True)
    password = Text(MAX_LENGTH, 1, required=True)
    nickname = Text(64, 1, required=True)


class StaffOut(Schema):
    user_id = fields.Integer()
    nickname = fields.String()
    login = fields.String(allow_none=True)
    roles = fields.List(fields.Nested(ScopedRoleOut))


class MerchantIn(Strict):
    name = Text(80, 1, required=True)


class MerchantOut(MerchantBriefOut):
    owner_id = fields.Integer()
    status_reason = fields.String()
    created_at = fields.DateTime()


class NewMerchantOut(Schema):
    merchant = fields.Nested(MerchantOut)
    invite = fields.Nested(InviteOut)


class MerchantPageOut(Schema):
    items = fields.List(fields.Nested(MerchantOut))
    meta = fields.Nested(PageMeta)


class ReasonIn(Strict):
    reason = Text(200, 1, required=True)


class LogArgs(PageArgs):
    user_id = fields.Integer(load_default=None, validate=validate.Range(1, MAX_ID))
    from_ = Moment(data_key="from", load_default=None)
    to = Moment(load_default=None)


class LogRowOut(Schema):
    id = fields.Integer()
    user_id = fields.Integer()
    merchant_id = fields.Integer(allow_none=True)
    method = fields.String()
    endpoint = fields.String()
    path = fields.String()
    status = fields.Integer()
    targets = fields.Dict()
    ip = fields.String()
    user_agent = fields.String()
    at = fields.DateTime()


class LogPageOut(Schema):
    items = fields.List(fields.Nested(LogRowOut))
    meta = fields.Nested(PageMeta)
