"""Payment request and response schemas."""

from marshmallow import Schema, fields, validate

from app.orders import rules as order_rules
from app.schema import Fen, Id, Strict, StrictBool, StrictInt, Text

REFUND_KEY = validate.Regexp(r"^[0-9A-Za-z_\-|*@]{1,64}$",
                             error="1-64 characters from 0-9 A-Z a-z _ - | * @.")


class RefundLineIn(Strict):
    line_id = Id(required=True)
    quantity = StrictInt(required=True, validate=validate.Range(0, order_rules.MAX_QUANTITY))
    amount_fen = Fen(1)


class RefundIn(Strict):
    refund_id = fields.String(required=True, validate=REFUND_KEY)
    lines = fields.List(fields.Nested(RefundLineIn), required=True,
                        validate=validate.Length(1, order_rules.MAX_LINES))
    reason = Text(80, load_default="")
    restock = StrictBool(load_default=True)


class RefundLineOut(Schema):
    order_line_id = fields.Integer()
    quantity = fields.Integer()
    amount_fen = fields.Integer()


class RefundOut(Schema):
    id = fields.Integer()
    refund_id = fields.String(attribute="refund_key")
    order_id = fields.Integer()
    out_refund_no = fields.String()
    kind = fields.String()
    status = fields.String()
    amount_fen = fields.Integer()
    postage_fen = fields.Integer(metadata={
        "description": "Of amount_fen, the postage: given back with the refund that takes "
                       "the order's last refundable units."})
    reason = fields.String()
    restock = fields.Boolean()
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
    lines = fields.List(fields.Nested(RefundLineOut))


class RequestPaymentOut(Schema):
    appId = fields.String()  # noqa: N815 - wx.requestPayment's own names
    timeStamp = fields.String()  # noqa: N815
    nonceStr = fields.String()  # noqa: N815
    package = fields.String()
    signType = fields.String()  # noqa: N815
    paySign = fields.String()  # noqa: N815


class PrepayOut(Schema):
    provider = fields.String()
    out_trade_no = fields.String()
    amount_fen = fields.Integer()
    request_payment = fields.Nested(RequestPaymentOut)


class SandboxPayOut(Schema):
    out_trade_no = fields.String()
    transaction_id = fields.String()
    delivery = fields.String()


class NoticeResourceDoc(Schema):
    """The encrypted part of a notice (AEAD_AES_256_GCM with the APIv3 key)."""

    algorithm = fields.String(required=True, metadata={"enum": ["AEAD_AES_256_GCM"]})
    ciphertext = fields.String(required=True, metadata={"description": "Base64."})
    nonce = fields.String(required=True)
    associated_data = fields.String()
    original_type = fields.String(required=True, metadata={"example": "transaction"})


class NoticeDoc(Schema):
    """A WeChat Pay v3 notice, for the document only: the endpoint verifies the
    raw bytes, so it reads them itself."""

    id = fields.String(required=True)
    create_time = fields.String(required=True)
    event_type = fields.String(required=True, metadata={
        "description": "TRANSACTION.* (a payment) or REFUND.* (a refund); others are "
                       "recorded and ignored."})
    resource_type = fields.String(metadata={"example": "encrypt-resource"})
    summary = fields.String()
    resource = fields.Nested(NoticeResourceDoc, required=True)


NOTICE_HEADERS = [
    {"in": "header", "name": name, "required": True, "schema": {"type": "string"},
     "description": text}
    for name, text in (
        ("Wechatpay-Signature", "Base64 SHA256withRSA over `timestamp\\nnonce\\nbody\\n`."),
        ("Wechatpay-Timestamp", "Unix seconds; more than 300 s away is 401 `stale_timestamp`."),
        ("Wechatpay-Nonce", "The random string that was signed."),
        ("Wechatpay-Serial", "The serial of the WeChat Pay key that signed (else 401 "
                             "`unknown_serial`)."),
    )
]
