"""Broadcast frames written once (gevent serving only).

python-socketio encodes a room emit once, but Engine.IO then sends it to
each client through that socket's queue and writer greenlet, and wsproto
frames it again per client: most of a live room's CPU. Here a text packet is
framed as one WebSocket frame once (kept on the packet, which every
recipient shares) and written straight to each websocket client's socket.

Rules that keep it correct:
- A frame goes straight out only when the socket has nothing queued and no
  write of its own in progress, so each client still gets packets in order;
  otherwise the packet joins Engine.IO's queue as before.
- A straight write never blocks the broadcaster: what the kernel does not
  take at once is queued, as raw bytes, ahead of anything sent later, and the
  socket's writer greenlet sends it.
- Frames are final, unmasked and uncompressed (RSV1 clear); RFC 6455 and
  RFC 7692 allow that whatever extension the client negotiated.
- Polling clients, binary packets, TLS sockets and other async modes keep
  Engine.IO's path; the writer greenlet sends every queued message whole.

It leans on python-engineio 4.x and simple-websocket internals (pinned in
requirements.txt); tests/live/test_broadcast_frames.py holds it to the wire.
"""

from __future__ import annotations

import ssl
import struct
import types

from engineio import packet as eio_packet
from gevent import ssl as gevent_ssl
from wsproto.events import Message, TextMessage

FRAME_ATTR = "ws_frame"
TLS_SOCKETS = (ssl.SSLSocket, gevent_ssl.SSLSocket)


def frame_text(payload: str) -> bytes:
    """One final, unmasked WebSocket text frame (RFC 6455 section 5.2)."""
    data = payload.encode("utf-8")
    n = len(data)
    if n < 126:
        head = struct.pack("!BB", 0x81, n)
    elif n < 1 << 16:
        head = struct.pack("!BBH", 0x81, 126, n)
    else:
        head = struct.pack("!BBQ", 0x81, 127, n)
    return head + data


class Tail(eio_packet.Packet):
    """What the kernel did not take of a straight write: raw bytes the
    writer greenlet sends before anything queued after them."""

    def __init__(self, rest: bytes):
        super().__init__(eio_packet.MESSAGE, rest)
        self.encode_cache = _Raw(rest)


class _Raw(bytes):
    """Bytes already framed: sent as they are, not framed again."""


def websocket_class(base: type) -> type:
    """Engine.IO's gevent websocket wrapper, made to tell its Engine.IO socket
    where to write and whether a write of its own is under way."""

    class FramedWebSocket(base):
        def __init__(self, handler, server):
            super().__init__(handler, server)
            self.eio_socket = getattr(handler, "__self__", None)
            self.busy = False

        def __call__(self, environ, start_response):
            if self.eio_socket is not None:
                self.eio_socket.framed_ws = self
            try:
                return super().__call__(environ, start_response)
            finally:
                if self.eio_socket is not None:
                    self.eio_socket.framed_ws = None

        def send(self, message):
            """The writer greenlet's send: all of it (simple-websocket's own
            send makes one send call and drops what a full socket refused)."""
            self.busy = True
            try:
                if not self.ws.connected:
                    raise OSError("websocket closed")
                if type(message) is _Raw:
                    return self.ws.sock.sendall(message)
                event = (Message(data=message) if isinstance(message, bytes)
                         else TextMessage(data=str(message)))
                return self.ws.sock.sendall(self.ws.ws.send(event))
            finally:
                self.busy = False

        def write_now(self, frame: bytes) -> int:
            """Write without waiting; how many bytes the kernel took. Only a
            plain gevent socket can promise not to wait (TLS would)."""
            sock = self.ws.sock
            if not self.ws.connected or isinstance(sock, TLS_SOCKETS):
                raise OSError("not a plain open socket")
            try:
                return sock.send(frame, 0, 0.0)  # gevent: timeout 0 never waits
            except BlockingIOError:
                return 0

    return FramedWebSocket


def _send_packet(eio, sid: str, pkt: eio_packet.Packet) -> None:
    """Engine.IO's send_packet with the straight path in front of it."""
    try:
        sock = eio._get_socket(sid)
    except KeyError:
        return eio._queued_send_packet(sid, pkt)
    ws = getattr(sock, "framed_ws", None)
    if (ws is None or pkt.binary or ws.busy or not sock.upgraded or sock.upgrading
            or sock.queue.qsize()):
        return eio._queued_send_packet(sid, pkt)
    if not sock.check_ping_timeout():
        return None
    frame = pkt.__dict__.get(FRAME_ATTR)
    if frame is None:
        frame = frame_text(pkt.encode())
        setattr(pkt, FRAME_ATTR, frame)
    try:
        sent = ws.write_now(frame)
    except Exception:  # noqa: BLE001 - closed, TLS, anything odd: the queue's way
        return eio._queued_send_packet(sid, pkt)
    if sent < len(frame):
        sock.queue.put(Tail(frame[sent:]))
    return None


def install(eio) -> bool:
    """Put the straight path on an Engine.IO server; False (and nothing
    changed) unless it serves websockets on gevent through simple-websocket."""
    from engineio.async_drivers._websocket_wsgi import SimpleWebSocketWSGI

    base = eio._async.get("websocket") if eio.async_mode == "gevent" else None
    if not (isinstance(base, type) and issubclass(base, SimpleWebSocketWSGI)):
        return False
    if getattr(eio, "_queued_send_packet", None) is None:
        eio._async = dict(eio._async, websocket=websocket_class(base))
        eio._queued_send_packet = eio.send_packet
        eio.send_packet = types.MethodType(_send_packet, eio)
    return True
