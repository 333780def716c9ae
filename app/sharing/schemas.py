"""Sharing schemas. A client names the kind, target, channel and an
optional shorter validity; the sharer comes from the token."""

from marshmallow import Schema, ValidationError, fields, validate

from app.schema import Id, Strict, StrictInt
from app.sharing import rules


def _scene(value: str) -> None:
    if not rules.is_valid_scene(value):
        raise ValidationError(f"Not a share code: 1 to {rules.SCENE_MAX_LEN} characters "
                              "from 0-9A-Za-z!#$&'()*+,/:;=?@-._~.")


class ShareIn(Strict):
    kind = fields.String(required=True, validate=validate.OneOf(list(rules.KINDS)))
    target_id = Id()
    channel = fields.String(required=True, validate=validate.OneOf(rules.CHANNELS))
    ttl_s = StrictInt(validate=validate.Range(rules.MIN_TTL_S, rules.MAX_TTL_S))


class SceneArgs(Strict):
    scene = fields.String(required=True, validate=_scene)


class ShareOut(Schema):
    id = fields.Integer()
    scene = fields.String()
    kind = fields.String()
    target_id = fields.Integer(allow_none=True)
    channel = fields.String()
    url = fields.String()
    qr_png_url = fields.String()
    qr_svg_url = fields.String()
    poster_url = fields.String(allow_none=True)
    created_at = fields.DateTime()
    expires_at = fields.DateTime()


class SharerOut(Schema):
    id = fields.Integer()
    nickname = fields.String()


class ShareContextOut(ShareOut):
    sharer = fields.Nested(SharerOut)
    scans = fields.Integer()
    last_scanned_at = fields.DateTime()
    # the target's own context: title, price_fen, image_url, path, ...
    target = fields.Dict(keys=fields.String())
