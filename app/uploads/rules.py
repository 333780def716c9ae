"""Upload rules. Pure: stdlib only.

An image is known by its first bytes, never by its name or the type the
client claims: JPEG, PNG, WebP and GIF only (SVG, XML, PDF, zip and the
rest are refused). Limits: MAX_BYTES per file, MAX_PIXELS per image
(read from the header before anything is decoded)."""

from __future__ import annotations

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
THUMB_SIDE = 320  # a thumbnail's longest side, in pixels
JPEG_QUALITY = 85
MAX_IMAGES = 9  # photos on one review or after-sale, pictures of one product

PURPOSES = ("product", "review", "after_sale", "avatar")
BUYER_PURPOSES = ("review", "after_sale", "avatar")

# content types we store (what the pipeline writes) and their file suffixes
SUFFIXES = {"image/jpeg": "jpg", "image/png": "png"}


def sniff(head: bytes) -> str | None:
    """The image format the first bytes announce ("jpeg", "png", "webp",
    "gif"), or None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    return None


def within_pixels(width: int, height: int) -> bool:
    return width > 0 and height > 0 and width * height <= MAX_PIXELS


def thumb_size(width: int, height: int, side: int = THUMB_SIDE) -> tuple[int, int]:
    """The thumbnail's size: the longest side `side` (never enlarged), the
    other scaled to keep the ratio, at least 1 pixel."""
    longest = max(width, height)
    if longest <= side:
        return width, height
    return max(1, round(width * side / longest)), max(1, round(height * side / longest))


def unique(keys: list[str]) -> list[str]:
    """Keys in their first order, each once (the same photo twice is one photo)."""
    return list(dict.fromkeys(keys))


def may_attach(count: int, limit: int = MAX_IMAGES) -> bool:
    return count <= limit
