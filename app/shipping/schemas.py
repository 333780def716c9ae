"""Shipping schemas: a package asked for, the carriers, a batch file and
its answer per row."""

from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from app.apidoc.errors import ErrorBody
from app.orders import rules as order_rules
from app.schema import Id, Strict, StrictInt, Text
from app.shipping import batch


class ShipLineIn(Strict):
    line_id = Id(required=True)
    quantity = StrictInt(required=True, validate=validate.Range(1, order_rules.MAX_QUANTITY))


LINES_RULE = ("The order lines and units this package carries (a line named twice adds up). "
              "Left out: every unit still to ship. More than a line has left to ship is "
              "422 `exceeds_shippable`, naming each such line.")


class ShipIn(Strict):
    carrier = Text(40, 1, required=True, metadata={
        "description": "A carrier's code (`SF`), Chinese or English name, or Kuaidi100 code "
                       "(GET /api/v1/carriers); else 422 `carrier_unknown`."})
    tracking_no = Text(64, 1, required=True, metadata={
        "description": "Checked against the carrier's number format (by shape only; spaces "
                       "and dashes dropped, letters upper-cased); else 422 "
                       "`tracking_no_invalid`."})
    lines = fields.List(fields.Nested(ShipLineIn), validate=validate.Length(
        1, order_rules.MAX_LINES), metadata={"description": LINES_RULE})


class CarrierOut(Schema):
    code = fields.String()
    name_zh = fields.String()
    name_en = fields.String()
    kuaidi100 = fields.String(metadata={"description": "Kuaidi100's company code."})
    example = fields.String(metadata={"description": "A tracking number of the right shape."})


class BatchFileIn(Strict):
    file = Upload(required=True, metadata={"description": (
        f"A CSV (UTF-8 or GB18030) or XLSX file of at most {batch.MAX_BYTES} bytes and "
        f"{batch.MAX_ROWS} rows, whose header row names the columns 订单号 / order_id, "
        "快递公司 / carrier (code or name) and 快递单号 / tracking_no.")})


class BatchRowOut(Schema):
    row = fields.Integer(metadata={"description": "The row's number in the sheet (header: 1)."})
    order_id = fields.Integer(allow_none=True)
    ok = fields.Boolean()
    package_id = fields.Integer(metadata={"description": "When ok."})
    status = fields.String(metadata={"description": "The order's status after it, when ok."})
    error = fields.Nested(ErrorBody, metadata={"description": "Why the row did not ship."})


class BatchOut(Schema):
    total = fields.Integer()
    shipped = fields.Integer()
    failed = fields.Integer()
    rows = fields.List(fields.Nested(BatchRowOut))


class TemplateArgs(Strict):
    format = fields.String(load_default="xlsx", validate=validate.OneOf(("xlsx", "csv")))
