"""Pictures for the demo products, drawn with Pillow at seed time (nothing
shipped, nothing fetched): a square in the product's own colour with a
simple drawing and its title, stored through the Storage like any upload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy.orm import Session

from app.catalog.models import Product
from app.uploads import products, service
from app.uploads.storage import Storage

SIDE = 800
INK = (255, 255, 255)


@dataclass(frozen=True)
class Pictures:
    """Where the demo's pictures go and the address they are served at."""

    store: Storage
    base_url: str


def draw(title: str, colour: tuple[int, int, int]) -> bytes:
    """A PNG: the colour, a lighter disc and the title's words, one a line."""
    img = Image.new("RGB", (SIDE, SIDE), colour)
    pen = ImageDraw.Draw(img)
    light = tuple(min(255, c + 60) for c in colour)
    pen.ellipse((200, 120, 600, 520), fill=light)
    font = ImageFont.load_default(size=44)
    for i, word in enumerate(title.split()[:4]):
        pen.text((SIDE // 2, 580 + 52 * i), word, font=font, fill=INK, anchor="mm")
    buf = BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def give(session: Session, pictures: Pictures, *, product: Product, colour: tuple[int, int, int],
         user_id: int, now: datetime) -> None:
    """Store the product's picture as its merchant's upload and make it the cover."""
    upload = service.store(session, pictures.store, data=draw(product.title, colour),
                           user_id=user_id, merchant_id=product.merchant_id,
                           purpose="product", now=now)
    products.replace(session, product, [upload],
                     service.media_url(upload.key, base_url=pictures.base_url))
