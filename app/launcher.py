"""The run command's launcher: migrate, load demo data, then run the web
server and the worker together on the embedded defaults. Ctrl-C (or SIGTERM)
stops both, then the embedded Redis.

`python -m app.launcher`
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from app import clock, demo
from app.config import ROOT, ConfigError, Settings, exit_refusing
from app.db import Database
from app.features import FEATURES
from app.migrate import upgrade
from app.redis import embedded_url, stop_embedded
from app.uploads import storage
from app.uploads.demo_pictures import Pictures


def prepare(settings: Settings) -> None:
    print("migrating", settings.database_url.split("@")[-1], flush=True)
    upgrade(settings.database_url)
    db = Database(settings.database_url)
    pictures = Pictures(storage.from_url(settings.storage_url, settings.instance_dir),
                        settings.public_base_url)
    with db.transaction() as session:
        added = demo.seed(session, clock.now(), pictures)
        for feature in FEATURES:
            if feature.demo is not None:
                feature.demo(settings, session, clock.now())
    db.dispose()
    print("demo data loaded" if added else "demo data already present", flush=True)


def main() -> int:
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        exit_refusing(exc)
    env = dict(os.environ)
    if not settings.redis_url:
        env["REDIS_URL"] = settings.redis_url = embedded_url(settings.instance_dir)
        print("embedded redis at", settings.redis_url, flush=True)
    prepare(settings)
    children = [
        subprocess.Popen([sys.executable, "-m", "app.serve"], cwd=ROOT, env=env),
        subprocess.Popen([sys.executable, "worker.py"], cwd=ROOT, env=env),
    ]
    stopping = False

    def stop(_sig, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"open http://127.0.0.1:{env.get('PORT', '5000')}  (Ctrl-C stops)", flush=True)
    while not stopping and all(c.poll() is None for c in children):
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
    stop_embedded()
    print("stopped", flush=True)
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
