"""A user's avatar: one of their own "avatar" uploads; its thumbnail's URL
(320 px, as avatars are shown small) becomes the user's `avatar_url`."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.auth.models import User
from app.uploads import service


def set_avatar(session: Session, *, user_id: int, key: str) -> User:
    upload = service.claim(session, user_id=user_id, keys=[key], purpose="avatar", limit=1)[0]
    user = session.get(User, user_id)
    user.avatar_url = service.media_url(upload.key, thumb=True)
    session.flush()
    return user
