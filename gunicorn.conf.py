"""gunicorn's settings for this app, read from the working directory:
`gunicorn -w N app.wsgi:app`. gevent workers (Socket.IO's websockets);
their keepalive bounds each request's head (the first one included) and the
idle time between requests: SERVER_HEADER_TIMEOUT_S, as app.serve does (see
app/slow_clients.py; the body's deadline is the app's own, under both).
The app is not imported here: the master stays free of it until the
workers have patched the standard library."""

import math
import os

worker_class = "gevent"
# the same setting and default (10 s) as app/config.py
keepalive = math.ceil(float(os.environ.get("SERVER_HEADER_TIMEOUT_S") or 10))
