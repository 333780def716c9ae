"""Buyers' images: upload one (for a review, an after-sale or an avatar),
and make one their avatar."""

from flask import g

from app import clock
from app.auth.access import login_required
from app.auth.schemas import MeOut
from app.db import transaction
from app.ratelimit import limited
from app.uploads import avatars, service
from app.uploads.multipart import Blueprint, image_body, read_file
from app.uploads.schemas import AvatarIn, BuyerUploadIn, UploadOut
from miniprogram_api.auth import me_of

bp = Blueprint("mp_uploads", __name__, url_prefix="/mp/v1",
               description="Buyers' images: review and after-sale photos, avatars.")


@bp.post("/uploads")
@image_body
@login_required
@limited("upload")
@bp.arguments(BuyerUploadIn, location="files")
@bp.response(201, UploadOut)
def upload(form):
    """One image, checked and stored clean; its id is what a review, an
    after-sale or PUT /mp/v1/me/avatar names (for this purpose only)."""
    with transaction() as session:
        created = service.store(session, service.storage(), data=read_file(form["file"]),
                                user_id=g.user_id, purpose=form["purpose"], now=clock.now())
        return service.described(created)


@bp.put("/me/avatar")
@login_required
@bp.arguments(AvatarIn)
@bp.response(200, MeOut)
def set_avatar(data):
    """One of your "avatar" uploads becomes your avatar (its thumbnail)."""
    with transaction() as session:
        user = avatars.set_avatar(session, user_id=g.user_id, key=data["upload"])
        return me_of(session, user)
