"""Serve the app with Socket.IO on gevent: `python -m app.serve`.

gevent patches the standard library first, before anything else imports it.
Slow clients get bounded time (app/slow_clients.py). Settings production
refuses end the process with exit code 2 and their names on stderr.
"""

from gevent import monkey

monkey.patch_all()

import os  # noqa: E402

import psycopg.waiting  # noqa: E402

from app import create_app, run_startup_checks, slow_clients  # noqa: E402
from app.config import ConfigError, exit_refusing  # noqa: E402
from app.socketio import socketio  # noqa: E402


def cooperative_psycopg() -> None:
    """psycopg picks how it waits for PostgreSQL when first imported, and
    `python -m app.serve` imports the app package (psycopg with it) before
    this module patches: it would keep its C wait, which blocks the whole
    process, so a query waiting on a row lock held by another greenlet of
    this process waited forever. Pick again now that select is gevent's."""
    if psycopg.waiting._is_select_patched():
        psycopg.waiting.wait = psycopg.waiting.wait_poll
        psycopg.waiting._ready = psycopg.waiting._ready_poll


def main() -> None:
    cooperative_psycopg()
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    try:
        app = create_app(socketio_async_mode="gevent")
    except ConfigError as exc:
        exit_refusing(exc)
    settings = app.extensions["mall.settings"]
    run_startup_checks(app)
    print(f"serving on http://{host}:{port}", flush=True)
    socketio.run(app, host=host, port=port, log_output=False,
                 handler_class=slow_clients.handler(settings.server_header_timeout_s,
                                                    settings.server_body_timeout_s))


if __name__ == "__main__":
    main()
