"""The image pipeline, apart from Flask and storage: bytes in, clean
encoded images out, or a DomainError with its code.

Order of checks: empty, over MAX_BYTES, the first bytes (rules.sniff),
then the size from the header alone (Pillow reads no pixels on open), and
only then the decode. Decoding keeps pixels only: the EXIF orientation is
applied and then every piece of metadata (EXIF, GPS, XMP, comments, text
chunks, an ICC profile after converting to sRGB) and anything after the
image's end (a zip glued on: a polyglot) is dropped by re-encoding. JPEG
at quality 85, PNG for images with transparency; the first frame of an
animation. A thumbnail (longest side rules.THUMB_SIDE) comes with it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageCms, ImageOps

from app.errors import DomainError
from app.uploads import rules
from app.uploads.errors import (
    EmptyFile,
    FileTooLarge,
    ImageTooLarge,
    ImageUnreadable,
    UnsupportedImage,
)

PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Encoded:
    data: bytes
    content_type: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Processed:
    image: Encoded
    thumb: Encoded


def check_bytes(data: bytes) -> str:
    """The sniffed format, or the error for an empty, too large or
    unsupported file."""
    if not data:
        raise EmptyFile()
    if len(data) > rules.MAX_BYTES:
        raise FileTooLarge(details={"max_bytes": rules.MAX_BYTES})
    fmt = rules.sniff(data[:16])
    if fmt is None:
        raise UnsupportedImage(details={"accepted": sorted(PIL_FORMATS)})
    return fmt


def process(data: bytes) -> Processed:
    """Check, decode and re-encode `data`; the clean image and its thumbnail."""
    fmt = check_bytes(data)
    pixels = _decode(data, fmt)
    has_alpha = "A" in pixels.getbands()
    thumb = pixels.copy()
    thumb.thumbnail(rules.thumb_size(*pixels.size), Image.Resampling.LANCZOS)
    return Processed(_encode(pixels, has_alpha), _encode(thumb, has_alpha))


def _decode(data: bytes, fmt: str) -> Image.Image:
    """Pixels only, upright, in RGB or RGBA (sRGB)."""
    try:
        with Image.open(BytesIO(data), formats=[PIL_FORMATS[fmt]]) as img:
            width, height = img.size
            if not rules.within_pixels(width, height):
                raise ImageTooLarge(details={"width": width, "height": height,
                                             "max_pixels": rules.MAX_PIXELS})
            img.seek(0)
            img.load()
            return _clean(img)
    except DomainError:
        raise
    except Image.DecompressionBombError as exc:  # Pillow's own, past twice its limit
        raise ImageTooLarge(details={"max_pixels": rules.MAX_PIXELS}) from exc
    except Exception as exc:  # a damaged file: Pillow raises many kinds
        raise ImageUnreadable() from exc


def _clean(img: Image.Image) -> Image.Image:
    upright = ImageOps.exif_transpose(img) or img
    icc = img.info.get("icc_profile")
    mode = "RGBA" if _has_alpha(upright) else "RGB"
    pixels = upright.convert(mode)
    if icc:
        pixels = _to_srgb(pixels, icc, mode)
    # a new image given the pixels alone: no info, no EXIF, no profile carried over
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)
    return clean


def _has_alpha(img: Image.Image) -> bool:
    return img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info


def _to_srgb(img: Image.Image, icc: bytes, mode: str) -> Image.Image:
    """Colours as the profile meant them, in sRGB (the profile itself is not
    kept); a profile Little CMS cannot use leaves the pixels as they are."""
    try:
        source = ImageCms.ImageCmsProfile(BytesIO(icc))
        return ImageCms.profileToProfile(img, source, _SRGB, outputMode=mode) or img
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img


def _encode(img: Image.Image, has_alpha: bool) -> Encoded:
    buf = BytesIO()
    if has_alpha:
        img.save(buf, "PNG", optimize=False)
        content_type = "image/png"
    else:
        img.save(buf, "JPEG", quality=rules.JPEG_QUALITY, optimize=True, progressive=True)
        content_type = "image/jpeg"
    return Encoded(buf.getvalue(), content_type, img.width, img.height)
