"""Freight template schemas. Region codes are checked by
app.freight.regions.is_region_code; a code may stand in a template once (in
one group, or as not delivered)."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.freight import regions, rules
from app.schema import Fen, PageMeta, Strict, StrictInt, Text

MAX_UNITS = 1_000_000  # pieces, or grams (a tonne)
MAX_FEE_FEN = 1_000_000  # ten thousand yuan per parcel fee
MAX_GROUPS = 50
MAX_REGIONS = 500


def _region(code: str) -> None:
    if not regions.is_region_code(code):
        raise ValidationError("Not a region code (6 digits, GB/T 2260).")


def RegionCode():  # noqa: N802 - a field factory reads like a type
    return fields.String(validate=_region, metadata={
        "pattern": "^[0-9]{6}$",
        "description": "A province, city or district code (GB/T 2260), e.g. 330106."})


def Units(**kw):  # noqa: N802
    return StrictInt(validate=validate.Range(1, MAX_UNITS), **kw)


def Fee(**kw):  # noqa: N802
    return StrictInt(validate=validate.Range(0, MAX_FEE_FEN), **kw)


class FreightFeesIn(Strict):
    first_units = Units(load_default=1, metadata={
        "description": "Pieces (piece) or grams (weight) the first fee covers; flat ignores it."})
    first_fee_fen = Fee(required=True, metadata={"description": "Flat: the one fee."})
    additional_units = Units(load_default=1, metadata={
        "description": "Each further this many units, or part of them, adds the fee."})
    additional_fee_fen = Fee(load_default=0)
    free_over_fen = Fen(1, load_default=None, allow_none=True, metadata={
        "description": "Free when the template's goods (before discounts) reach this."})
    free_over_count = Units(load_default=None, allow_none=True, metadata={
        "description": "Free when the template's pieces reach this (with free_over_fen: "
                       "both must be met)."})


class FreightGroupIn(FreightFeesIn):
    regions = fields.List(RegionCode(), required=True,
                          validate=validate.Length(1, MAX_REGIONS))


class FreightTemplateIn(Strict):
    name = Text(60, 1, required=True)
    method = fields.String(required=True, validate=validate.OneOf(rules.METHODS))
    default = fields.Nested(FreightFeesIn, required=True, metadata={
        "description": "The fees wherever no group or refusal names the region."})
    groups = fields.List(fields.Nested(FreightGroupIn), load_default=list,
                         validate=validate.Length(0, MAX_GROUPS))
    not_delivered = fields.List(RegionCode(), load_default=list,
                                validate=validate.Length(0, MAX_REGIONS))

    @validates_schema
    def _each_region_once(self, data, **_):
        repeated = rules.repeated_regions((g["regions"] for g in data.get("groups", [])),
                                          data.get("not_delivered", []))
        if repeated:
            raise ValidationError(f"Named more than once: {', '.join(repeated)}.",
                                  field_name="groups")


class FreightFeesOut(Schema):
    first_units = fields.Integer()
    first_fee_fen = fields.Integer()
    additional_units = fields.Integer()
    additional_fee_fen = fields.Integer()
    free_over_fen = fields.Integer(allow_none=True)
    free_over_count = fields.Integer(allow_none=True)


class FreightGroupOut(FreightFeesOut):
    regions = fields.List(fields.String())


class FreightTemplateOut(Schema):
    id = fields.Integer()
    merchant_id = fields.Integer()
    name = fields.String()
    method = fields.String()
    default = fields.Nested(FreightFeesOut)
    groups = fields.List(fields.Nested(FreightGroupOut))
    not_delivered = fields.List(fields.String())
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class FreightTemplatePage(Schema):
    items = fields.List(fields.Nested(FreightTemplateOut))
    meta = fields.Nested(PageMeta)
