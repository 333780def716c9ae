"""Several processes by default: with SOCKETIO_MESSAGE_QUEUE unset, a
server joins the message queue on its own Redis, and an RQ job run by
`python worker.py --burst` (no queue setting either) reaches its viewers
through a write-only manager."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

from app.queue import enqueue
from app.socketio import message_queue, queue_url
from tests.live.conftest import token_of
from tests.live.servers import ROOT, serve, viewer
from tests.live.test_two_servers import WAIT_S, Inbox


def test_emits_from_rq_jobs_reach_viewers_by_default(app, room, make, tmp_path):
    r = room()
    channel = f"live-test-{uuid.uuid4().hex}"
    settings = app.extensions["mall.settings"]
    with serve(app, tmp_path, channel=channel, extra_env={"SOCKETIO_MESSAGE_QUEUE": ""}) as a:
        alice = viewer(a.url, token_of(app, make.user("alice")))
        try:
            inbox = Inbox(alice, ["counters"])
            assert alice.call("join", {"room_id": r.id}, namespace="/live",
                              timeout=WAIT_S)["ok"] is True
            inbox.wait("counters", 1)  # the join's own tick
            time.sleep(1.5)  # and anything else the join set off, on a loaded machine
            before = len(inbox.wait("counters", 1))
            enqueue(None, "live.jobs.rebuild", r.id, queue="promotions",
                    job_id=f"live-rebuild-{r.id}")
            env = {k: v for k, v in os.environ.items() if not k.startswith("SOCKETIO_")}
            env.update(DATABASE_URL=settings.database_url, REDIS_URL=settings.redis_url,
                       SECRET_KEY=settings.secret_key, SOCKETIO_CHANNEL=channel)
            ran = subprocess.run([sys.executable, "worker.py", "--burst"], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=120)
            assert ran.returncode == 0, ran.stderr
            pushed = inbox.wait("counters", before + 1)
            assert [(e["room_id"], e["online"]) for e in pushed[before:]] == [(r.id, 1)]
        finally:
            alice.disconnect()


def test_message_queue_defaults_to_the_apps_redis_and_off_turns_it_off(app):
    assert queue_url("", "redis://r:6379/2") == "redis://r:6379/2"
    assert queue_url("redis://q:6379/0", "redis://r:6379/2") == "redis://q:6379/0"
    assert queue_url("off", "redis://r:6379/2") == ""
    assert message_queue("", "c") is None
    writer = message_queue("redis://r:6379/2", "c", write_only=True)
    assert (writer.write_only, writer.channel) == (True, "c")
