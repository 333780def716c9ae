"""Compensation for Redis work done inside a database transaction: if the
transaction fails (a refusal, an error, or the commit itself), the Redis
steps it took are undone, so no seat or cut is left taken for nothing.

    with undoing() as undo, transaction() as session:
        service.join(session, engine, undo, ...)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


class Undo(list[Callable[[], object]]):
    pass


@contextmanager
def undoing() -> Iterator[Undo]:
    undo = Undo()
    try:
        yield undo
    except BaseException:
        for step in reversed(undo):
            try:
                step()
            except Exception:  # the rebuild job puts Redis right from the database
                log.exception("undo step failed")
        raise
