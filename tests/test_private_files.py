"""Secret files under the instance directory: the development secret key and
the payment sandbox's keys are 0600 from the moment they exist, in 0700
directories, whatever the umask; older, looser ones are tightened; racing
first starts all read one whole file."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from app.config import Settings
from app.payments.sandbox import SandboxKeys
from app.private_files import read_or_create


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def open_umask():
    """The loosest umask: the modes come from the code, not from the shell."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_the_development_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    first = Settings.from_env(instance_dir=str(instance), database_url="", app_env="development")
    assert (mode(instance), mode(instance / "secret_key")) == (0o700, 0o600)
    again = Settings.from_env(instance_dir=str(instance), database_url="")
    assert first.secret_key == again.secret_key and len(first.secret_key) >= 32
    assert first.database_url == f"sqlite:///{instance / 'mall.db'}"


def test_an_older_loose_secret_file_is_tightened(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    (instance / "secret_key").write_text("kept-from-before")
    os.chmod(instance / "secret_key", 0o644)
    s = Settings.from_env(instance_dir=str(instance), database_url="")
    assert s.secret_key == "kept-from-before"
    assert (mode(instance), mode(instance / "secret_key")) == (0o700, 0o600)


def test_the_payment_sandbox_keys(tmp_path):
    directory = tmp_path / "instance" / "pay-sandbox"
    keys = SandboxKeys.load_or_create(directory)
    assert mode(tmp_path / "instance") == 0o700
    assert mode(directory) == 0o700
    assert {p.name: mode(p) for p in directory.iterdir()} == {
        "merchant_key.pem": 0o600, "platform_key.pem": 0o600, "apiv3.key": 0o600}
    os.chmod(directory / "apiv3.key", 0o644)  # left loose by an older version
    assert SandboxKeys.load_or_create(directory).serial == keys.serial
    assert mode(directory / "apiv3.key") == 0o600


def test_racing_first_starts_read_one_whole_file(tmp_path):
    path, start, got = tmp_path / "inst" / "secret_key", threading.Barrier(16), []

    def first_start(n: int):
        start.wait(timeout=30)
        got.append(read_or_create(path, lambda: f"key-of-{n}-".encode() * 1000))

    threads = [threading.Thread(target=first_start, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(got) == 16 and len(set(got)) == 1
    assert got[0] in {f"key-of-{n}-".encode() * 1000 for n in range(16)}  # one writer's, whole
    assert [p.name for p in path.parent.iterdir()] == ["secret_key"]  # no leftovers
    assert mode(path) == 0o600
