"""Test files, made on the spot (small, except the one that must be big)."""

from __future__ import annotations

import struct
import zipfile
import zlib
from io import BytesIO

from PIL import Image

GPS_IFD, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F


def jpeg(size=(400, 300), colour=(200, 30, 40), **save) -> bytes:
    buf = BytesIO()
    Image.new("RGB", size, colour).save(buf, "JPEG", quality=95, **save)
    return buf.getvalue()


def jpeg_with_gps(size=(400, 300), orientation: int = 6) -> bytes:
    """A camera JPEG: make, orientation (6: turn 90 degrees) and a GPS position."""
    exif = Image.Exif()
    exif[MAKE] = "PhoneCam"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (30.0, 15.0, 7.5), "E", (120.0, 9.0, 1.5)
    return jpeg(size, exif=exif.tobytes())


def png_rgba(size=(64, 48)) -> bytes:
    buf = BytesIO()
    Image.new("RGBA", size, (10, 200, 30, 128)).save(buf, "PNG")
    return buf.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def huge_png(width: int = 7100, height: int = 7100) -> bytes:
    """A real single-colour PNG of width x height (50 megapixels by default),
    compressed to a few hundred kilobytes; made row by row, never in memory whole."""
    row = b"\x00" + b"\x00" * (width * 3)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", idat)
            + _chunk(b"IEND", b""))


SVG = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
       b'height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>')


def zip_file() -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("payload.html", "<script>alert(1)</script>")
    return buf.getvalue()


def twenty_mb() -> bytes:
    """A JPEG's first bytes and then 20 MB."""
    return b"\xff\xd8\xff\xe0" + b"\x00" * (20 * 1024 * 1024)


def polyglot() -> bytes:
    """A valid JPEG with a zip glued on after its end."""
    return jpeg() + zip_file()
