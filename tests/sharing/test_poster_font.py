"""The posters' font is one configured file: production refuses to start
without it (Chinese would be boxes); elsewhere start-up warns."""

from __future__ import annotations

import logging

import pytest

from app.config import ConfigError, Settings
from app.sharing import fonts

MISSING = "/nonexistent/wqy-microhei.ttc"


def test_the_default_font_is_debian_s_wenquanyi_micro_hei(app):
    assert app.extensions["mall.settings"].poster_font == fonts.DEFAULT_PATH
    assert fonts.draws_cjk(fonts.DEFAULT_PATH)


def test_production_refuses_to_start_without_the_poster_font(monkeypatch):
    monkeypatch.setenv("POSTER_FONT", MISSING)
    with pytest.raises(ConfigError) as refused:
        Settings.from_env(app_env="production", secret_key="s" * 32)
    assert refused.value.problems == [
        f"POSTER_FONT names no readable font file ({MISSING}): posters would draw Chinese "
        "as boxes (install fonts-wqy-microhei)"]


def test_outside_production_a_missing_font_is_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="app.sharing.fonts"):
        assert fonts.check(MISSING) is False
        assert fonts.check(fonts.DEFAULT_PATH) is True
    assert [r.getMessage() for r in caplog.records] == [
        f"POSTER_FONT {MISSING!r} is no usable CJK font: Chinese text on posters will be "
        "boxes (install fonts-wqy-microhei or set POSTER_FONT)"]
