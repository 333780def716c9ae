"""The posters' font: one CJK font file, named by POSTER_FONT, by default
Debian's WenQuanYi Micro Hei (package fonts-wqy-microhei, which the run and
test commands install through scripts/_venv.sh). There is no search through
system folders: the same file draws every poster, on every machine.

Production refuses to start when the file is missing (app/production.py),
rather than draw Chinese titles as boxes. Elsewhere a missing font is a
warning at start-up and posters fall back to Pillow's built-in font.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache

from PIL import ImageFont

DEFAULT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
# an unassigned code point: every font draws its .notdef glyph (the box) for it
NOTDEF_PROBE = "\u0378"
CJK_PROBE = "铁观音"

log = logging.getLogger(__name__)


def usable(path: str) -> bool:
    return bool(path) and os.path.isfile(path) and os.access(path, os.R_OK)


@lru_cache(maxsize=32)
def load(path: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """The font at `path` in `size` px; Pillow's built-in one if the file is missing."""
    if usable(path):
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def draws_cjk(path: str) -> bool:
    """The font has real glyphs for CJK_PROBE: each differs from its .notdef box."""
    if not usable(path):
        return False
    fnt = ImageFont.truetype(path, 40)
    box = bytes(fnt.getmask(NOTDEF_PROBE))
    return all(bytes(fnt.getmask(char)) not in (box, b"") for char in CJK_PROBE)


def check(path: str) -> bool:
    """Start-up check (outside production): warn when posters would draw boxes."""
    if draws_cjk(path):
        return True
    log.warning("POSTER_FONT %r is no usable CJK font: Chinese text on posters will be "
                "boxes (install fonts-wqy-microhei or set POSTER_FONT)", path)
    return False
