"""Upload schemas: the multipart upload, what is answered, product pictures."""

from flask_smorest.fields import Upload as FilePart
from marshmallow import fields, validate

from app.catalog.schemas import PictureOut
from app.schema import Strict, Text
from app.uploads import rules

FILE_DOC = (f"A JPEG, PNG, WebP or GIF image of at most {rules.MAX_BYTES} bytes and "
            f"{rules.MAX_PIXELS} pixels, known by its content (never its name). It is "
            "decoded and stored re-encoded (JPEG, or PNG with transparency): upright, "
            "without EXIF, GPS or other metadata.")


def Key(**kw):  # noqa: N802 - a field factory reads like a type
    metadata = {"description": "An upload's id.", **kw.pop("metadata", {})}
    return Text(64, 1, metadata=metadata, **kw)


class BuyerUploadIn(Strict):
    file = FilePart(required=True, metadata={"description": FILE_DOC})
    purpose = fields.String(required=True, validate=validate.OneOf(rules.BUYER_PURPOSES),
                            metadata={"description": "What the image is for: claimed later "
                                                     "for that purpose only."})


class StaffUploadIn(Strict):
    file = FilePart(required=True, metadata={"description": FILE_DOC})
    purpose = fields.String(load_default="product", validate=validate.OneOf(("product",)))


class UploadOut(PictureOut):
    content_type = fields.String(metadata={"enum": sorted(rules.SUFFIXES)})
    bytes = fields.Integer(metadata={"description": "Of the stored image."})


class ProductImagesIn(Strict):
    images = fields.List(Key(), required=True, validate=validate.Length(0, 100), metadata={
        "description": f"Upload ids (the merchant's, purpose product) in order, at most "
                       f"{rules.MAX_IMAGES} (else 422 `too_many_images`); the first is the "
                       "cover; [] removes every picture."})


class AvatarIn(Strict):
    upload = Key(required=True, metadata={"description": "One of your uploads with purpose "
                                                         "avatar."})
