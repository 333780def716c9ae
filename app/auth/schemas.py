"""Login and profile schemas. There is deliberately no session_key field."""

from marshmallow import Schema, fields

from app.schema import Strict, Text


class LoginIn(Strict):
    code = Text(128, 1, required=True)


class RoleOut(Schema):
    role = fields.String()
    scope_type = fields.String()
    scope_id = fields.Integer()


class UserOut(Schema):
    id = fields.Integer()
    nickname = fields.String()
    avatar_url = fields.String(metadata={"description": "\"\" until an avatar is set "
                                                        "(PUT /mp/v1/me/avatar)."})
    created_at = fields.DateTime()


class LoginOut(Schema):
    token = fields.String()
    expires_in = fields.Integer()
    user = fields.Nested(UserOut)


class MeOut(UserOut):
    roles = fields.List(fields.Nested(RoleOut))
