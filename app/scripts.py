"""Redis Lua scripts: the one way to call them.

A package declares each script once, next to its engine, with the table
that maps the script's negative codes to the package's errors:

    GRAB = Script(LUA / "grab.lua", {-10: errors.SoldOut, -3: not_started})

A table entry is an error class, or a function of the reply's other items
that makes the error (to put them in `details`). `script(client, keys, args)`
runs it by its SHA (loaded on a new or flushed server, once), then raises
the mapped error or returns the reply; a code the table does not name is
returned, for the engine to read. A batch pipelines the same script:
`script.queue(pipe, keys, args)` on a redis-py pipeline, or
`script.command(keys, args)` for a connection of one's own;
`script.outcome(reply)` reads each reply without raising.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import redis
from redis.exceptions import NoScriptError

ErrorMaker = Callable[[list], Exception] | type[Exception]


class Script:
    def __init__(self, path: Path, errors: Mapping[int, ErrorMaker] | None = None):
        self.name = path.stem
        self.source = path.read_text()
        self.sha = hashlib.sha1(self.source.encode()).hexdigest()
        self.errors = dict(errors or {})

    def __repr__(self) -> str:
        return f"Script({self.name})"

    def __call__(self, client: redis.Redis, keys: Sequence, args: Sequence = ()):
        try:
            reply = client.evalsha(self.sha, len(keys), *keys, *args)
        except NoScriptError:  # a new or flushed server
            self.load(client)
            reply = client.evalsha(self.sha, len(keys), *keys, *args)
        return self.check(reply)

    def load(self, client: redis.Redis) -> None:
        client.script_load(self.source)

    def command(self, keys: Sequence, args: Sequence = ()) -> tuple:
        """The EVALSHA command, for a pipeline of this script."""
        return ("EVALSHA", self.sha, len(keys), *keys, *args)

    @property
    def script(self) -> str:
        """The source, by the name redis-py's pipelines load it under."""
        return self.source

    def queue(self, pipe, keys: Sequence, args: Sequence = ()) -> None:
        """Queue this script on a redis-py pipeline, which loads it first
        where the server lacks it (as for redis-py's own scripts). A cluster
        pipeline loads no scripts: there it is sent whole (EVAL)."""
        scripts = getattr(pipe, "scripts", None)
        if scripts is None:
            pipe.execute_command("EVAL", self.source, len(keys), *keys, *args)
            return
        scripts.add(self)
        pipe.execute_command(*self.command(keys, args))

    def outcome(self, reply):
        """The mapped error (not raised) for a reply's negative code, else the reply."""
        code, extra = _code(reply)
        make = self.errors.get(code) if code is not None and code < 0 else None
        if make is None:
            return reply
        if isinstance(make, type) and issubclass(make, Exception):
            return make()
        return make(extra)

    def check(self, reply):
        """The reply, or its mapped error raised."""
        out = self.outcome(reply)
        if isinstance(out, Exception):
            raise out
        return reply


def _code(reply) -> tuple[int | None, list]:
    """A reply's code: the reply itself (an integer) or its first item."""
    if isinstance(reply, int) and not isinstance(reply, bool):
        return reply, []
    if isinstance(reply, list) and reply and isinstance(reply[0], int):
        return reply[0], list(reply[1:])
    return None, []
