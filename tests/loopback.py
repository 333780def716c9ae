"""Loopback HTTP servers that tests run in a thread: the app under werkzeug,
or a stand-in for WeChat, WeChat Pay or Kuaidi100. `shutdown()` waits for
the serving loop's next poll, 0.5 s apart by default: here they are 20 ms
apart, so stopping a server costs no test half a second."""

from __future__ import annotations

import threading

POLL_S = 0.02


def serving_thread(server) -> threading.Thread:
    """A daemon thread (not started) that runs `server.serve_forever`."""
    return threading.Thread(target=server.serve_forever, kwargs={"poll_interval": POLL_S},
                            daemon=True)
