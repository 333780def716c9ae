"""Share posters drawn with Pillow: product image, title, price, QR code and
the sharer's name on a 750x1334 canvas (the usual phone-poster size).

The product image is only ever read from this app's own static folders
or its stored uploads (/media/..., through the reader the caller gives);
any other URL gets a neutral placeholder. Remote images are never fetched
(that would let a merchant make the server request any address: SSRF).

Every word is drawn with one CJK font file (app/sharing/fonts.py); what a
poster says for each kind of share is in poster_cards.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from io import BytesIO
from urllib.parse import unquote, urlsplit

from flask import Flask
from PIL import Image, ImageDraw, ImageFont, ImageOps
from werkzeug.security import safe_join

from app.money import yuan
from app.sharing import fonts
from app.sharing.poster_cards import Card

WIDTH, HEIGHT = 750, 1334
PHOTO = (0, 0, 750, 750)
QR_SIZE, QR_AT = 280, (440, 1010)
MAX_PIXELS = 25_000_000
BACKGROUND, PLACEHOLDER, INK, PRICE, MUTED = (
    (255, 255, 255), (230, 230, 230), (34, 34, 34), (230, 0, 40), (120, 120, 120))
BANNER, BANNER_RING, BANNER_SIZE = (238, 10, 36), (245, 70, 80), 120
TITLE_AT, TITLE_SIZE, TITLE_LINE = (40, PHOTO[3] + 30), 40, 52


Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def font(size: int, path: str = fonts.DEFAULT_PATH) -> Font:
    return fonts.load(path, size)


def static_dirs(app: Flask) -> dict[str, str]:
    """URL prefix -> folder, for the app's and every blueprint's static files."""
    dirs = {}
    for owner in (app, *app.blueprints.values()):
        if owner.static_folder and owner.static_url_path:
            prefix = (getattr(owner, "url_prefix", None) or "") + owner.static_url_path
            dirs[prefix.rstrip("/")] = owner.static_folder
    return dirs


MEDIA_PREFIX = "/media/"
# a stored upload's bytes by the rest of its /media/ path ("<key>", "<key>/thumb"), or None
MediaReader = Callable[[str], bytes | None]


def local_image(image_url: str, base_url: str, dirs: dict[str, str],
                media: MediaReader | None = None) -> Image.Image | None:
    """The image at `image_url` if it is one of our static files or stored
    uploads, else None."""
    url, base = urlsplit(image_url), urlsplit(base_url)
    if (url.scheme or url.netloc) and (url.scheme, url.netloc) != (base.scheme, base.netloc):
        return None
    path = unquote(url.path)
    if media is not None and path.startswith(MEDIA_PREFIX):
        data = media(path[len(MEDIA_PREFIX):])
        return _open(BytesIO(data)) if data else None
    for prefix in sorted(dirs, key=len, reverse=True):
        if path.startswith(prefix + "/"):
            file = safe_join(dirs[prefix], path[len(prefix) + 1:])
            return _open(file) if file and os.path.isfile(file) else None
    return None


def _open(file) -> Image.Image | None:
    """Read an image, refusing decompression bombs and broken files."""
    try:
        with Image.open(file) as img:
            if img.width * img.height > MAX_PIXELS:
                return None
            return img.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def wrap(text: str, fnt, width: int, max_lines: int) -> list[str]:
    """Greedy wrap by pixel width, at spaces where possible, otherwise between
    characters (CJK has no spaces); the last line ends in … when cut."""
    lines, line = [], ""
    for char in " ".join(text.split()):
        if fnt.getlength(line + char) <= width:
            line += char
            continue
        head, space, tail = line.rpartition(" ")
        lines.append(head if space else line)
        line = (tail if space else "") + char.lstrip()
    lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and fnt.getlength(last + "…") > width:
            last = last[:-1]
        lines = [*lines[:max_lines - 1], last + "…"]
    return lines


def _photo(canvas: Image.Image, photo: Image.Image | None, fnt, banner: str,
           banner_font) -> None:
    """The picture; without one, the card's banner on the brand red (an
    invite or a community has no picture of its own), else a placeholder."""
    box = (PHOTO[2] - PHOTO[0], PHOTO[3] - PHOTO[1])
    if photo is not None:
        canvas.paste(ImageOps.fit(photo, box), PHOTO[:2])
        return
    if banner:  # drawn apart, so the rings stay inside the picture's box
        art = Image.new("RGB", box, BANNER)
        pen = ImageDraw.Draw(art)
        for cx, cy, r in ((640, 90, 170), (90, 690, 130)):  # two soft rings
            pen.ellipse((cx - r, cy - r, cx + r, cy + r), outline=BANNER_RING, width=24)
        pen.text((box[0] // 2, box[1] // 2), banner, font=banner_font, fill=BACKGROUND,
                 anchor="mm")
        canvas.paste(art, PHOTO[:2])
        return
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((PHOTO[0], PHOTO[1], PHOTO[2] - 1, PHOTO[3] - 1), fill=PLACEHOLDER)
    draw.text((box[0] // 2, box[1] // 2), "暂无图片", font=fnt, fill=MUTED, anchor="mm")


def render(card: Card, *, photo: Image.Image | None, qr: Image.Image,
           font_path: str = fonts.DEFAULT_PATH) -> bytes:
    """The poster as PNG bytes: photo, title (2 lines), price with its label,
    a note, the QR code, who shares and how to open it."""
    def fnt(size: int):
        return font(size, font_path)

    canvas = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    _photo(canvas, photo, fnt(36), card.banner, fnt(BANNER_SIZE))
    draw = ImageDraw.Draw(canvas)
    x, y = TITLE_AT
    for line in wrap(card.title, fnt(TITLE_SIZE), WIDTH - 80, 2):
        draw.text((x, y), line, font=fnt(TITLE_SIZE), fill=INK)
        y += TITLE_LINE
    if card.price_fen is not None:
        label = f"{card.price_label} " if card.price_label else ""
        draw.text((40, y + 16), f"{label}¥{yuan(card.price_fen)}", font=fnt(56), fill=PRICE)
        y += 80
    if card.note:
        draw.text((40, y + 16), wrap(card.note, fnt(28), WIDTH - 80, 1)[0], font=fnt(28),
                  fill=MUTED)
    canvas.paste(qr, (QR_AT[0] + (QR_SIZE - qr.width) // 2, QR_AT[1] + (QR_SIZE - qr.height) // 2))
    for i, text in enumerate(wrap(card.sharer_line, fnt(30), 380, 2)):
        draw.text((40, 1100 + 40 * i), text, font=fnt(30), fill=INK)
    draw.text((40, 1200), card.footer, font=fnt(26), fill=MUTED)
    buf = BytesIO()
    canvas.save(buf, "PNG")
    return buf.getvalue()
