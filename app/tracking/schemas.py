"""Tracking schemas: an order's packages with their timelines, and the
pushes providers send (documented only: a push is verified on its raw body)."""

from marshmallow import Schema, fields


class TrackEventOut(Schema):
    at = fields.DateTime()
    state = fields.String(metadata={"description": (
        "collected, in_transit, out_for_delivery, signed, problem, rejected, returning, "
        "redirected, customs; empty when the provider does not say.")})
    context = fields.String()
    location = fields.String()


class PackageLineOut(Schema):
    line_id = fields.Integer()
    title = fields.String()
    spec = fields.String()
    quantity = fields.Integer()


class PackageOut(Schema):
    id = fields.Integer()
    carrier = fields.String()
    carrier_name = fields.String()
    carrier_name_en = fields.String()
    tracking_no = fields.String()
    shipped_at = fields.DateTime()
    state = fields.String(metadata={"description": "The latest state tracking reported."})
    signed_at = fields.DateTime(allow_none=True)
    lines = fields.List(fields.Nested(PackageLineOut))
    events = fields.List(fields.Nested(TrackEventOut), metadata={"description": "Newest first."})


class UnshippedOut(Schema):
    line_id = fields.Integer()
    quantity = fields.Integer()


class OrderPackagesOut(Schema):
    order_id = fields.Integer()
    status = fields.String()
    packages = fields.List(fields.Nested(PackageOut))
    unshipped = fields.List(fields.Nested(UnshippedOut), metadata={
        "description": "Units still to ship, per line (while the order ships)."})


class PushAckOut(Schema):
    result = fields.Boolean()
    returnCode = fields.String()  # noqa: N815 - Kuaidi100's own field names
    message = fields.String()


class Kuaidi100PushDoc(Schema):
    param = fields.String(required=True, metadata={
        "description": "JSON: status, message, lastResult {state, ischeck, com, nu, data}."})
    sign = fields.String(required=True, metadata={
        "description": "MD5(param + salt), upper-case hex."})


class SandboxEventDoc(Schema):
    time = fields.String(required=True)
    state = fields.String(required=True)
    context = fields.String(required=True)
    location = fields.String()


class SandboxPushDoc(Schema):
    carrier = fields.String(required=True)
    tracking_no = fields.String(required=True)
    state = fields.String(required=True)
    events = fields.List(fields.Nested(SandboxEventDoc), required=True)
