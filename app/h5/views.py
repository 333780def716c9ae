"""The buyer app: one HTML shell at /h5/ and its own static files under
/h5/static/ (the vendored libraries are the app's /static/vendor/).

Like the console, the page compiles its Vue templates in the browser, so
its answer alone allows `'unsafe-eval'` in script-src (H5_CSP), and `blob:`
in img-src (the preview of a photo the buyer picks before it is uploaded);
everything else is the strict page policy: this origin only, no inline
script or style."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for

from app.h5 import assets
from app.headers import PAGE_CSP

bp = Blueprint("h5", __name__, url_prefix="/h5", template_folder="templates",
               static_folder="static", static_url_path="/static")

# Vue's template compiler needs eval; Vant previews picked photos from blob:
# URLs, and the live room's players feed its video from blob: URLs (Media Source)
H5_CSP = PAGE_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'", 1) \
    .replace("img-src 'self' data:", "img-src 'self' data: blob:", 1) + "; media-src 'self' blob:"
assert H5_CSP.count("'unsafe-eval'") == 1 and H5_CSP.count("blob:") == 2


@bp.get("")
def no_slash():
    return redirect("/h5/", code=308)


@bp.get("/")
def shell():
    """The single page; its routes live after the '#' (#/product/7, #/orders/3)."""
    paths = {"vantEnglish": url_for("static", filename=assets.VANT_ENGLISH),
             "regions": url_for("static", filename=assets.REGIONS),
             "echarts": url_for("static", filename=assets.ECHARTS),
             "qrcode": url_for("static", filename=assets.QRCODE),
             "players": ",".join((url_for("static", filename=assets.HLS),
                                  url_for("static", filename=assets.MPEGTS),
                                  assets.SOCKET_IO))}
    html = render_template("h5/index.html", assets=assets, paths=paths)
    return html, 200, {"Content-Security-Policy": _csp(), "Cache-Control": "no-cache"}


def _csp() -> str:
    """H5_CSP, with the configured play domain (LIVE_PULL_BASE) beside this
    origin where the live room's players fetch and play."""
    base = current_app.extensions["mall.settings"].live_pull_base
    if not base.startswith(("http://", "https://")):
        return H5_CSP
    play = "/".join(base.split("/")[:3])
    return H5_CSP.replace("connect-src 'self'", f"connect-src 'self' {play}", 1) \
        .replace("media-src 'self' blob:", f"media-src 'self' blob: {play}", 1)
