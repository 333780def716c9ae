"""`python -m app.serve` imports the app package (psycopg with it) before it
patches the standard library with gevent: psycopg then holds its C wait,
which blocks the whole process, so a query waiting on a row lock that
another greenlet of the process holds never returned (a live room's kick
hung under PostgreSQL). The server picks psycopg's wait again."""

from __future__ import annotations

import subprocess
import sys

ORDER_OF_PYTHON_M = """
import app                      # runpy imports the package first
import psycopg.waiting as w
before = w.wait.__name__
import app.serve as serve       # then the module: gevent patches here
serve.cooperative_psycopg()
print(before, w.wait.__name__, w._ready.__name__)
"""


def test_the_gevent_server_waits_for_postgresql_without_blocking_its_greenlets():
    out = subprocess.run([sys.executable, "-c", ORDER_OF_PYTHON_M], capture_output=True,
                         text=True, timeout=60, check=True).stdout.split()
    assert out == ["wait_c", "wait_poll", "_ready_poll"]
