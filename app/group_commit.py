"""Group commit: requests that arrive together (flash-sale grabs, group
joins, bargain helps, payment notices, rate-limit counts) go to Redis and
the database a batch
at a time, so a durable acknowledgement costs a share of one round trip and
one transaction instead of whole ones. One writer thread per process (a greenlet
under gevent), started on first use and again in a forked child; callers
wait on their Slot.

The hand-off is a deque and one Event (both cheap under gevent's patching):
each caller appends and sets, the writer takes everything there is at once."""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Callable

log = logging.getLogger(__name__)

MAX_BATCH = 256


class Pending(Exception):
    """The batch did not answer within the wait: the outcome is not known yet."""


class Slot:
    """One caller's answer: a result, or an exception to raise."""

    __slots__ = ("_done", "_value")

    def __init__(self):
        self._done = threading.Event()
        self._value = None

    def set(self, value) -> None:
        self._value = value
        self._done.set()

    def result(self, timeout: float):
        if not self._done.wait(timeout):
            raise Pending()
        if isinstance(self._value, BaseException):
            raise self._value
        return self._value


class Committer:
    def __init__(self, write: Callable[[list], list], max_batch: int = MAX_BATCH,
                 name: str = "committer"):
        """`write(items)` returns one result per item, in order (an exception
        instance is raised to that item's caller). `name` names the thread
        and the log lines."""
        self._write = write
        self._name = name
        self._max = max_batch
        self._items: deque = deque()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._pid: int | None = None

    def submit(self, item) -> Slot:
        self._start()
        slot = Slot()
        self._items.append((item, slot))
        self._wake.set()
        return slot

    def _start(self) -> None:
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid != os.getpid():
                self._items, self._wake = deque(), threading.Event()  # a forked child's own
                threading.Thread(target=self._run, name=self._name,
                                 daemon=True).start()
                self._pid = os.getpid()

    def _run(self) -> None:
        items, wake = self._items, self._wake
        while True:
            wake.wait()
            wake.clear()
            while items:
                batch = [items.popleft() for _ in range(min(len(items), self._max))]
                self._flush(batch)

    def _flush(self, batch: list) -> None:
        try:
            results = self._write([item for item, _ in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"{len(results)} answers for {len(batch)} items")
        except Exception as exc:  # the writer answers each item; this is a bug
            log.exception("%s: a batch failed", self._name)
            results = [exc] * len(batch)
        for (_, slot), result in zip(batch, results, strict=True):  # never the thread's end
            slot.set(result)
