"""Screenshots the browser tests keep: one folder at the repository's root,
`test-screenshots/<test name>[-<step>].png` (git ignores it), written again
by every run, so a person can look at what each page showed."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "test-screenshots"
PNG = b"\x89PNG\r\n\x1a\n"


def keep(page, test_name: str, step: str = "") -> Path:
    """A full-page screenshot of `page`, kept as FOLDER/<test name>[-<step>].png."""
    FOLDER.mkdir(exist_ok=True)
    name = test_name.replace("/", "_").replace("[", "-").replace("]", "")
    path = FOLDER / f"{name}{'-' + step if step else ''}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    data = path.read_bytes()
    assert data.startswith(PNG) and len(data) > 1000, path
    return path
