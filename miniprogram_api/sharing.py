"""Shares: create one, resolve a scene, fetch its QR code or poster. The
scene travels as the `scene` query argument, as WeChat hands it to a page."""

from flask import Response, current_app, g

from app import clock
from app.auth.access import login_required, settings
from app.db import transaction
from app.ratelimit import limited
from app.redis import client as redis_client
from app.schema import Blueprint
from app.sharing import images, poster, service
from app.sharing.schemas import SceneArgs, ShareContextOut, ShareIn, ShareOut
from app.uploads import media
from app.uploads import service as uploads

BINARY = {"type": "string", "format": "binary"}  # OpenAPI: the body is the image itself

bp = Blueprint("mp_sharing", __name__, url_prefix="/mp/v1/shares",
               description="Share links and scene codes, their QR codes and posters.")


def _images() -> images.Images:
    return images.Images(redis_client(), settings().public_base_url,
                         poster.static_dirs(current_app), media.reader(uploads.storage()),
                         settings().poster_font)


@bp.post("")
@login_required
@limited("share")
@bp.arguments(ShareIn)
@bp.response(201, ShareOut)
@bp.alt_response(200, schema=ShareOut, description="A live share was handed out again.")
def create_share(data):
    with transaction() as session:
        share, created = service.create_share(session, sharer_id=g.user_id, now=clock.now(),
                                              **data)
        body = service.summary(settings().public_base_url, share)
    return body, 201 if created else 200


@bp.get("/resolve")
@bp.arguments(SceneArgs, location="query")
@bp.response(200, ShareContextOut)
def resolve(args):
    with transaction() as session:
        return service.resolve(session, scene=args["scene"], now=clock.now(),
                               base_url=settings().public_base_url)


def _image(data: bytes, mimetype: str) -> Response:
    return Response(data, mimetype=mimetype, headers={"Cache-Control": "private, max-age=300"})


@bp.get("/qr.png")
@bp.arguments(SceneArgs, location="query")
@bp.response(200, BINARY, content_type="image/png", description="The share URL as a QR code.")
def qr_png(args):
    with transaction() as session:
        data = images.qr_code(session, _images(), scene=args["scene"], fmt="png",
                              now=clock.now())
    return _image(data, "image/png")


@bp.get("/qr.svg")
@bp.arguments(SceneArgs, location="query")
@bp.response(200, BINARY, content_type="image/svg+xml", description="The share URL as a QR code.")
def qr_svg(args):
    with transaction() as session:
        data = images.qr_code(session, _images(), scene=args["scene"], fmt="svg",
                              now=clock.now())
    return _image(data, "image/svg+xml")


@bp.get("/poster.png")
@bp.arguments(SceneArgs, location="query")
@bp.response(200, BINARY, content_type="image/png", description="The share's poster (every kind).")
def poster_png(args):
    with transaction() as session:
        data = images.share_poster(session, _images(), scene=args["scene"], now=clock.now())
    return _image(data, "image/png")
