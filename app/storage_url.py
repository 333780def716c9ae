"""STORAGE_URL, where uploaded images are kept, read apart from the store
itself (so settings are checked when they are read, before any app is
made): "" = files under instance/media; file:///abs/path = files there;
s3://bucket/prefix?endpoint_url=...&region=... = an S3-compatible store."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

S3_OPTIONS = ("endpoint_url", "region")


def problems(url: str) -> list[str]:
    """What is wrong with a STORAGE_URL; [] when it can be used."""
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme == "file":
        return [] if parts.path.startswith("/") else ["STORAGE_URL file:// needs an absolute path"]
    if parts.scheme == "s3":
        unknown = set(parse_qs(parts.query)) - set(S3_OPTIONS)
        found = [] if parts.netloc else ["STORAGE_URL s3:// needs a bucket: s3://bucket/prefix"]
        return found + [f"STORAGE_URL has an unknown option {name!r}" for name in sorted(unknown)]
    return [f"STORAGE_URL must be file:///path or s3://bucket, not {parts.scheme or url!r}"]


def s3_options(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}
