"""BENCHMARKS.md keeps the latest figures of each benchmark: one `## ` section
per benchmark, replaced whole when that benchmark is run with --write."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

HEADER = ("# Benchmarks\n\nThe latest figures of each script in bench/, with the command, "
          "the machine and a ratio against a baseline measured in the same run.\n")


def write_section(path: Path, title: str, body: str) -> None:
    text = path.read_text() if path.exists() else HEADER
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    section = f"## {title}\n\nMeasured {stamp}.\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    path.write_text(text)
