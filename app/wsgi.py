"""The app for gunicorn (gevent workers): `gunicorn app.wsgi:app` (the
settings in gunicorn.conf.py apply). gunicorn's gevent worker patches the
standard library before loading this. Settings production refuses stop the
worker with gunicorn's boot-error code, which stops gunicorn itself."""

from app import create_app, run_startup_checks
from app.config import ConfigError, exit_refusing

WORKER_BOOT_ERROR = 3  # gunicorn's arbiter halts on it instead of respawning

try:
    app = create_app(socketio_async_mode="gevent")
except ConfigError as exc:
    exit_refusing(exc, WORKER_BOOT_ERROR)
run_startup_checks(app)
