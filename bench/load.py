"""A small HTTP/1.1 load generator: asyncio, keep-alive connections, one
request in flight per connection. Requests are prepared bytes, so the
client spends its time on the wire, not on building requests."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field


def request(method: str, path: str, *, body: bytes = b"", headers: dict | None = None,
            host: str = "127.0.0.1") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: keep-alive"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if body or method != "GET":
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass
class Result:
    seconds: float
    statuses: Counter = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    sent: int = 0  # requests handed out, warm-up included
    others: float = 0.0  # cores other processes used meanwhile, when measured

    @property
    def done(self) -> int:
        return sum(self.statuses.values())

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(p / 100 * len(xs)))] if xs else 0.0


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    if length:
        await reader.readexactly(length)
    return status


async def _connection(port: int, next_request: Callable[[], bytes], stop_at: float,
                      measure_from: float, result: Result) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while (now := time.perf_counter()) < stop_at:
            item = next_request()
            if item is None:  # the feed is done: this connection stops
                break
            writer.write(item)
            status = await _read_response(reader)
            if now >= measure_from:
                result.statuses[status] += 1
                result.latencies_ms.append((time.perf_counter() - now) * 1000)
    finally:
        writer.close()


async def _run(port, next_request, connections, warmup_s, seconds) -> Result:
    start = time.perf_counter()
    measure_from, stop_at = start + warmup_s, start + warmup_s + seconds
    result = Result(seconds)
    await asyncio.gather(*(_connection(port, next_request, stop_at, measure_from, result)
                           for _ in range(connections)))
    result.seconds = time.perf_counter() - measure_from
    return result


def run(port: int, next_request: Callable[[], bytes], *, connections: int = 64,
        warmup_s: float = 1.0, seconds: float = 5.0) -> Result:
    """Drive the server; only answers that started after the warm-up count.
    A feed that answers None instead of a request ends its connection."""
    return asyncio.run(_run(port, next_request, connections, warmup_s, seconds))
