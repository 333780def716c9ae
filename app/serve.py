"""Serve the app with Socket.IO on gevent: `python -m app.serve`.

gevent patches the standard library first, before anything else imports it.
"""

from gevent import monkey

monkey.patch_all()

import os  # noqa: E402

from app import create_app, run_startup_checks  # noqa: E402
from app.socketio import socketio  # noqa: E402


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    app = create_app(socketio_async_mode="gevent")
    run_startup_checks(app)
    print(f"serving on http://{host}:{port}", flush=True)
    socketio.run(app, host=host, port=port, log_output=False)


if __name__ == "__main__":
    main()
