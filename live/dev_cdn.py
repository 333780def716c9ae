"""The development CDN: outside production the app plays the demo stream
(live/demo_stream.py) to every room at the pull URLs it signs, checking each
signature as Tencent Cloud CSS does (live/signing.py), so the signing runs
end to end. GET /cdn/live/<stream>.m3u8 plays the demo's segments over and
over for half an hour; its segments carry the same signature.
GET /cdn/live/<stream>.flv is the demo as one FLV file. A bad signature answers 403
`stream_signature_invalid`, a passed txTime 403 `stream_url_expired`, no
demo stream (or production) 404 `stream_not_found`."""

from __future__ import annotations

import math

from flask import Blueprint, current_app, request, send_file

from app import clock
from app.errors import DomainError
from live import demo_stream, errors, signing

bp = Blueprint("live_dev_cdn", __name__, url_prefix=signing.DEV_CDN)

APP_NAME = "live"
PLAY_S = 1800  # how long the demo plays before its playlist ends


def playlist(durations: list[float], query: str, stream: str) -> str:
    """The demo's segments repeated for at least PLAY_S seconds, each loop
    back to the first segment marked as a discontinuity: a player plays it
    at its own pace, whatever the server's."""
    loops = max(1, math.ceil(PLAY_S / sum(durations)))
    target = max(1, math.ceil(max(durations)))
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", f"#EXT-X-TARGETDURATION:{target}",
             "#EXT-X-MEDIA-SEQUENCE:0", "#EXT-X-PLAYLIST-TYPE:VOD"]
    for loop in range(loops):
        if loop:
            lines.append("#EXT-X-DISCONTINUITY")
        for index, seconds in enumerate(durations):
            lines += [f"#EXTINF:{seconds:.3f},", f"{stream}/{index}.ts?{query}"]
    lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"


def _checked(app_name: str, stream: str):
    settings = current_app.extensions["mall.settings"]
    if settings.app_env == "production" or app_name != APP_NAME \
            or not signing.STREAM_NAME.match(stream):
        raise errors.StreamNotFound()
    if settings.live_pull_key:
        try:
            signing.verify(settings.live_pull_key, stream, request.args.get("txSecret"),
                           request.args.get("txTime"), int(clock.now().timestamp()))
        except signing.Refused as exc:
            raise (errors.StreamUrlExpired() if exc.code == "stream_url_expired"
                   else errors.StreamSignatureInvalid()) from exc
    out = demo_stream.folder(settings.instance_dir)
    if not (out / demo_stream.PLAYLIST).exists():
        raise errors.StreamNotFound()
    return out


@bp.errorhandler(DomainError)
def _refused(exc: DomainError):
    return exc.to_dict(), exc.status


@bp.get("/<app_name>/<stream>.m3u8")
def hls_playlist(app_name, stream):
    out = _checked(app_name, stream)
    query = "&".join(f"{k}={request.args[k]}" for k in ("txSecret", "txTime")
                     if k in request.args)
    body = playlist(demo_stream.segments(out), query, stream)
    return body, 200, {"Content-Type": "application/vnd.apple.mpegurl",
                       "Cache-Control": "no-cache"}


@bp.get("/<app_name>/<stream>/<int:index>.ts")
def hls_segment(app_name, stream, index):
    out = _checked(app_name, stream)
    path = out / demo_stream.SEGMENT.format(index)
    if not path.exists():
        raise errors.StreamNotFound()
    return send_file(path, mimetype="video/mp2t", max_age=60)


@bp.get("/<app_name>/<stream>.flv")
def flv(app_name, stream):
    out = _checked(app_name, stream)
    return send_file(out / demo_stream.FLV, mimetype="video/x-flv", max_age=60)
