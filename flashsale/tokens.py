"""Grab tokens, a batch at a time: when a sale opens, every buyer asks for a
token at once. The asks that arrive together (app/group_commit.py) cost one
reading transaction (each bearer still current, when the caller has not
checked it; each sale's phase, from the database) and one Redis round trip
that stores every token. A token is handed out only while its sale is open,
bound to the user and the sale, good for rules.TOKEN_TTL."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime

import redis
from flask import Flask

from app import clock
from app.auth.access import still_current
from app.db import reading
from app.errors import DomainError
from app.group_commit import Committer, Pending
from flashsale import activities, errors, grabs, rules
from flashsale.engine import Engine

log = logging.getLogger(__name__)

WAIT_S = 15.0  # an ask waits this long for its batch


@dataclass(frozen=True)
class TokenAsk:
    activity_id: int
    user_id: int
    version: int | None  # the bearer's token version to check; None: checked already


@dataclass(frozen=True)
class Issued:
    token: str
    expires_at: datetime


class Tokens:
    """The token batcher of one app (its Runtime's engine)."""

    def __init__(self, app: Flask, engine: Engine):
        self.app, self.engine = app, engine
        self.committer = Committer(self._issue, name="flashsale-tokens")

    def issue(self, *, activity_id: int, user_id: int, version: int | None = None) -> Issued:
        """A token, or the error that refuses it (the bearer's first, then
        the sale's: not found, not open)."""
        slot = self.committer.submit(TokenAsk(activity_id, user_id, version))
        try:
            return slot.result(timeout=WAIT_S)
        except Pending as exc:
            raise errors.Unavailable() from exc

    def _issue(self, asks: list[TokenAsk]) -> list:
        """One batch: one read, then every granted token stored in one round trip."""
        now = clock.now()
        with self.app.app_context(), reading() as session:
            checked = [a for a in asks if a.version is not None]
            bearers = dict(zip(checked, still_current(
                session, [(a.user_id, a.version) for a in checked]), strict=True))
            phases = {aid: _phase(session, aid, now) for aid in {a.activity_id for a in asks}}
        answers: list = [bearers.get(a) or phases[a.activity_id] for a in asks]
        expires = now + rules.TOKEN_TTL
        granted = [i for i, answer in enumerate(answers) if answer is None]
        issued = [Issued(secrets.token_urlsafe(16), expires) for _ in granted]
        try:
            self.engine.store_tokens([(asks[i].activity_id, asks[i].user_id, t.token)
                                      for i, t in zip(granted, issued, strict=True)],
                                     rules.to_ms(expires))
        except redis.RedisError:
            log.exception("storing %d grab tokens failed", len(granted))
            issued = [errors.Unavailable()] * len(granted)
        for i, answer in zip(granted, issued, strict=True):
            answers[i] = answer
        return answers


def _phase(session, activity_id: int, now: datetime) -> DomainError | None:
    """None if the sale is open, else why not."""
    try:
        grabs.check_open(activities.phase(activities.get(session, activity_id), now))
    except DomainError as exc:
        return exc
    return None
