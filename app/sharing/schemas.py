"""Sharing schemas. A client names the kind, target, channel and an
optional shorter validity; the sharer comes from the token."""

from marshmallow import Schema, ValidationError, fields, validate

from app.schema import Id, Strict, StrictInt
from app.sharing import rules


def _scene(value: str) -> None:
    if not rules.is_valid_scene(value):
        raise ValidationError(f"Not a share code: 1 to {rules.SCENE_MAX_LEN} characters "
                              "from 0-9A-Za-z!#$&'()*+,/:;=?@-._~.")


def _rules_by_kind() -> dict:
    """What the service checks per kind, for the document: a target id for
    all kinds but the targetless, and ttl_s at most the kind's validity."""
    groups: dict[tuple[bool, int], list[str]] = {}
    for kind in rules.KINDS:
        key = (kind in rules.TARGETLESS, int(rules.VALIDITY[kind].total_seconds()))
        groups.setdefault(key, []).append(kind)
    branches = []
    for (targetless, max_ttl_s), kinds in sorted(groups.items()):
        branch = {"properties": {"kind": {"enum": kinds}, "ttl_s": {"maximum": max_ttl_s}}}
        branch.update({"not": {"required": ["target_id"]}} if targetless
                      else {"required": ["target_id"]})
        branches.append(branch)
    return {"oneOf": branches}


class ShareIn(Strict):
    """Every kind takes a target_id but `invite` (the sharer is the target);
    ttl_s may shorten, never extend, the kind's validity."""

    openapi_extra = _rules_by_kind()
    kind = fields.String(required=True, validate=validate.OneOf(list(rules.KINDS)))
    target_id = Id()
    channel = fields.String(required=True, validate=validate.OneOf(rules.CHANNELS))
    ttl_s = StrictInt(validate=validate.Range(rules.MIN_TTL_S, rules.MAX_TTL_S))


SCENE_PATTERN = f"^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{{1,{rules.SCENE_MAX_LEN}}}$"  # is_valid_scene


class SceneArgs(Strict):
    scene = fields.String(required=True, validate=_scene, metadata={"pattern": SCENE_PATTERN})


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
    avatar_url = fields.String(metadata={"description": "\"\" without an avatar."})


class ShareContextOut(ShareOut):
    sharer = fields.Nested(SharerOut)
    scans = fields.Integer()
    last_scanned_at = fields.DateTime()
    # the target's own context: title, price_fen, image_url, path, ...
    target = fields.Dict(keys=fields.String())
