"""Uploaded images addressed on the test server: the app names media by its
PUBLIC_BASE_URL (the site's address), here the served thread's URL."""

from __future__ import annotations

import dataclasses

import pytest


@pytest.fixture
def served_media(app, base_url, monkeypatch):
    settings = app.extensions["mall.settings"]
    monkeypatch.setitem(app.extensions, "mall.settings",
                        dataclasses.replace(settings, public_base_url=base_url))
