"""The app for gunicorn (gevent workers): `gunicorn -k gevent app.wsgi:app`.
gunicorn's gevent worker patches the standard library before loading this."""

from app import create_app, run_startup_checks

app = create_app(socketio_async_mode="gevent")
run_startup_checks(app)
