"""The fan-out benchmark's BENCHMARKS.md section."""

from __future__ import annotations

import os
import sys


def _row(label: str, rate: float, rounds: list[dict], median) -> str:
    ran = [r for r in rounds if rate in r]
    if not ran:
        return f"| {label} | {rate:g} | not run: a lower rate already missed | | | | | | | |"
    lost = sum(r[rate]["lost"] for r in ran)
    each = ", ".join(f"{r[rate]['per_s']:,.0f}" if rate in r else "-" for r in rounds)
    # deliveries per CPU-second of the server: what one free core would carry
    per_cpu = median(rounds, rate, "per_cpu_s")
    return (f"| {label} | {rate:g} | {median(rounds, rate, 'offered_per_s'):,.0f} | "
            f"{median(rounds, rate, 'per_s'):,.0f} | {median(rounds, rate, 'p50_ms'):.1f} | "
            f"{median(rounds, rate, 'p99_ms'):.1f} | {median(rounds, rate, 'max_ms'):.0f} | "
            f"{lost} | {per_cpu:,.0f} | {each} |")


def _profile(rounds: dict) -> str:
    spied = next((r["profile"] for r in rounds["no queue"] if r.get("profile")), None)
    if not spied:
        return ""
    if "error" in spied:
        return f"\nProfile: not taken ({spied['error']}).\n"
    own = "\n".join(f"| {name} | {pct} |" for name, pct in spied["own"])
    pkgs = ", ".join(f"{name} {pct}%" for name, pct in spied["packages"])
    return f"""
Profile of the server (py-spy, 200 Hz, during the first no-queue round's
{spied['rate']:g} msg/s phase; {spied['samples']} busy samples, idle waits
excluded). Own time by package: {pkgs}.

| function (own time) | % of busy samples |
| --- | ---: |
{own}
"""


def _reading(rounds: dict, rates: list[float], median) -> str:
    ran = [r for r in rates if all(r in x for x in rounds["no queue"])]
    top = ran[-1] if ran else rates[0]
    per_cpu = median(rounds["no queue"], top, "per_cpu_s")
    return f"""
Reading: at {top:g} msg/s the server carried about {per_cpu:,.0f} deliveries per
CPU-second (no queue), which is where one process on a core of its own tops out;
p99 grows once the offered deliveries near it. What it costs: python-socketio
encodes a room emit once, app/socketio_frames.py frames it as one WebSocket
frame once and writes that frame straight to each websocket that has nothing
queued (gevent's non-blocking send; the rest of a frame a full socket did not
take goes to Engine.IO's queue, ahead of later packets), so a delivery is
about one send system call rather than a queue hand-off, a writer greenlet,
a gevent Timeout and wsproto framing per client. The viewers' side parses
frames in an asyncio Protocol on uvloop, so one client core keeps up.
"""


def render(*, args, rates, rounds, everyone, machine: str, took: float, target_ms: int,
           best, median, drain_s: float) -> str:
    cmd = ("python -m bench.live_fanout " + " ".join(sys.argv[1:])).strip()
    rows = "\n".join(_row(label, rate, rs, median) for label, rs in rounds.items()
                     for rate in rates)
    nq, q = best(rounds["no queue"], rates), best(rounds["Redis queue"], rates)
    top = max((r for r in rates if all(r in x for x in rounds["no queue"] + rounds["Redis queue"])),
              default=rates[0])
    ratio = median(rounds["Redis queue"], top, "per_s") / \
        max(1e-9, median(rounds["no queue"], top, "per_s"))
    all_rate = args.all_rate
    a = everyone[all_rate]

    def _busy_note() -> str:
        """A load average above the cores means something else shared them."""
        if os.getloadavg()[0] > (os.cpu_count() or 1) + 1:
            return "**The machine was busy with other work: the figures are indicative.**"
        return "Nothing else ran on the machine during the run."

    def fmt(r):
        return f"{r:g} msg/s ({r * args.clients:,.0f} deliveries/s)" if r else "none"
    return f"""Command: `{cmd}` (SQLite and an embedded Redis unless DATABASE_URL / REDIS_URL);
the whole run took {took / 60:.1f} min.
Machine: {machine} (before the run). {_busy_note()} The server process is pinned to core 0
(`taskset -c 0`), every client process and the embedded Redis to core 1.

One `python -m app.serve` process (gevent, websockets). {args.clients} viewers are
guests in {args.procs} client processes (lean asyncio Socket.IO clients on uvloop
speaking Engine.IO 4 / Socket.IO 5 over websockets) and only receive. Senders are separate
signed-in clients (ceil(rate x 2.2) + 1 of them, each under the 1-per-2-s chat limit)
that join for their phase and leave; they receive the broadcasts too, which the
server's work includes and the figures below do not count. Each phase sends for
{args.seconds:g} s, then waits until every viewer has every accepted message (at most
{drain_s:g} s more); "lost" counts deliveries still missing then. Latency: from the sender's
send time (in the message) to arrival at a viewer; deliveries/s: deliveries / (last
arrival - first send); per CPU-s: deliveries per CPU-second the server process
used from the first message to the last delivery (from /proc), i.e. what
one core of its own would carry. {args.rounds} rounds each, no queue and queue interleaved;
medians (the last column lists each round).

| server | msg/s | offered/s | deliveries/s | p50 ms | p99 ms | max ms | lost | per CPU-s | rounds |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
{rows}

Highest rate with median p99 <= {target_ms} ms and nothing lost: no queue {fmt(nq)};
Redis queue {fmt(q)}. Through the queue / without at {top:g} msg/s (the highest rate
every round ran): **{ratio:.2f}x** deliveries/s. A sweep stops at the first rate
that loses deliveries or has p99 over 1 s (marked "not run" above it).

All receive: {args.all_clients} viewers at {all_rate:g} msg/s: {a['delivered']:,} of
{a['expected']:,} expected deliveries received ({a['short_viewers']} viewers short),
p50 {a['p50_ms']:.1f} ms, p99 {a['p99_ms']:.1f} ms.
{_profile(rounds)}{_reading(rounds, rates, median)}
Targets (issue): >= 40,000 deliveries/s per process at p99 <= 100 ms; >= 0.9x through
the queue.
"""
