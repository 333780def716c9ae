"""Bargain helps through the group committer (app/group_commit.py): the
helps that arrive together are checked, cut (their scripts in one Redis
round trip) and written in one transaction (helps.help_many); a helper is
answered only once the batch committed. The Flask view and the lean path
(miniprogram_api/help_path.py) both call `HelpRuntime.help`."""

from __future__ import annotations

import logging
import time

from flask import Flask, current_app

from app import clock
from app.db import transaction
from app.group_commit import Committer, Pending
from groupbuy import helps
from groupbuy.engine import Engine
from groupbuy.errors import StateUnavailable

log = logging.getLogger(__name__)

STALE_S = 5.0  # a help older than this when its batch comes is not run (503)
WAIT_S = 15.0  # a helper waits this long for the batch (STALE_S + a slow batch)


class HelpRuntime:
    """The engine and the helps' committer of one app."""

    def __init__(self, app: Flask, engine: Engine):
        self.app, self.engine = app, engine
        self.committer = Committer(self._write, name="bargain-help-committer")

    def help(self, *, bargain_id: int, helper: helps.Helper) -> helps.Helped:
        """Helped, or the refusal raised; 503 state_unavailable when the
        batch did not answer in time (the help may still be written)."""
        slot = self.committer.submit((bargain_id, helper, time.monotonic()))
        try:
            return slot.result(timeout=WAIT_S)
        except Pending as exc:
            raise StateUnavailable(details={"pending": True}) from exc

    def _write(self, items: list[tuple]) -> list:
        """One batch, one transaction; a help that waited too long is not run."""
        stale = [time.monotonic() - queued > STALE_S for _, _, queued in items]
        fresh = [(bid, helper) for (bid, helper, _), old in zip(items, stale, strict=True)
                 if not old]
        answers: list = []
        if fresh:
            try:
                with self.app.app_context(), transaction() as session:
                    answers = helps.help_many(session, self.engine, fresh, clock.now())
            except Exception as exc:  # the database failed: every cut went back
                log.exception("writing %d bargain helps failed", len(fresh))
                answers = [exc] * len(fresh)
        ran = iter(answers)
        return [StateUnavailable() if old else next(ran) for old in stale]


def runtime() -> HelpRuntime:
    return current_app.extensions["groupbuy.helps"]
