"""The image stores the upload suite runs on: files in a fresh folder, and
a fresh bucket on moto's S3-compatible server, started once on a free
loopback port and reached over real HTTP through boto3."""

from __future__ import annotations

import os
import secrets

import pytest
from moto.server import ThreadedMotoServer

from app.uploads import storage as storage_module

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
               "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture(scope="session")
def s3_endpoint():
    saved = {name: os.environ.get(name) for name in CREDENTIALS}
    os.environ.update(CREDENTIALS)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def make_store(kind: str, tmp_path, request):
    if kind == "local":
        return storage_module.from_url(f"file://{tmp_path / 'media'}", str(tmp_path))
    endpoint = request.getfixturevalue("s3_endpoint")
    bucket = f"media-{secrets.token_hex(6)}"
    store = storage_module.from_url(f"s3://{bucket}/mall?endpoint_url={endpoint}", "")
    store.client.create_bucket(Bucket=bucket)
    return store


@pytest.fixture(params=["local", "s3"])
def store(request, app, tmp_path):
    """The app's image store for this test: local files, then S3."""
    chosen = make_store(request.param, tmp_path, request)
    saved = app.extensions["uploads.storage"]
    app.extensions["uploads.storage"] = chosen
    yield chosen
    app.extensions["uploads.storage"] = saved


@pytest.fixture
def local_store(app, tmp_path):
    saved = app.extensions["uploads.storage"]
    app.extensions["uploads.storage"] = chosen = storage_module.LocalStorage(tmp_path / "m")
    yield chosen
    app.extensions["uploads.storage"] = saved
