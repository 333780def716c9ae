"""The live-sale benchmark's crowd, in the coordinating process (asyncio):
the host, who starts the in-room flash sale over Socket.IO; likers, who tap
likes through the sale; and the buyers, each with a bearer token, who ask
for a grab token, grab with source {"room": id} and, when they win, pay at
once through the sandbox (prepay, then the payer's confirmation, after
which a worker posts the signed notice to a node's notify URL).

Buyers share a pool of keep-alive connections spread over the nodes; each
request's latency is from its send to its answer."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field

from bench import load
from bench.live_clients import Socket

RETRIES, RETRY_S, POLLS = 3, 0.5, 20


@dataclass
class Buyer:
    node: int
    bearer: str


@dataclass
class NodeTally:
    """One node's buyer figures."""

    token_ms: list[float] = field(default_factory=list)
    grab_ms: list[float] = field(default_factory=list)
    pay_ms: list[float] = field(default_factory=list)
    grabs: Counter = field(default_factory=Counter)  # each buyer's last grab answer
    retried: int = 0  # grabs answered 503 and sent again
    pays: Counter = field(default_factory=Counter)
    wins: list[int] = field(default_factory=list)  # order ids acknowledged (201 or result)
    resolved: int = 0  # of them, grabs answered 202 whose order the result then showed


@dataclass
class Sale:
    activity_id: int = 0
    started: float = 0.0  # perf_counter when the host sent sale_start
    acked_ms: float = 0.0
    win_times: list[float] = field(default_factory=list)  # perf_counter of each 201
    done: float = 0.0  # every buyer answered (and every winner paid)
    nodes: list[NodeTally] = field(default_factory=list)
    likes: Counter = field(default_factory=Counter)


async def _call(reader, writer, req: bytes) -> tuple[int, bytes]:
    writer.write(req)
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    return int(head[9:12]), (await reader.readexactly(length) if length else b"")


def _post(path: str, bearer: str, body: dict | None = None) -> bytes:
    return load.request("POST", path, body=json.dumps(body or {}).encode(),
                        headers={"Authorization": f"Bearer {bearer}"})


async def _pending(reader, writer, b: Buyer, aid: int) -> int | None:
    """Poll the result until the pending grab's order shows (or give up)."""
    ask = load.request("GET", f"/mp/v1/flashsales/{aid}/result",
                       headers={"Authorization": f"Bearer {b.bearer}"})
    for _ in range(POLLS):
        await asyncio.sleep(RETRY_S)
        status, body = await _call(reader, writer, ask)
        orders = json.loads(body).get("orders") if status == 200 else None
        if orders:
            return orders[0]["order_id"]
    return None


async def _buyer(reader, writer, b: Buyer, sale: Sale, room_id: int) -> None:
    tally, aid = sale.nodes[b.node], sale.activity_id
    t = time.perf_counter()
    status, body = await _call(reader, writer, _post(f"/mp/v1/flashsales/{aid}/token", b.bearer))
    tally.token_ms.append((time.perf_counter() - t) * 1000)
    if status != 201:
        tally.grabs[f"token {status}"] += 1
        return
    token = json.loads(body)["token"]
    grab = _post(f"/mp/v1/flashsales/{aid}/grab", b.bearer,
                 {"token": token, "source": {"room": room_id}})
    for attempt in range(RETRIES + 1):  # 503: "catching up, try again in a moment"
        t = time.perf_counter()
        status, body = await _call(reader, writer, grab)
        now = time.perf_counter()
        tally.grab_ms.append((now - t) * 1000)
        if status != 503 or attempt == RETRIES:
            break
        tally.retried += 1
        await asyncio.sleep(RETRY_S)
    tally.grabs[status if status in (201, 202) else json.loads(body)["error"]["code"]] += 1
    if status == 202:  # pending: the buyer reads the sale's result, as the app does
        order_id = await _pending(reader, writer, b, aid)
        now = time.perf_counter()
        if order_id is None:
            return
        tally.resolved += 1
    elif status == 201:
        order_id = json.loads(body)["order_id"]
    else:
        return
    sale.win_times.append(now)
    tally.wins.append(order_id)
    t = time.perf_counter()
    status, _ = await _call(reader, writer, _post(f"/mp/v1/orders/{order_id}/pay", b.bearer))
    if status == 200:
        status, _ = await _call(reader, writer,
                                _post(f"/mp/v1/sandbox/orders/{order_id}/pay", b.bearer))
    tally.pay_ms.append((time.perf_counter() - t) * 1000)
    tally.pays[status] += 1


async def _buyers(ports: list[int], buyers: list[Buyer], sale: Sale, room_id: int,
                  connections: int) -> None:
    queues = [asyncio.Queue() for _ in ports]
    for b in buyers:
        queues[b.node].put_nowait(b)

    async def connection(node: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", ports[node])
        try:
            while not queues[node].empty():
                await _buyer(reader, writer, queues[node].get_nowait(), sale, room_id)
        finally:
            writer.close()
    per_node = max(1, connections // len(ports))
    await asyncio.gather(*(connection(n) for n in range(len(ports)) for _ in range(per_node)))


async def _liker(url: str, token: str, room_id: int, rate: float, seconds: float,
                 sale: Sale) -> Socket:
    s = Socket()
    await s.open(url, token)
    await s.call("join", {"room_id": room_id})
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        answer = await s.call("like", {"room_id": room_id, "count": 3})
        sale.likes["ok" if answer.get("ok") else answer["error"]["code"]] += 1
        await asyncio.sleep(3 / rate)
    return s


async def run(*, urls: list[str], room_id: int, sku_id: int, host_token: str,
              liker_tokens: list[str], buyers: list[Buyer], units: int, price_fen: int,
              like_rate: float, like_seconds: float, connections: int) -> Sale:
    """Likers tap; the host starts the sale; every buyer grabs at once."""
    sale = Sale(nodes=[NodeTally() for _ in urls])
    ports = [int(u.rsplit(":", 1)[1]) for u in urls]
    host = Socket()
    await host.open(urls[0], host_token)
    joined = await host.call("join", {"room_id": room_id})
    assert joined.get("ok"), joined
    each = like_rate / max(1, len(liker_tokens))
    likers = [asyncio.ensure_future(_liker(urls[i % len(urls)], t, room_id, each, like_seconds,
                                           sale)) for i, t in enumerate(liker_tokens)]
    sale.started = time.perf_counter()
    started = await host.call("sale_start", {"room_id": room_id, "sku_id": sku_id,
                                             "price_fen": price_fen, "quota": units,
                                             "per_user_limit": 1, "minutes": 30})
    sale.acked_ms = (time.perf_counter() - sale.started) * 1000
    if not started.get("ok"):
        raise RuntimeError(f"sale_start refused: {started}")
    sale.activity_id = started["sale"]["activity_id"]
    await _buyers(ports, buyers, sale, room_id, connections)
    sale.done = time.perf_counter()
    for s in await asyncio.gather(*likers):
        s.close()
    host.close()
    return sale
