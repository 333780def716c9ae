"""Announcements and the inbox. An announcement is stored once; each
recipient gets one inbox row (read/unread is theirs alone), written in the
same transaction by one set-based INSERT ... SELECT, so 10k members cost one
statement, a member who joins later never sees an older post, and the inbox
is exactly the audience at posting time. After the commit, online recipients
hear it at once over Socket.IO (their `user:<id>` rooms, 1000 rooms per
emit through the message queue).

Other senders (a segment's announcement) call `deliver`:

    deliver(session, merchant_id=, community_id=None | id, title=, body=,
            user_ids=[...], key=, now=, author_id=None) -> (announcement, created)

It is idempotent by (merchant, key): the same key again delivers nothing
new and returns the first announcement (a different title or body under it
is refused). Unknown user ids are skipped. The caller owns the transaction."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import BigInteger, func, insert, literal, select, update
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import after_commit, insert_ignore
from app.socketio import socketio, user_room
from community import communities, errors, rules
from community.models import Announcement, CommunityMember, InboxMessage

log = logging.getLogger(__name__)
EVENT = "announcement"
ROOMS_PER_EMIT = 1000
IDS_PER_INSERT = 1000
_COLUMNS = ["announcement_id", "user_id", "community_id", "created_at"]  # read_at: NULL


def post(session: Session, *, community_id: int, author_id: int, title: str, body: str,
         now: datetime, staff: bool = False) -> Announcement:
    """Owner, leaders (or merchant staff) post to every member."""
    community = communities.get(session, community_id)
    if not staff and not rules.can_post(communities.role_of(session, community_id, author_id)):
        raise errors.NotAllowed()
    ann = _store(session, merchant_id=community.merchant_id, community_id=community.id,
                 author_id=author_id, title=title, body=body, key=f"post-{uuid.uuid4().hex}",
                 now=now)
    source = select(literal(ann.id), CommunityMember.user_id, literal(community.id),
                    literal(now, type_=Announcement.created_at.type)) \
        .where(CommunityMember.community_id == community.id)
    _fan_out(session, ann, source)
    return ann


def deliver(session: Session, *, merchant_id: int, community_id: int | None, title: str,
            body: str, user_ids: Sequence[int], key: str, now: datetime,
            author_id: int | None = None) -> tuple[Announcement, bool]:
    """See the module docstring: stable for other senders."""
    ann = _store(session, merchant_id=merchant_id, community_id=community_id,
                 author_id=author_id, title=title, body=body, key=key, now=now)
    if not session.info.get(("ann-new", ann.id)):
        if (ann.title, ann.body, ann.community_id) != (title, body, community_id):
            raise errors.AnnouncementKeyReused(details={"key": key})
        return ann, False
    ids = sorted(set(user_ids))
    for i in range(0, len(ids), IDS_PER_INSERT):
        chunk = ids[i:i + IDS_PER_INSERT]
        _fan_out(session, ann, select(
            literal(ann.id), User.id, literal(community_id, type_=BigInteger()),
            literal(now, type_=Announcement.created_at.type)).where(User.id.in_(chunk)),
            emit=False)
    _after(session, ann)
    return ann, True


def _store(session: Session, *, merchant_id: int, community_id: int | None,
           author_id: int | None, title: str, body: str, key: str,
           now: datetime) -> Announcement:
    """The announcement under (merchant, key): inserted now (marked new in
    the session), or the one stored before (a replay or a racing twin)."""
    created = insert_ignore(session, Announcement, merchant_id=merchant_id,
                            community_id=community_id, author_id=author_id, key=key,
                            title=title, body=body, recipients=0, created_at=now)
    ann = session.scalar(select(Announcement).filter_by(merchant_id=merchant_id, key=key)
                         .execution_options(populate_existing=True))
    if created:
        session.info[("ann-new", ann.id)] = True
    return ann


def _fan_out(session: Session, ann: Announcement, source, emit: bool = True) -> None:
    session.execute(insert(InboxMessage).from_select(_COLUMNS, source))
    if emit:
        _after(session, ann)


def _after(session: Session, ann: Announcement) -> None:
    ann.recipients = session.scalar(select(func.count()).select_from(InboxMessage)
                                    .where(InboxMessage.announcement_id == ann.id))
    users = list(session.scalars(select(InboxMessage.user_id)
                                 .where(InboxMessage.announcement_id == ann.id)))
    payload = {"announcement_id": ann.id, "community_id": ann.community_id,
               "title": ann.title, "body": ann.body, "created_at": ann.created_at.isoformat()}
    after_commit(session, lambda: emit(users, payload))


def emit(user_ids: list[int], payload: dict) -> None:
    """To each recipient's own room; one emit per 1000 rooms (one message on
    the queue, so every node's clients hear it). Offline users read it later."""
    for i in range(0, len(user_ids), ROOMS_PER_EMIT):
        rooms = [user_room(u) for u in user_ids[i:i + ROOMS_PER_EMIT]]
        try:
            socketio.emit(EVENT, payload, to=rooms)
        except Exception:
            log.exception("announcement %s: emit failed", payload["announcement_id"])


def inbox(session: Session, *, user_id: int, community_id: int | None, unread_only: bool,
          page: int, per_page: int) -> tuple[list[dict], int, int]:
    """(items, total, unread) of the user's own inbox, newest first; with a
    community, only that community's (the caller checked membership)."""
    where = [InboxMessage.user_id == user_id]
    if community_id is not None:
        where.append(InboxMessage.community_id == community_id)
    unread = session.scalar(select(func.count()).select_from(InboxMessage)
                            .where(*where, InboxMessage.read_at.is_(None)))
    if unread_only:
        where.append(InboxMessage.read_at.is_(None))
    stmt = select(InboxMessage, Announcement).join(
        Announcement, Announcement.id == InboxMessage.announcement_id).where(*where)
    total = session.scalar(select(func.count()).select_from(InboxMessage).where(*where))
    rows = session.execute(stmt.order_by(InboxMessage.id.desc()).limit(per_page)
                           .offset((page - 1) * per_page)).all()
    return [_item(m, a) for m, a in rows], total, unread


def _item(message: InboxMessage, ann: Announcement) -> dict:
    return {"id": message.id, "announcement_id": ann.id, "community_id": ann.community_id,
            "title": ann.title, "body": ann.body, "created_at": ann.created_at,
            "read": message.read_at is not None, "read_at": message.read_at}


def mark_read(session: Session, *, user_id: int, message_ids: list[int],
              now: datetime) -> int:
    """Mark the user's own messages read; any id that is not theirs refuses
    the whole request. Marking twice keeps the first time. Returns how many
    became read now."""
    ids = set(message_ids)
    own = set(session.scalars(select(InboxMessage.id).where(
        InboxMessage.id.in_(ids), InboxMessage.user_id == user_id)))
    if own != ids:
        raise errors.MessageNotFound(details={"message_ids": sorted(ids - own)})
    return session.execute(update(InboxMessage).where(
        InboxMessage.id.in_(ids), InboxMessage.read_at.is_(None)).values(read_at=now)
        .execution_options(synchronize_session=False)).rowcount


def unread_count(session: Session, user_id: int, community_id: int | None = None) -> int:
    where = [InboxMessage.user_id == user_id, InboxMessage.read_at.is_(None)]
    if community_id is not None:
        where.append(InboxMessage.community_id == community_id)
    return session.scalar(select(func.count()).select_from(InboxMessage).where(*where))
