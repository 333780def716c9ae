"""An Upload row exists only with both its objects stored, and objects only
with their row: a failing store or a failing commit leaves nothing."""

from __future__ import annotations

import pytest

from app import clock
from app.db import transaction
from app.uploads import service
from app.uploads.errors import StorageUnavailable
from app.uploads.models import Upload
from app.uploads.storage import StorageError
from tests.conftest import count
from tests.uploads import files


class FailingOnPut:
    """A store whose n-th put fails (as a full disk or an unreachable S3 would)."""

    def __init__(self, inner, fail_at: int):
        self.inner, self.fail_at, self.puts = inner, fail_at, 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def put(self, name, data, content_type):
        self.puts += 1
        if self.puts == self.fail_at:
            raise StorageError("disk full")
        self.inner.put(name, data, content_type)


def test_a_database_failure_after_storing_deletes_the_objects(make, store):
    alice = make.user("alice")
    with pytest.raises(RuntimeError), transaction() as s:
        service.store(s, store, data=files.jpeg(), user_id=alice, purpose="review",
                      now=clock.now())
        assert len(store.names()) == 2
        raise RuntimeError("the commit fails")
    assert store.names() == []
    assert count(Upload) == 0


@pytest.mark.parametrize("fail_at", [1, 2], ids=["image", "thumbnail"])
def test_a_store_failure_leaves_no_object_and_no_row(make, store, fail_at):
    alice = make.user("alice")
    with pytest.raises(StorageUnavailable), transaction() as s:
        service.store(s, FailingOnPut(store, fail_at), data=files.jpeg(), user_id=alice,
                      purpose="review", now=clock.now())
    assert store.names() == []
    assert count(Upload) == 0


def test_the_api_answers_503_when_the_store_fails(app, client, make, store):
    app.extensions["uploads.storage"] = FailingOnPut(store, 2)
    from tests.uploads.test_must_show import upload

    resp = upload(client, make.login("alice"), files.jpeg())
    assert (resp.status_code, resp.json["error"]["code"]) == (503, "storage_unavailable")
    assert store.names() == [] and count(Upload) == 0


def test_a_local_write_leaves_no_temporary_file(local_store):
    local_store.put("a" * 32, b"\xff\xd8\xffdata", "image/jpeg")
    assert [p.name for p in local_store.root.iterdir()] == ["a" * 32 + ".jpg"]
    assert local_store.get("a" * 32).data == b"\xff\xd8\xffdata"
    local_store.delete("a" * 32)
    local_store.delete("a" * 32)  # twice: no error
    assert local_store.names() == [] and not local_store.exists("a" * 32)
