"""Secret files kept under the instance directory (the development secret key,
the payment sandbox's keys): the directory is 0700 and each file 0600 from
the moment it exists. A file is written aside and linked into place, so a
process starting beside another reads one whole file, never half of one."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Make `path` (and its parents) if missing; the directory itself is 0700.
    A directory we do not own (a mounted volume) is left as it is."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError):
        os.chmod(path, DIR_MODE)
    return path


def tighten(directory: Path) -> None:
    """Make an existing directory 0700 and the files in it 0600."""
    private_dir(directory)
    for child in directory.iterdir():
        if child.is_file():
            with contextlib.suppress(PermissionError):
                os.chmod(child, FILE_MODE)


def write_new(path: Path, data: bytes) -> None:
    """A new 0600 file holding `data`; FileExistsError if `path` exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def read_or_create(path: Path, make: Callable[[], bytes]) -> bytes:
    """The file's bytes; made once with `make()` when missing. Whoever links
    first wins; everyone reads the winner's file. A file left with a looser
    mode by an older version is tightened to 0600."""
    private_dir(path.parent)
    if not path.exists():
        aside = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        write_new(aside, make())
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
        finally:
            aside.unlink()
    with contextlib.suppress(PermissionError):
        os.chmod(path, FILE_MODE)
    return path.read_bytes()
