"""Sharing: shares, scene codes, QR codes and posters (the buyers' routes
are in miniprogram_api), the "share" order source and the product and
invite share targets."""

from app.feature import Feature
from app.sharing import service, targets

FEATURE = Feature(
    name="sharing",
    models=("app.sharing.models",),
    order_sources={"share": service.sharer_of},
    share_targets={"product": targets.describe_product, "invite": targets.describe_invite},
)
