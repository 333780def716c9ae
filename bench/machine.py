"""How busy the machine is while a benchmark runs: the cores, the load
average, and the CPU that processes other than the benchmark's own used
(from /proc; the database and Redis servers count as others)."""

from __future__ import annotations

import os
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _busy_s() -> float:
    """CPU seconds all cores spent on anything but idling, since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / TICK


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _cpu_s(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICK


class Probe:
    """Measures the others' CPU between start() and stop(), in cores."""

    def __init__(self, own: list[int]):
        self.own = own  # the benchmark's process ids (the server's workers are found)

    def pids(self) -> list[int]:
        return [p for pid in self.own for p in (pid, *_children(pid))]

    def start(self) -> None:
        self._pids = self.pids()
        self._t, self._busy, self._ours = time.monotonic(), _busy_s(), _cpu_s(self._pids)

    def stop(self) -> float:
        wall = time.monotonic() - self._t
        others = (_busy_s() - self._busy) - (_cpu_s(self._pids) - self._ours)
        return max(0.0, others / wall) if wall > 0 else 0.0


def cores() -> int:
    return os.cpu_count() or 1


def load1() -> float:
    return os.getloadavg()[0]
