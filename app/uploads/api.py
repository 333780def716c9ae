"""Upload views: staff upload product pictures and set a product's
pictures; anyone fetches a stored image. (Buyers upload through
miniprogram_api/uploads.py.)"""

from flask import g

from app import clock
from app.catalog.schemas import ProductOut
from app.catalog.staff import staff_view
from app.ratelimit import limited
from app.schema import Blueprint as JsonBlueprint
from app.uploads import media, products, service
from app.uploads.multipart import Blueprint, image_body, read_file
from app.uploads.schemas import ProductImagesIn, StaffUploadIn, UploadOut

BINARY = {"type": "string", "format": "binary"}

staff_bp = Blueprint("staff_uploads", __name__, url_prefix="/api/v1/merchants/<int:merchant_id>",
                     description="Merchant staff: product pictures.")
media_bp = JsonBlueprint("media", __name__, url_prefix="/media",
                         description="Stored images (public, cached for a year).")


@staff_bp.post("/uploads")
@image_body
@staff_view
@limited("upload")
@staff_bp.arguments(StaffUploadIn, location="files")
@staff_bp.response(201, UploadOut)
def upload(form, merchant_id, session):
    """A product picture for this merchant (any of its staff may use it)."""
    created = service.store(session, service.storage(), data=read_file(form["file"]),
                            user_id=g.user_id, merchant_id=merchant_id, purpose="product",
                            now=clock.now())
    return service.described(created)


@staff_bp.put("/products/<int:product_id>/images")
@staff_view
@staff_bp.arguments(ProductImagesIn)
@staff_bp.response(200, ProductOut)
def set_images(data, merchant_id, product_id, session):
    """Replace the product's pictures, in order (the first is the cover).
    Another merchant's upload, or one not for products, is 404
    `upload_not_found`."""
    return products.set_images(session, staff_id=g.user_id, merchant_id=merchant_id,
                               product_id=product_id, keys=data["images"])


def _image(key: str, thumb: bool):
    return media.respond(service.storage(), key, thumb=thumb)


@media_bp.get("/<key>")
@media_bp.response(200, BINARY, content_type="image/jpeg",
                   description="The image (JPEG, or PNG with transparency).")
@media_bp.alt_response(200, schema=BINARY, content_type="image/png", success=True)
@media_bp.alt_response(304, description="Not modified (If-None-Match named its ETag).")
def image(key):
    return _image(key, thumb=False)


@media_bp.get("/<key>/thumb")
@media_bp.response(200, BINARY, content_type="image/jpeg",
                   description="The thumbnail: at most 320 px on its longest side.")
@media_bp.alt_response(200, schema=BINARY, content_type="image/png", success=True)
@media_bp.alt_response(304, description="Not modified (If-None-Match named its ETag).")
def thumb(key):
    return _image(key, thumb=True)
