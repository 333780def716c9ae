"""Where images are kept: one `Storage` per app, chosen by STORAGE_URL.

- "" (the default): `LocalStorage` under the instance folder's `media/`.
- `file:///abs/path`: `LocalStorage` in that folder.
- `s3://bucket/prefix?endpoint_url=...&region=...`: `S3Storage` on any
  S3-compatible store (credentials from boto3's usual environment:
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), for many nodes.

Objects are immutable: a name is written once, read many times, deleted
when what wrote it rolls back. A reader never sees half an object: a local
file is written aside and renamed into place, an S3 PUT is atomic."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from app.storage_url import problems, s3_options
from app.uploads.rules import SUFFIXES

NAME = re.compile(r"^[0-9a-f]{32}(\.thumb)?$")
TYPES = {suffix: content_type for content_type, suffix in SUFFIXES.items()}


class StorageError(Exception):
    """The store failed (unreachable, refused, full)."""


@dataclass(frozen=True)
class Stored:
    data: bytes
    content_type: str


class Storage(Protocol):
    def put(self, name: str, data: bytes, content_type: str) -> None: ...

    def get(self, name: str) -> Stored | None: ...

    def exists(self, name: str) -> bool: ...

    def delete(self, name: str) -> None:
        """Gone; deleting what is not there is no error."""

    def names(self) -> list[str]:
        """Every object's name (tests and maintenance)."""


def _check(name: str) -> str:
    if not NAME.match(name):
        raise ValueError(f"not an object name: {name!r}")
    return name


class LocalStorage:
    """Files in one folder, the content type kept as the file's suffix."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _path(self, name: str, content_type: str) -> Path:
        return self.root / f"{_check(name)}.{SUFFIXES[content_type]}"

    def _find(self, name: str) -> tuple[Path, str] | None:
        for suffix, content_type in TYPES.items():
            path = self.root / f"{_check(name)}.{suffix}"
            if path.is_file():
                return path, content_type
        return None

    def put(self, name: str, data: bytes, content_type: str) -> None:
        path = self._path(name, content_type)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            aside = self.root / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}"
            try:
                with open(aside, "xb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(aside, path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    aside.unlink()
        except OSError as exc:
            raise StorageError(str(exc)) from exc

    def get(self, name: str) -> Stored | None:
        found = self._find(name)
        if found is None:
            return None
        path, content_type = found
        try:
            return Stored(path.read_bytes(), content_type)
        except FileNotFoundError:
            return None

    def exists(self, name: str) -> bool:
        return self._find(name) is not None

    def delete(self, name: str) -> None:
        for suffix in TYPES:
            with contextlib.suppress(FileNotFoundError):
                (self.root / f"{_check(name)}.{suffix}").unlink()

    def names(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name.rsplit(".", 1)[0] for p in self.root.iterdir()
                      if not p.name.startswith(".") and p.suffix[1:] in TYPES)


class S3Storage:
    """One bucket (and a key prefix) of an S3-compatible store, via boto3."""

    def __init__(self, bucket: str, prefix: str = "", *, endpoint_url: str | None = None,
                 region: str | None = None, client=None):
        import boto3  # only where S3 is configured
        from botocore.config import Config

        self.bucket, self.prefix = bucket, prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client = client or boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=region or "us-east-1",
            config=Config(retries={"max_attempts": 3, "mode": "standard"},
                          connect_timeout=5, read_timeout=30))

    def _key(self, name: str) -> str:
        return self.prefix + _check(name)

    def put(self, name: str, data: bytes, content_type: str) -> None:
        if content_type not in SUFFIXES:
            raise ValueError(f"not a stored type: {content_type!r}")
        self._call("put_object", Bucket=self.bucket, Key=self._key(name), Body=data,
                   ContentType=content_type)

    def get(self, name: str) -> Stored | None:
        from botocore.exceptions import ClientError

        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(name))
        except ClientError as exc:
            if _missing(exc):
                return None
            raise StorageError(str(exc)) from exc
        except Exception as exc:  # botocore's connection errors
            raise StorageError(str(exc)) from exc
        return Stored(answer["Body"].read(), answer["ContentType"])

    def exists(self, name: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(name))
        except ClientError as exc:
            if _missing(exc):
                return False
            raise StorageError(str(exc)) from exc
        return True

    def delete(self, name: str) -> None:
        self._call("delete_object", Bucket=self.bucket, Key=self._key(name))

    def names(self) -> list[str]:
        found = []
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix)
        for page in pages:
            found += [item["Key"][len(self.prefix):] for item in page.get("Contents", ())]
        return sorted(found)

    def _call(self, method: str, **kwargs) -> None:
        try:
            getattr(self.client, method)(**kwargs)
        except Exception as exc:
            raise StorageError(str(exc)) from exc


def _missing(exc) -> bool:
    return exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound")


def from_url(url: str, instance_dir: str) -> Storage:
    """The store STORAGE_URL names (see the module's docstring)."""
    found = problems(url)
    if found:
        raise ValueError("; ".join(found))  # Settings.from_env refused it already
    if not url:
        return LocalStorage(Path(instance_dir) / "media")
    parts = urlsplit(url)
    if parts.scheme == "file":
        return LocalStorage(Path(parts.path))
    options = s3_options(url)
    return S3Storage(parts.netloc, parts.path, endpoint_url=options.get("endpoint_url"),
                     region=options.get("region"))
