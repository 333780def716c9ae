"""Products' pictures: an ordered list of the merchant's own "product"
uploads (any of its staff may have uploaded them), at most 9, replaced
whole. The first is the cover: the product's `image_url` becomes its URL
(carts, shares, posters and live pins show it), or "" with no pictures.
The catalogue reads them through the lookup registered here."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.catalog import pictures
from app.catalog.models import Product
from app.catalog.service import staff_product
from app.uploads import rules, service
from app.uploads.models import ProductImage, Upload


def set_images(session: Session, *, staff_id: int, merchant_id: int, product_id: int,
               keys: list[str]) -> Product:
    """Replace the product's pictures with `keys`, in that order."""
    product = staff_product(session, staff_id, merchant_id, product_id)
    uploads = service.claim_for_merchant(session, merchant_id=merchant_id, keys=keys,
                                         limit=rules.MAX_IMAGES)
    replace(session, product, uploads, service.media_url(uploads[0].key) if uploads else "")
    pictures.attach(session, [product])
    return product


def replace(session: Session, product: Product, uploads: list[Upload], cover_url: str) -> None:
    """The product's pictures become `uploads` (checked by the caller)."""
    session.execute(delete(ProductImage).where(ProductImage.product_id == product.id))
    session.add_all(ProductImage(product_id=product.id, position=i, upload_id=u.id)
                    for i, u in enumerate(uploads))
    product.image_url = cover_url
    session.flush()


def images_of(session: Session, product_ids: list[int]) -> dict[int, list[dict]]:
    """{product id: its pictures in order} for those that have any."""
    rows = session.execute(select(ProductImage.product_id, Upload)
                           .join(Upload, Upload.id == ProductImage.upload_id)
                           .where(ProductImage.product_id.in_(product_ids))
                           .order_by(ProductImage.product_id, ProductImage.position))
    found: dict[int, list[dict]] = {}
    for product_id, upload in rows:
        found.setdefault(product_id, []).append(service.public(upload))
    return found


pictures.register(images_of)
