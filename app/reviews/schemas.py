"""Review request and response schemas."""

from marshmallow import Schema, ValidationError, fields, validate, validates

from app.reviews import rules
from app.schema import MAX_ID, Id, PageArgs, PageMeta, Strict, StrictBool, StrictInt, Text


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must not be blank.")


def ImageKeys():  # noqa: N802 - a field factory reads like a type
    return fields.List(fields.String(validate=validate.Length(1, 100)),
                       validate=validate.Length(max=rules.MAX_IMAGES), load_default=list,
                       metadata={"description": f"Up to {rules.MAX_IMAGES} upload keys "
                                                "(the buyer's own uploads of purpose review)."})


class ProductReviewIn(Strict):
    order_line_id = Id(required=True)
    rating = StrictInt(required=True, validate=validate.Range(rules.MIN_RATING,
                                                              rules.MAX_RATING))
    content = Text(rules.TEXT_MAX, load_default="",
                   metadata={"description": "May be empty: a rating alone is a review."})
    anonymous = StrictBool(load_default=False, metadata={
        "description": "Shown as a masked nickname (\"a***e\")."})
    images = ImageKeys()


class FollowUpIn(Strict):
    content = Text(rules.TEXT_MAX, 1, required=True)
    images = ImageKeys()

    @validates("content")
    def _filled(self, value: str, data_key: str) -> None:
        _not_blank(value)


class ReportIn(Strict):
    reason = Text(rules.REASON_MAX, 1, required=True, metadata={
        "description": "Why: advertising, abuse, not about the product, ..."})

    @validates("reason")
    def _filled(self, value: str, data_key: str) -> None:
        _not_blank(value)


class ReplyIn(Strict):
    content = Text(rules.REPLY_MAX, 1, required=True)

    @validates("content")
    def _filled(self, value: str, data_key: str) -> None:
        _not_blank(value)


class KeywordsIn(Strict):
    words = fields.List(Text(rules.KEYWORD_MAX, 1), required=True,
                        validate=validate.Length(max=rules.MAX_KEYWORDS), metadata={
                            "description": "The merchant's whole list (stripped, repeats "
                                           "dropped); [] empties it."})


class ProductReviewArgs(PageArgs):
    filter = fields.String(load_default="all", validate=validate.OneOf(rules.LIST_FILTERS),
                           metadata={"description": "good: 4-5 stars, neutral: 3, bad: 1-2; "
                                                    "with_pictures: with images."})


class QueueArgs(PageArgs):
    product_id = fields.Integer(validate=validate.Range(1, MAX_ID))
    rating = fields.Integer(validate=validate.Range(rules.MIN_RATING, rules.MAX_RATING))
    status = fields.String(validate=validate.OneOf(rules.STATUSES), metadata={
        "description": "pending: the review or its follow-up is held by the keyword filter."})
    hidden = fields.Boolean()
    reported = fields.Boolean(metadata={"description": "true: reported at least once."})
    with_pictures = fields.Boolean()


class ImageOut(Schema):
    id = fields.String(metadata={"description": "The upload's key."})
    url = fields.String()
    thumb_url = fields.String()
    width = fields.Integer(allow_none=True)
    height = fields.Integer(allow_none=True)


class FollowUpOut(Schema):
    content = fields.String()
    images = fields.List(fields.Nested(ImageOut))
    created_at = fields.DateTime()
    days_after = fields.Integer(metadata={"description": "Whole days after the review."})


class ReplyOut(Schema):
    content = fields.String()
    replied_at = fields.DateTime()


class ReviewOut(Schema):
    id = fields.Integer()
    product_id = fields.Integer()
    sku_id = fields.Integer()
    spec = fields.String(metadata={"description": "The SKU's spec the buyer bought."})
    rating = fields.Integer()
    content = fields.String()
    anonymous = fields.Boolean()
    nickname = fields.String(metadata={"description": "Masked (\"a***e\") when anonymous."})
    avatar_url = fields.String(metadata={"description": "\"\" when anonymous or none."})
    images = fields.List(fields.Nested(ImageOut))
    created_at = fields.DateTime()
    follow_up = fields.Nested(FollowUpOut, allow_none=True)
    reply = fields.Nested(ReplyOut, allow_none=True)


class OwnReviewOut(ReviewOut):
    order_id = fields.Integer()
    order_line_id = fields.Integer()
    status = fields.String(metadata={"enum": list(rules.STATUSES)})
    hidden = fields.Boolean()
    follow_up_status = fields.String(metadata={"enum": ["", *rules.STATUSES]})


class StaffReviewOut(OwnReviewOut):
    product_title = fields.String(metadata={"description": "The product's title now."})
    buyer_id = fields.Integer()
    buyer_nickname = fields.String()
    hidden_reason = fields.String(metadata={"enum": ["", rules.HIDDEN_BY_STAFF,
                                                     rules.HIDDEN_BY_REPORTS]})
    report_count = fields.Integer()
    replied_by = fields.Integer(allow_none=True)


class ReviewPage(Schema):
    items = fields.List(fields.Nested(ReviewOut))
    meta = fields.Nested(PageMeta)


class OwnReviewPage(Schema):
    items = fields.List(fields.Nested(OwnReviewOut))
    meta = fields.Nested(PageMeta)


class StaffReviewPage(Schema):
    items = fields.List(fields.Nested(StaffReviewOut))
    meta = fields.Nested(PageMeta)


class AwaitingLineOut(Schema):
    order_id = fields.Integer()
    order_line_id = fields.Integer(attribute="id")
    product_id = fields.Integer()
    sku_id = fields.Integer()
    title = fields.String()
    spec = fields.String()
    quantity = fields.Integer()


class AwaitingPage(Schema):
    items = fields.List(fields.Nested(AwaitingLineOut))
    meta = fields.Nested(PageMeta)


class SummaryOut(Schema):
    product_id = fields.Integer()
    count = fields.Integer()
    average = fields.Float(metadata={"description": "To one decimal; 0.0 with no review."})
    distribution = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "Reviews per rating, \"1\" to \"5\"."})
    good_rate_bps = fields.Integer(metadata={
        "description": "好评率: 4-5 star reviews in basis points (10000 = all)."})
    with_pictures = fields.Integer()


class KeywordsOut(Schema):
    words = fields.List(fields.String())
    platform_words = fields.List(fields.String(), metadata={
        "description": "Always blocked, for every merchant."})
