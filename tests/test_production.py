"""Production (APP_ENV=production) refuses to start without SECRET_KEY or
with half a payment or login configuration: each real entry point, run as
a process, exits non-zero naming every missing setting; a complete
configuration starts and serves."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request

import pytest

from app.payments import crypto
from tests.live.servers import ROOT, serve

CLEARED = ("SECRET_KEY", "APP_ENV", "PAY_PROVIDER", "WECHAT_APPID", "WECHAT_SECRET",
           "API_DOCS")
ENTRY_POINTS = {"app.serve": [sys.executable, "-m", "app.serve"],
                "worker": [sys.executable, "worker.py"],
                "launcher": [sys.executable, "-m", "app.launcher"]}


def run(app, tmp_path, argv, **env) -> subprocess.CompletedProcess:
    s = app.extensions["mall.settings"]
    run_env = {k: v for k, v in os.environ.items()
               if k not in CLEARED and not k.startswith("WECHATPAY_")}
    run_env.update(APP_ENV="production", DATABASE_URL=s.database_url, REDIS_URL=s.redis_url,
                   INSTANCE_DIR=str(tmp_path / "instance"), HOST="127.0.0.1", PORT="1", **env)
    return subprocess.run(argv, cwd=ROOT, env=run_env, capture_output=True, text=True,
                          timeout=120)


def assert_refused(done, message: str, code: int = 2) -> None:
    assert done.returncode == code, (done.returncode, done.stderr)
    assert f"refusing to start: {message}" in done.stderr.splitlines(), done.stderr


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_no_secret_key(app, tmp_path, entry):
    done = run(app, tmp_path, ENTRY_POINTS[entry])
    assert_refused(done, "missing settings: SECRET_KEY")
    assert not (tmp_path / "instance" / "secret_key").exists()  # none made up instead


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_half_a_wechat_pay_configuration(app, tmp_path, entry):
    done = run(app, tmp_path, ENTRY_POINTS[entry], SECRET_KEY="s" * 32, PAY_PROVIDER="wechat",
               WECHATPAY_MCHID="1900000109", WECHATPAY_APIV3_KEY="k" * 32)
    assert_refused(done, "missing settings: WECHATPAY_PRIVATE_KEY_FILE, WECHATPAY_SERIAL, "
                         "WECHATPAY_PUBLIC_KEYS, WECHATPAY_APPID")


def test_everything_missing_is_named_at_once(app, tmp_path):
    done = run(app, tmp_path, ENTRY_POINTS["app.serve"], PAY_PROVIDER="wechat",
               WECHAT_APPID="wx1", WECHATPAY_APIV3_KEY="short",
               WECHATPAY_PRIVATE_KEY_FILE=str(tmp_path / "nowhere.pem"))
    assert_refused(done, "missing settings: SECRET_KEY, WECHAT_SECRET, WECHATPAY_MCHID, "
                         "WECHATPAY_SERIAL, WECHATPAY_PUBLIC_KEYS; "
                         "WECHATPAY_APIV3_KEY must be 32 bytes; "
                         "WECHATPAY_PRIVATE_KEY_FILE names no readable file")


def test_gunicorn_stops_instead_of_respawning_workers(app, tmp_path):
    done = run(app, tmp_path, [sys.executable, "-m", "gunicorn", "-w", "1", "-b",
                               "127.0.0.1:0", "app.wsgi:app"])
    assert done.returncode == 3, done.stderr  # gunicorn's "worker failed to boot"
    assert "refusing to start: missing settings: SECRET_KEY" in done.stderr


def test_an_unknown_pay_provider_or_docs_switch(app, tmp_path):
    assert_refused(run(app, tmp_path, ENTRY_POINTS["worker"], SECRET_KEY="s",
                       PAY_PROVIDER="paypal"),
                   "PAY_PROVIDER must be wechat or sandbox, not 'paypal'")
    assert_refused(run(app, tmp_path, ENTRY_POINTS["worker"], SECRET_KEY="s", API_DOCS="yes"),
                   "API_DOCS must be on or off, not 'yes'")


def test_a_complete_wechat_pay_configuration_starts(app, tmp_path):
    key = tmp_path / "apiclient_key.pem"
    key.write_bytes(crypto.private_pem(crypto.new_private_key()))
    platform = tmp_path / "pub_key.pem"
    platform.write_bytes(crypto.public_pem(crypto.new_private_key().public_key()))
    env = {"APP_ENV": "production", "PAY_PROVIDER": "wechat", "WECHATPAY_MCHID": "1900000109",
           "WECHATPAY_APPID": "wx1", "WECHATPAY_APIV3_KEY": "k" * 32,
           "WECHATPAY_PRIVATE_KEY_FILE": str(key), "WECHATPAY_SERIAL": "S1",
           "WECHATPAY_PUBLIC_KEYS": f"PUB_KEY_ID_1={platform}"}
    with serve(app, tmp_path, extra_env=env) as server, \
            urllib.request.urlopen(server.url + "/healthz", timeout=10) as resp:
        assert resp.status == 200
