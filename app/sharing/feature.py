"""Sharing: shares, scene codes, QR codes and posters (the buyers' routes
are in miniprogram_api), the "share" order source and the product and
invite share targets."""

from flask import current_app

from app.feature import Feature
from app.sharing import fonts, service, targets


def poster_font_check() -> bool:
    """Warn at start-up when posters would draw Chinese as boxes (production refuses)."""
    return fonts.check(current_app.extensions["mall.settings"].poster_font)


FEATURE = Feature(
    name="sharing",
    models=("app.sharing.models",),
    order_sources={"share": service.sharer_of},
    share_targets={"product": targets.describe_product, "invite": targets.describe_invite},
    startup_checks=(poster_font_check,),
)
