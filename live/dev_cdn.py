"""The development CDN: outside production the app plays the demo stream
(live/demo_stream.py) to every room at the pull URLs it signs, checking each
signature as Tencent Cloud CSS does (live/signing.py), so the signing runs
end to end. GET /cdn/live/<stream>.m3u8 is a live playlist sliding over the
demo's segments in a loop (by the wall clock: media time, not business
time); its segments carry the same signature. A bad signature answers 403
`stream_signature_invalid`, a passed txTime 403 `stream_url_expired`, no
demo stream (or production) 404 `stream_not_found`."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, request, send_file

from app import clock
from app.errors import DomainError
from live import demo_stream, errors, signing

bp = Blueprint("live_dev_cdn", __name__, url_prefix=signing.DEV_CDN)

APP_NAME = "live"
WINDOW = 4  # segments in each playlist


def playlist(durations: list[float], now_s: float, query: str, stream: str) -> str:
    """The live window ending at the segment playing at `now_s`: media
    sequence numbers count up for ever, the segments loop, and each loop
    back to the first segment is marked as a discontinuity."""
    count, target = len(durations), max(1, round(max(durations)))
    last = int(now_s // target)
    first = max(0, last - WINDOW + 1)
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", f"#EXT-X-TARGETDURATION:{target}",
             f"#EXT-X-MEDIA-SEQUENCE:{first}", f"#EXT-X-DISCONTINUITY-SEQUENCE:{first // count}"]
    for seq in range(first, last + 1):
        if seq != first and seq % count == 0:
            lines.append("#EXT-X-DISCONTINUITY")
        lines += [f"#EXTINF:{durations[seq % count]:.3f},", f"{stream}/{seq % count}.ts?{query}"]
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
    body = playlist(demo_stream.segments(out), time.time(), query, stream)
    return body, 200, {"Content-Type": "application/vnd.apple.mpegurl",
                       "Cache-Control": "no-cache"}


@bp.get("/<app_name>/<stream>/<int:index>.ts")
def hls_segment(app_name, stream, index):
    out = _checked(app_name, stream)
    path = out / demo_stream.SEGMENT.format(index)
    if not path.exists():
        raise errors.StreamNotFound()
    return send_file(path, mimetype="video/mp2t", max_age=60)
