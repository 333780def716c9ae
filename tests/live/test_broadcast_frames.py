"""Broadcast frames written once (app/socketio_frames.py), held to the wire.

The frame builder is checked by wsproto's own parser at every length
boundary. On a real `python -m app.serve` (gevent), raw websocket viewers
that offer permessage-deflate read every frame themselves: a frame the
server wrote straight is uncompressed, one that went through Engine.IO's
queue (and wsproto) is compressed, so the tests see which way each went.
A viewer that stops reading while megabytes are broadcast must still get
every message whole and in order: first straight, then, once its socket
is full, through the queue behind the unsent rest of a frame (and straight
again whenever the queue has drained); a viewer without compression gets
the queued 60 KB frames whole too."""

from __future__ import annotations

import base64
import json
import os
import socket
import struct
import threading
import time
import uuid
import zlib
from urllib.parse import urlsplit

import pytest
import socketio as python_socketio
from wsproto.frame_protocol import FrameProtocol, Opcode

from app.socketio_frames import frame_text
from live.push import NAMESPACE, audience
from tests.live.servers import serve

WAIT_S = 30
PAD = "é" * 30_000  # 60,000 bytes of UTF-8 per message


@pytest.mark.parametrize("size", [0, 1, 125, 126, 127, 65_535, 65_536, 200_000])
def test_frames_parse_as_one_final_text_message_at_each_length_boundary(size):
    text = ("a" * size)[:size]
    parser = FrameProtocol(client=True, extensions=[])
    parser.receive_bytes(frame_text(text))
    frames = list(parser.received_frames())
    assert [(f.opcode, f.payload, f.frame_finished, f.message_finished) for f in frames] == \
        [(Opcode.TEXT, text, True, True)]


def test_frames_carry_utf8_lengths_not_characters():
    built = frame_text("直播间")
    assert built[:2] == bytes((0x81, 9))
    assert built[2:].decode("utf-8") == "直播间"


class RawViewer:
    """A guest on /live over a raw websocket that offered permessage-deflate;
    records each Socket.IO event with whether its frame was compressed."""

    def __init__(self, url: str, room_id: int, *, rcvbuf: int | None = None,
                 deflate: bool = True):
        parts = urlsplit(url)
        self.sock = socket.socket()
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(WAIT_S)
        self.sock.connect((parts.hostname, parts.port))
        self.buf = b""
        self.inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        self.events: list[tuple[str, object, bool]] = []
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((
            "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
            f"Host: {parts.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            + ("Sec-WebSocket-Extensions: permessage-deflate\r\n" if deflate else "")
            + "\r\n").encode())
        while b"\r\n\r\n" not in self.buf:
            self.buf += self._recv()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head
        assert (b"permessage-deflate" in head.lower()) is deflate, head
        assert self.next_text().startswith("0{")  # Engine.IO open
        self.send(f"40{NAMESPACE},")
        assert self.next_text().startswith(f"40{NAMESPACE},")
        self.send(f"42{NAMESPACE},0" + json.dumps(["join", {"room_id": room_id}]))
        while not (answer := self.next_text()).startswith(f"43{NAMESPACE},0"):
            pass
        assert json.loads(answer[len(f"43{NAMESPACE},0"):])[0]["ok"] is True

    def _recv(self) -> bytes:
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("server closed the connection")
        return chunk

    def send(self, text: str) -> None:
        data, mask = text.encode(), os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        assert len(data) < 126
        self.sock.sendall(bytes((0x81, 0x80 | len(data))) + mask + masked)

    def _take(self, n: int) -> bytes:
        while len(self.buf) < n:
            self.buf += self._recv()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def next_frame(self) -> tuple[str, bool]:
        """(text, compressed) of the next final text frame; pings answered."""
        while True:
            b0, b1 = self._take(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._take(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._take(8))[0]
            assert not b1 & 0x80, "server frames are never masked"
            assert b0 & 0x80, "every server message is one final frame"
            payload, compressed = self._take(n), bool(b0 & 0x40)
            if b0 & 0x0F == 0x9:
                continue
            assert b0 & 0x0F == 0x1
            if compressed:
                payload = self.inflate.decompress(payload + b"\x00\x00\xff\xff")
            text = payload.decode("utf-8")
            if text == "2":  # Engine.IO ping
                self.send("3")
                continue
            return text, compressed

    def next_text(self) -> str:
        return self.next_frame()[0]

    def read_probes(self, count: int, into: list | None = None) -> list[tuple[int, bool]]:
        """(seq, compressed) of the next `count` probe events, checking each pad."""
        got = [] if into is None else into
        prefix = f"42{NAMESPACE},"
        for _ in range(count):
            while True:
                text, compressed = self.next_frame()
                event, data = json.loads(text[len(prefix):]) if text.startswith(prefix) \
                    else (None, None)
                if event == "probe":
                    break
            assert data["pad"] == PAD
            got.append((data["seq"], compressed))
        return got


def _emitter(app, channel: str):
    """A process-external emitter on the servers' message queue (as the worker is)."""
    return python_socketio.RedisManager(app.extensions["mall.settings"].queue_url,
                                        channel=channel, write_only=True)


def _probes(emitter, room_id: int, seqs: range) -> None:
    for seq in seqs:
        emitter.emit("probe", {"seq": seq, "pad": PAD}, namespace=NAMESPACE,
                     room=audience(room_id))


def test_a_viewer_that_stops_reading_still_gets_every_broadcast_whole_and_in_order(
        app, room, tmp_path):
    r = room()
    channel = f"frames-{uuid.uuid4().hex}"
    first, second = range(0, 150), range(150, 180)  # 9 MB while the slow one sleeps
    with serve(app, tmp_path, channel=channel) as server:
        slow = RawViewer(server.url, r.id, rcvbuf=4096)
        plain = RawViewer(server.url, r.id, rcvbuf=4096, deflate=False)  # nothing compressed
        fast = RawViewer(server.url, r.id)
        fast_got: list = []
        reader = threading.Thread(target=fast.read_probes, args=(180, fast_got), daemon=True)
        reader.start()
        _probes(_emitter(app, channel), r.id, first)
        deadline = time.monotonic() + WAIT_S
        while len(fast_got) < len(first) and time.monotonic() < deadline:
            time.sleep(0.05)  # the server has fanned the first batch out

        slow_first = slow.read_probes(len(first))  # only now does it read
        _probes(_emitter(app, channel), r.id, second)
        slow_second = slow.read_probes(len(second))
        plain_got = plain.read_probes(len(first) + len(second))
        reader.join(WAIT_S)

    assert [seq for seq, _ in fast_got] == list(range(180))
    assert fast_got[0] == (0, False)  # straight (later ones too while it keeps up)
    assert [seq for seq, _ in slow_first] == list(first)
    ways = [compressed for _, compressed in slow_first]
    straight = ways.index(True)  # straight until its socket filled, then queued
    assert 0 < straight < len(first) and ways.count(True) >= 10
    assert [seq for seq, _ in slow_second] == list(second)
    assert slow_second[0] == (second[0], False)  # its queue had drained: straight again
    # queued frames too big for its full socket went out whole, not cut short
    assert plain_got == [(seq, False) for seq in range(180)]
