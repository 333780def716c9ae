"""Client processes of bench/live_fanout.py (gevent, python-socketio over
websockets): `viewers` joins N guests to a room and counts the chat each
receives with its delivery latency; `senders` joins users who chat at a
paced rate. Both print READY once joined, wait for a line on stdin (GO for
the senders, STOP for the viewers), and print one JSON line of results.

  python -m bench.live_clients viewers URL ROOM N
  python -m bench.live_clients senders URL ROOM RATE SECONDS TOKEN...
"""

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import gevent  # noqa: E402
import socketio  # noqa: E402
from gevent.pool import Pool  # noqa: E402

NS = "/live"
CONNECT_AT_ONCE = 25


def connect(url: str, room_id: int, token: str | None) -> socketio.Client:
    client = socketio.Client(reconnection=False)
    client.connect(url, namespaces=[NS], transports=["websocket"],
                   auth={"token": token} if token else None, wait_timeout=60)
    answer = client.call("join", {"room_id": room_id}, namespace=NS, timeout=60)
    if not answer.get("ok"):
        raise RuntimeError(f"join refused: {answer}")
    return client


def viewers(url: str, room_id: int, n: int) -> None:
    counts = [0] * n
    latencies: list[float] = []
    last = [0.0]
    clients: list[socketio.Client] = [None] * n  # type: ignore[list-item]

    def one(i: int) -> None:
        clients[i] = connect(url, room_id, None)

        def on_chat(message, i=i):
            now = time.time()
            if message.get("text", "").startswith("bench|"):
                counts[i] += 1
                last[0] = now
                latencies.append(now - float(message["text"].split("|")[2]))
        clients[i].on("chat", on_chat, namespace=NS)

    Pool(CONNECT_AT_ONCE).map(one, range(n))
    print("READY", flush=True)
    gevent.get_hub().threadpool.spawn(sys.stdin.readline).get()  # STOP
    rounded = [round(x, 5) for x in latencies]
    print(json.dumps({"counts": counts, "last": last[0], "latencies": rounded}), flush=True)
    for c in clients:
        c.disconnect()


def senders(url: str, room_id: int, rate: float, seconds: float, tokens: list[str]) -> None:
    clients = Pool(CONNECT_AT_ONCE).map(lambda t: connect(url, room_id, t), tokens)
    print("READY", flush=True)
    gevent.get_hub().threadpool.spawn(sys.stdin.readline).get()  # GO
    answers: dict[str, int] = {}

    def acked(answer):
        key = "ok" if answer.get("ok") else answer["error"]["code"]
        answers[key] = answers.get(key, 0) + 1

    start, sent = time.time(), 0
    while True:
        due = start + sent / rate
        if due >= start + seconds:
            break
        gevent.sleep(max(0.0, due - time.time()))
        client = clients[sent % len(clients)]  # each sender waits len/rate s: past the 2 s limit
        client.emit("chat", {"room_id": room_id, "text": f"bench|{sent}|{time.time():.6f}"},
                    namespace=NS, callback=acked)
        sent += 1
    end = time.time()
    gevent.sleep(2.0)  # the last acks
    print(json.dumps({"sent": sent, "answers": answers, "start": start, "end": end}),
          flush=True)
    for c in clients:
        c.disconnect()


if __name__ == "__main__":
    kind, url, room = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind == "viewers":
        viewers(url, room, int(sys.argv[4]))
    else:
        senders(url, room, float(sys.argv[4]), float(sys.argv[5]), sys.argv[6:])
