"""Shared schema pieces: strict types (no "5" for 5, no true for 1), money and
id ranges, unknown fields refused, pagination."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import flask_smorest
from marshmallow import RAISE, Schema, ValidationError, fields, validate
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import NotFound

from app.errors import MalformedJson
from app.money import MAX_FEN

MAX_ID = 2**63 - 1
# NUL and lone surrogates: valid in JSON, storable in neither SQLite nor PostgreSQL.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# the same rule for the document (JSON carries no lone surrogate to check)
STORABLE_PATTERN = r"^[^\u0000]*$"


def check_url_ids(_endpoint, values) -> None:
    """Ids in URLs are 64-bit: a bigger number names nothing (404)."""
    if values and any(isinstance(v, int) and v > MAX_ID for v in values.values()):
        raise NotFound()


class JsonParser(FlaskParser):
    """A JSON body that cannot be parsed, whether invalid, empty, not UTF-8,
    nested too deep or with numbers too long, is MalformedJson (400)."""

    def _raw_load_json(self, req):
        try:
            return super()._raw_load_json(req)
        except (RecursionError, ValueError) as exc:  # JSONDecodeError is a ValueError
            raise MalformedJson() from exc

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):
        raise MalformedJson() from error


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = JsonParser()


def _storable(value: str) -> None:
    if _UNSTORABLE.search(value):
        raise ValidationError("Contains characters that cannot be stored.")


class StrictInt(fields.Integer):
    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)

    def _validated(self, value):
        if isinstance(value, bool):
            raise ValidationError("Not a valid integer.")
        return super()._validated(value)


def Id(**kw):  # noqa: N802 - a field factory reads like a type
    return StrictInt(validate=validate.Range(1, MAX_ID), **kw)


def Fen(minimum: int = 0, **kw):  # noqa: N802
    return StrictInt(validate=validate.Range(minimum, MAX_FEN), **kw)


EARLIEST, LATEST = datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC)


def Moment(**kw):  # noqa: N802
    """ISO 8601 with its offset, from 2000 to 2100 (dates an activity can
    sensibly have, and that every time zone can hold)."""
    metadata = kw.pop("metadata", {})
    metadata["description"] = " ".join(filter(None, (
        "ISO 8601 with an offset, from 2000-01-01 to 2100-01-01 UTC.",
        metadata.get("description"))))
    return fields.AwareDateTime(validate=validate.Range(EARLIEST, LATEST), metadata=metadata,
                                **kw)


def Text(max_len: int, min_len: int = 0, **kw):  # noqa: N802
    """A string of min_len to max_len characters, none of them NUL."""
    metadata = {"pattern": STORABLE_PATTERN, **kw.pop("metadata", {})}
    return fields.String(validate=[validate.Length(min_len, max_len), _storable],
                         metadata=metadata, **kw)


class StrictBool(fields.Boolean):
    """JSON true or false only. marshmallow's truthy/falsy sets would take 1
    and 0 as well (1 == True in Python), which the document does not allow."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class Strict(Schema):
    class Meta:
        unknown = RAISE


class PageArgs(Strict):
    """Query strings carry text, so these parse "2" as 2 (and refuse "2.5")."""

    page = fields.Integer(load_default=1, validate=validate.Range(1, 10_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class PageMeta(Schema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()


def page_of(items, total: int, args: dict) -> dict:
    return {"items": items, "meta": {"page": args["page"], "per_page": args["per_page"],
                                     "total": total}}
