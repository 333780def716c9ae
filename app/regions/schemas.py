"""Region schemas: 6-digit codes as strings (leading digit 1-9)."""

from marshmallow import Schema, fields, validate

from app.schema import Strict

CODE_PATTERN = r"^[1-9][0-9]{5}$"


def RegionCode(**kw):  # noqa: N802 - a field factory reads like a type
    """A 6-digit GB/T 2260 code, as a string."""
    metadata = {"pattern": CODE_PATTERN, "example": "330106", **kw.pop("metadata", {})}
    return fields.String(validate=validate.Regexp(CODE_PATTERN), metadata=metadata, **kw)


class RegionArgs(Strict):
    parent = RegionCode(metadata={"description": "A province's or city's code; none: the "
                                                 "provinces."})


class PlaceOut(Schema):
    code = fields.String()
    name = fields.String()
    level = fields.String(metadata={"enum": ["province", "city", "district"]})
    leaf = fields.Boolean(metadata={"description": "Nothing below: an address may name it."})


class RegionsOut(Schema):
    source = fields.String(metadata={"description": "The dataset and its version."})
    parent = fields.Nested(PlaceOut, allow_none=True)
    items = fields.List(fields.Nested(PlaceOut))


class DistrictNode(Schema):
    code = fields.String()
    name = fields.String()


class CityNode(Schema):
    code = fields.String()
    name = fields.String()
    children = fields.List(fields.Nested(DistrictNode), metadata={
        "description": "Absent for a city without districts."})


class ProvinceNode(Schema):
    code = fields.String()
    name = fields.String()
    children = fields.List(fields.Nested(CityNode))


class TreeOut(Schema):
    source = fields.String()
    items = fields.List(fields.Nested(ProvinceNode))
