"""Every Redis script the suite runs is checked: its keys must share one
hash slot, as Redis Cluster requires (a script runs on one slot's master).
So each test that runs a script also shows it would run on a cluster;
tests/test_script_slots.py runs every script once. `seen` names the
scripts run with their keys checked."""

from __future__ import annotations

from redis.crc import key_slot

from app.scripts import Script

seen: set[str] = set()


def slots(keys) -> set[int]:
    return {key_slot(k if isinstance(k, bytes) else str(k).encode()) for k in keys}


def check(script: Script, keys) -> None:
    found = slots(keys)
    if len(found) > 1:
        raise AssertionError(f"script {script.name}: its keys span {len(found)} hash slots "
                             f"(Redis Cluster refuses it): {list(keys)}")
    seen.add(script.name)


def install() -> None:
    """Check the keys of every call, pipelined command and queued script."""
    if getattr(Script, "_slots_checked", False):
        return
    call, command, queue = Script.__call__, Script.command, Script.queue

    def checked_call(self, client, keys, args=()):
        check(self, keys)
        return call(self, client, keys, args)

    def checked_command(self, keys, args=()):
        check(self, keys)
        return command(self, keys, args)

    def checked_queue(self, pipe, keys, args=()):
        check(self, keys)
        return queue(self, pipe, keys, args)

    Script.__call__, Script.command, Script.queue = checked_call, checked_command, checked_queue
    Script._slots_checked = True
