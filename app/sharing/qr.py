"""QR codes for share URLs, drawn locally with `qrcode` (error correction M,
the standard 4-module quiet zone)."""

from __future__ import annotations

from io import BytesIO

import qrcode
from PIL import Image
from qrcode.image.pil import PilImage
from qrcode.image.svg import SvgPathImage

BORDER = 4


def _code(data: str, box_size: int = 10) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                         box_size=box_size, border=BORDER)
    code.add_data(data)
    code.make(fit=True)
    return code


def png(data: str) -> bytes:
    buf = BytesIO()
    _code(data).make_image(image_factory=PilImage).save(buf)
    return buf.getvalue()


def svg(data: str) -> bytes:
    """A standalone SVG document: one <path> for the dark modules."""
    buf = BytesIO()
    _code(data).make_image(image_factory=SvgPathImage).save(buf)
    return buf.getvalue()


def image(data: str, size_px: int) -> Image.Image:
    """An RGB QR image at most `size_px` square, whole pixels per module."""
    modules = _code(data, 1).modules_count + 2 * BORDER
    code = _code(data, max(1, size_px // modules))
    return code.make_image(image_factory=PilImage).get_image().convert("RGB")
