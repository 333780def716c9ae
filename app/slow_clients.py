"""Bounded time for slow clients (slowloris), under gevent.

- The head: a request's line and headers must all arrive within
  SERVER_HEADER_TIMEOUT_S of the connection being ready for it (accepted,
  or the previous answer sent: the keep-alive idle limit too); otherwise the
  connection is closed without an answer. app.serve: `TimedHandler`;
  gunicorn's gevent worker: its `keepalive` bounds each head the same way
  (gunicorn.conf.py sets it from the same setting).
- The body: every read of it must end within SERVER_BODY_TIMEOUT_S of the
  head (`BodyDeadline`, a WSGI layer, whichever server runs the app); a read
  past that is answered 408 `request_timeout`, and what is left of the body
  is not waited for: the connection closes.

Only reads are bounded: a websocket or a long-polling answer lives as long
as it needs to.
"""

from __future__ import annotations

import time

import gevent
from gevent.pywsgi import WSGIHandler
from werkzeug.exceptions import RequestTimeout

HEADER_TIMEOUT_S = 10.0  # the defaults of the settings (app/config.py)
BODY_TIMEOUT_S = 30.0


class DeadlineInput:
    """wsgi.input whose reads all end by `deadline` (time.monotonic());
    other attributes are the wrapped stream's (simple-websocket looks for
    gevent's socket through them)."""

    def __init__(self, wrapped, deadline: float):
        self._wrapped, self._deadline = wrapped, deadline

    def _timed(self, read, *args):
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise RequestTimeout("The request body did not arrive in time.")
        timer = gevent.Timeout(left)
        timer.start()
        try:
            return read(*args)
        except gevent.Timeout as exc:
            if exc is not timer:
                raise
            raise RequestTimeout("The request body did not arrive in time.") from None
        finally:
            timer.close()

    def read(self, *args):
        return self._timed(self._wrapped.read, *args)

    def readline(self, *args):
        return self._timed(self._wrapped.readline, *args)

    def readlines(self, *args):
        return self._timed(self._wrapped.readlines, *args)

    def __iter__(self):
        return iter(self.readline, b"")

    def __getattr__(self, name):
        return getattr(self._wrapped, name)


class BodyDeadline:
    """WSGI middleware: each request's body reads end by its deadline."""

    def __init__(self, wrapped, timeout_s: float):
        self.wrapped, self.timeout_s = wrapped, timeout_s

    def __call__(self, environ, start_response):
        environ["wsgi.input"] = DeadlineInput(environ["wsgi.input"],
                                              time.monotonic() + self.timeout_s)
        return self.wrapped(environ, start_response)


class TimedHandler(WSGIHandler):
    """gevent's pywsgi handler with a deadline on each request's head, and on
    the body left unread after the answer (gevent reads it out before the
    next request)."""

    header_timeout_s = HEADER_TIMEOUT_S
    body_timeout_s = BODY_TIMEOUT_S

    def handle_one_request(self):
        self._head_timer = gevent.Timeout(self.header_timeout_s)
        self._head_timer.start()
        try:
            return super().handle_one_request()
        except gevent.Timeout as exc:
            if exc is not self._head_timer:
                raise
            self.close_connection = True
            return None  # closes the connection, no answer
        finally:
            self._head_timer.close()

    def get_environ(self):
        """The head is complete: its deadline ends, the body's begins."""
        self._head_timer.close()
        self._body_deadline = time.monotonic() + self.body_timeout_s
        return super().get_environ()

    def run_application(self):
        try:
            super().run_application()
        finally:
            self._bound_discard()

    def _bound_discard(self) -> None:
        """Read out the unread body by the deadline, or close the connection."""
        left = max(self._body_deadline - time.monotonic(), 0.01)  # a read body: no wait
        if gevent.with_timeout(left, self.wsgi_input._discard, timeout_value=False) \
                is not False:
            return
        self.close_connection = True
        self.wsgi_input = _GivenUp()  # gevent reads it out next: nothing to wait for


class _GivenUp:
    """The input of a connection that closes: nothing is left to read out."""

    def _discard(self) -> None:
        return None


def handler(header_s: float, body_s: float) -> type[TimedHandler]:
    return type("TimedHandler", (TimedHandler,),
                {"header_timeout_s": header_s, "body_timeout_s": body_s})
