"""Socket.IO plumbing of namespace /live: who is on each connection (from
the token checked at connect; no token = a read-only guest) and the
`handler` decorator that parses a payload, runs the handler and answers
every failure as an error acknowledgement, so no payload crashes a handler.
A handler that finds its room's (or drop's) Redis state missing has it
loaded again from the database and runs once more (live/recovery.py)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import wraps

import redis
from flask import request
from marshmallow import Schema, ValidationError

from app import clock
from app.db import transaction
from app.errors import DomainError, internal_error
from app.socketio import socketio
from live import errors, recovery
from live.engine import StateMissing
from live.engine import current as engine
from live.push import NAMESPACE

log = logging.getLogger(__name__)


@dataclass
class Conn:
    user_id: int | None
    nickname: str
    viewer: str  # who it is for online counts (rules.viewer_key)
    room_id: int | None = None
    staff: bool = False


# socket id -> its connection; process-local, as a socket lives on one node
connections: dict[str, Conn] = {}


def conn() -> Conn:
    found = connections.get(request.sid)
    if found is None:  # a handler raced a disconnect
        raise errors.NotInRoom()
    return found


def user_of(c: Conn) -> int:
    if c.user_id is None:
        raise errors.GuestReadOnly()
    return c.user_id


def joined(c: Conn, room_id: int) -> None:
    if c.room_id != room_id:
        raise errors.NotInRoom(details={"room_id": room_id})


def internal() -> dict:
    return internal_error().to_dict()


def _healing(fn, payload):
    """fn(payload); if it found Redis's state missing (its transaction rolled
    back), load the state once and run it once more."""
    try:
        return fn(payload)
    except StateMissing as missing:
        recovery.heal(transaction, engine(), missing, clock.now())
    return fn(payload)


def handler(event: str, schema: type[Schema]):
    """Register `fn(payload)` for `event`; its return value is the ack."""
    loader = schema()

    def register(fn):
        @wraps(fn)
        def run(data=None, *_extra):
            try:
                if not isinstance(data, dict):
                    raise errors.Invalid("Send an object.",
                                         details={"fields": {"_schema": ["Not an object."]}})
                try:
                    payload = loader.load(data)
                except ValidationError as exc:
                    raise errors.Invalid(details={"fields": exc.messages}) from exc
                return _healing(fn, payload)
            except StateMissing:
                log.warning("live %s: the room's Redis state is still missing", event)
                return errors.Unavailable().to_dict()
            except DomainError as exc:
                return exc.to_dict()
            except redis.RedisError:
                log.exception("live %s: Redis failed", event)
                return errors.Unavailable().to_dict()
            except Exception:
                log.exception("live %s failed", event)
                return internal()

        socketio.on_event(event, run, namespace=NAMESPACE)
        return run
    return register
