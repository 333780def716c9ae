"""Client processes of bench/live_fanout.py: lean asyncio Socket.IO clients
speaking the real protocol (Engine.IO 4 / Socket.IO 5 over RFC 6455
websockets, text frames, answering pings), many per process, so the client
side costs little next to the server.

`viewers URL ROOM N`: N guests join the room and only receive; each counts
the benchmark's chat messages per phase and their delay (the send time is in
the text). Commands on stdin, one JSON line answered on stdout each:
  WAIT <phase> <expected> <timeout_s>  wait until every viewer has <expected>
                                       messages of <phase> (or the timeout)
  STOP                                 disconnect and exit
`senders URL ROOM`: signed-in users, their tokens on the first stdin line
(`TOKENS t1 t2 ...`); per command
  RUN <phase> <rate> <seconds>  the first ceil(rate * 2.2) + 1 users join
                                (answered with how many), 1 s later chat
                                round-robin at <rate>/s (each under the
                                1-per-2-s limit), leave; answers with the acks
Both print READY once connected.

  python -m bench.live_clients viewers URL ROOM N
  python -m bench.live_clients senders URL ROOM
"""

from __future__ import annotations

import asyncio
import base64
import json
import math
import os
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

NS = "/live"
MARK = b'"text":"bench|'
CONNECT_AT_ONCE = 50


def _mask(payload: bytes) -> bytes:
    key = os.urandom(4)
    n = len(payload)
    stream = (key * (n // 4 + 1))[:n]
    return key + (int.from_bytes(payload, "little") ^
                  int.from_bytes(stream, "little")).to_bytes(n, "little")


def frame(text: str) -> bytes:
    """One masked text frame (clients must mask)."""
    data = text.encode()
    n = len(data)
    if n < 126:
        head = bytes((0x81, 0x80 | n))
    elif n < 65536:
        head = bytes((0x81, 0x80 | 126)) + n.to_bytes(2, "big")
    else:
        head = bytes((0x81, 0x80 | 127)) + n.to_bytes(8, "big")
    return head + _mask(data)


class Socket(asyncio.Protocol):
    """One Socket.IO connection to namespace /live over a raw websocket. An
    asyncio Protocol: frames are parsed as bytes arrive, with no stream
    reader or task to wake per read (the client side must cost little)."""

    def __init__(self, on_chat=None):
        self.on_chat = on_chat
        self.buf = bytearray()
        self.acks: dict[int, asyncio.Future] = {}
        self.next_id = 0
        self.upgraded: asyncio.Future | None = None
        self.connected: asyncio.Future | None = None
        self.closed = False
        self.transport = None

    async def open(self, url: str, token: str | None) -> None:
        parts = urlsplit(url)
        loop = asyncio.get_running_loop()
        self.upgraded, self.connected = loop.create_future(), loop.create_future()
        await loop.create_connection(lambda: self, parts.hostname, parts.port)
        key = base64.b64encode(os.urandom(16)).decode()
        self.transport.write((f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                              f"Host: {parts.netloc}\r\nUpgrade: websocket\r\n"
                              f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                              f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
        await asyncio.wait_for(self.upgraded, 60)
        auth = json.dumps({"token": token}) if token else ""
        self.transport.write(frame(f"40{NS},{auth}"))
        await asyncio.wait_for(self.connected, 60)

    async def call(self, event: str, data: dict, timeout: float = 60) -> dict:
        ack_id, self.next_id = self.next_id, self.next_id + 1
        future = asyncio.get_running_loop().create_future()
        self.acks[ack_id] = future
        self.transport.write(frame(f"42{NS},{ack_id}" + json.dumps([event, data])))
        return await asyncio.wait_for(future, timeout)

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def abort(self) -> None:
        if self.transport is not None:
            self.transport.abort()

    def connection_made(self, transport) -> None:
        self.transport = transport

    def connection_lost(self, exc) -> None:
        for future in (self.upgraded, self.connected):
            if future is not None and not future.done():
                future.set_exception(ConnectionError("closed"))

    def data_received(self, data: bytes) -> None:
        self.buf += data
        if not self.upgraded.done():
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buf[:end])
            del self.buf[:end + 4]
            if b" 101 " not in head.split(b"\r\n", 1)[0]:
                self.upgraded.set_exception(RuntimeError(f"no websocket upgrade: {head[:200]!r}"))
                return
            self.upgraded.set_result(True)
        self._frames()

    def _frames(self) -> None:
        buf, i = self.buf, 0
        while len(buf) - i >= 2:
            op, n, at = buf[i] & 0x0F, buf[i + 1] & 0x7F, i + 2
            if n == 126:
                if len(buf) - at < 2:
                    break
                n, at = int.from_bytes(buf[at:at + 2], "big"), at + 2
            elif n == 127:
                if len(buf) - at < 8:
                    break
                n, at = int.from_bytes(buf[at:at + 8], "big"), at + 8
            if len(buf) - at < n:
                break
            self._packet(op, bytes(buf[at:at + n]))
            i = at + n
        del buf[:i]

    def _packet(self, op: int, p: bytes) -> None:
        if op == 9:  # a websocket ping
            self.transport.write(bytes((0x8A, 0x80 | len(p))) + _mask(p))
        elif op != 1:
            return
        elif p == b"2":  # Engine.IO ping
            self.transport.write(frame("3"))
        elif p.startswith(b'42/live,["chat"'):
            if self.on_chat is not None:
                self.on_chat(p)
        elif p.startswith(b"43/live,"):
            body = p[8:]
            digits = len(body) - len(body.lstrip(b"0123456789"))
            future = self.acks.pop(int(body[:digits]), None)
            if future is not None and not future.done():
                future.set_result(json.loads(body[digits:])[0])
        elif p.startswith(b"40/live,") and not self.connected.done():
            self.connected.set_result(True)
        elif p.startswith(b"44/live,") and not self.connected.done():
            self.connected.set_exception(RuntimeError(p.decode()))


async def _many(url: str, n: int, token_of, on_chat_of) -> list[Socket]:
    gate = asyncio.Semaphore(CONNECT_AT_ONCE)

    async def one(i: int) -> Socket:
        async with gate:
            for attempt in range(3):  # a busy server may drop a handshake: try again
                s = Socket(on_chat_of(i))
                try:
                    await asyncio.wait_for(s.open(url, token_of(i)), 30)
                    return s
                except (TimeoutError, OSError, RuntimeError):
                    s.abort()
                    if attempt == 2:
                        raise
            raise AssertionError("unreachable")
    return list(await asyncio.gather(*(one(i) for i in range(n))))


async def _lines():
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        yield line.split()


def _say(obj) -> None:
    print(obj if isinstance(obj, str) else json.dumps(obj), flush=True)


class Tally:
    """Per phase: each viewer's count, a histogram of delays (0.1 ms), first/last arrival."""

    def __init__(self, n: int):
        self.n = n
        self.counts: dict[str, list[int]] = {}
        self.delays: dict[str, Counter] = {}
        self.span: dict[str, list[float]] = {}

    def recorder(self, i: int):
        def on_chat(p: bytes) -> None:
            now = time.time()
            at = p.find(MARK)
            if at < 0:
                return
            phase, _seq, sent = p[at + len(MARK):p.find(b'"', at + len(MARK))].split(b"|")
            phase = phase.decode()
            if phase not in self.counts:
                self.counts[phase], self.delays[phase] = [0] * self.n, Counter()
                self.span[phase] = [now, now]
            self.counts[phase][i] += 1
            self.delays[phase][int((now - float(sent)) * 10000)] += 1
            self.span[phase][1] = now
        return on_chat

    async def wait(self, phase: str, expected: int, timeout_s: float) -> dict:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and \
                min(self.counts.get(phase, [0])) < expected:
            await asyncio.sleep(0.05)
        counts = self.counts.get(phase, [0] * self.n)
        return {"phase": phase, "counts": counts,
                "delays": dict(self.delays.get(phase, {})),
                "span": self.span.get(phase, [0.0, 0.0])}


async def viewers(url: str, room_id: int, n: int) -> None:
    tally = Tally(n)
    sockets = await _many(url, n, lambda i: None, tally.recorder)
    for chunk in range(0, n, CONNECT_AT_ONCE):
        answers = await asyncio.gather(*(s.call("join", {"room_id": room_id})
                                         for s in sockets[chunk:chunk + CONNECT_AT_ONCE]))
        refused = [a for a in answers if not a.get("ok")]
        if refused:
            raise RuntimeError(f"join refused: {refused[0]}")
    _say("READY")
    async for words in _lines():
        if words[0] == "WAIT":
            _say(await tally.wait(words[1], int(words[2]), float(words[3])))
        elif words[0] == "STOP":
            break
    for s in sockets:
        s.close()
    _say({"stopped": n})


async def _run(sockets: list[Socket], room_id: int, phase: str, rate: float,
               seconds: float) -> dict:
    users = sockets[:min(len(sockets), math.ceil(rate * 2.2) + 1)]
    await asyncio.gather(*(s.call("join", {"room_id": room_id}) for s in users))
    _say({"joined": len(users)})
    await asyncio.sleep(1.0)  # the joins' counters ticks are out
    answers: Counter = Counter()
    pending = []
    start = time.time()
    sent = 0
    while start + sent / rate < start + seconds:
        await asyncio.sleep(max(0.0, start + sent / rate - time.time()))
        text = f"bench|{phase}|{sent}|{time.time():.6f}"
        pending.append(asyncio.ensure_future(
            users[sent % len(users)].call("chat", {"room_id": room_id, "text": text})))
        sent += 1
    end = time.time()
    for answer in await asyncio.gather(*pending, return_exceptions=True):
        key = ("ok" if isinstance(answer, dict) and answer.get("ok") else
               answer["error"]["code"] if isinstance(answer, dict) else type(answer).__name__)
        answers[key] += 1
    await asyncio.gather(*(s.call("leave", {"room_id": room_id}) for s in users))
    return {"phase": phase, "sent": sent, "answers": dict(answers), "start": start,
            "end": end, "senders": len(users)}


async def senders(url: str, room_id: int) -> None:
    sockets: list[Socket] = []
    async for words in _lines():
        if words[0] == "TOKENS":
            tokens = words[1:]
            sockets = await _many(url, len(tokens), tokens.__getitem__, lambda i: None)
            _say("READY")
        elif words[0] == "RUN":
            _say(await _run(sockets, room_id, words[1], float(words[2]), float(words[3])))
        elif words[0] == "STOP":
            break
    for s in sockets:
        s.close()
    _say({"stopped": len(sockets)})


def _loop_runner():
    """uvloop when installed (a third of the client CPU per frame), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run
    return uvloop.run


if __name__ == "__main__":
    kind, url, room = sys.argv[1], sys.argv[2], int(sys.argv[3])
    run = _loop_runner()
    if kind == "viewers":
        run(viewers(url, room, int(sys.argv[4])))
    else:
        run(senders(url, room))
