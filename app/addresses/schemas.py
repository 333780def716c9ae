"""Address schemas. The client sends a region code; the names come from
the server's dataset."""

from marshmallow import Schema, ValidationError, fields, validate, validates

from app.addresses import rules
from app.regions.schemas import RegionCode
from app.schema import Strict, StrictBool, Text


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must not be blank.")


def Mobile(**kw):  # noqa: N802 - a field factory reads like a type
    """A mainland China mobile number (11 digits, 1 then 3-9)."""
    return fields.String(validate=validate.Regexp(rules.MOBILE_PATTERN,
                                                  error="Not a mobile phone number."),
                         metadata={"pattern": rules.MOBILE_PATTERN, "example": "13812341234"},
                         **kw)


class AddressIn(Strict):
    recipient = Text(rules.RECIPIENT_MAX, 1, required=True)
    phone = Mobile(required=True)
    region_code = RegionCode(required=True, metadata={
        "description": "A district's code (a `leaf` of /mp/v1/regions)."})
    detail = Text(rules.DETAIL_MAX, 1, required=True,
                  metadata={"description": "Street, building, room."})
    tag = Text(rules.TAG_MAX, load_default="", metadata={"description": "Home, office, ..."})
    is_default = StrictBool(load_default=False,
                            metadata={"description": "Make it the default (the first "
                                                     "address is the default anyway)."})

    @validates("recipient", "detail")
    def _filled(self, value: str, data_key: str) -> None:
        _not_blank(value)


class AddressPatch(Strict):
    """Only what is given changes."""

    recipient = Text(rules.RECIPIENT_MAX, 1)
    phone = Mobile()
    region_code = RegionCode()
    detail = Text(rules.DETAIL_MAX, 1)
    tag = Text(rules.TAG_MAX)
    is_default = StrictBool(validate=validate.Equal(
        True, error="One address is always the default: make another one the default."),
        metadata={"enum": [True], "description": "true: make it the default (the old one "
                                                 "stops being it)."})

    @validates("recipient", "detail")
    def _filled(self, value: str, data_key: str) -> None:
        _not_blank(value)


class AddressOut(Schema):
    id = fields.Integer()
    recipient = fields.String()
    phone = fields.String()
    region_code = fields.String()
    province = fields.String()
    city = fields.String()
    district = fields.String(metadata={"description": "\"\" for a city without districts."})
    detail = fields.String()
    tag = fields.String()
    is_default = fields.Boolean()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
