"""Where finished exports are kept: a private folder under the instance
directory (0700, files 0600): they hold buyers' names and phones."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from app.private_files import private_dir


def folder() -> Path:
    return private_dir(Path(current_app.instance_path) / "exports")
