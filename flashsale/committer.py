"""Group commit: won grabs are written to the database a batch at a time, so
a durable acknowledgement costs a share of one transaction instead of a
whole one. One writer thread per process (a greenlet under gevent), started
on first use and again in a forked child; callers wait on a Future."""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future

log = logging.getLogger(__name__)

MAX_BATCH = 256


class Committer:
    def __init__(self, write: Callable[[list], list], max_batch: int = MAX_BATCH):
        """`write(items)` returns one result per item, in order."""
        self._write = write
        self._max = max_batch
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._pid: int | None = None

    def submit(self, item) -> Future:
        self._start()
        future: Future = Future()
        self._queue.put((item, future))
        return future

    def _start(self) -> None:
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid != os.getpid():
                self._queue = queue.Queue()  # a forked child starts with its own
                threading.Thread(target=self._run, name="flashsale-committer",
                                 daemon=True).start()
                self._pid = os.getpid()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self._max:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._flush(batch)

    def _flush(self, batch: list) -> None:
        try:
            results = self._write([item for item, _ in batch])
        except Exception as exc:  # the writer answers each item; this is a bug
            log.exception("flash-sale batch failed")
            results = [exc] * len(batch)
        for (_, future), result in zip(batch, results, strict=True):
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)
