"""The live-sale benchmark's BENCHMARKS.md section."""

from __future__ import annotations


def _ms(x) -> str:
    return "-" if x is None or x != x else f"{x:.0f}"


def _met(value, target, unit: str) -> str:
    if value is None:
        return f"not reached (target <= {target:g} {unit})"
    return f"{'met' if value <= target else 'missed'} (target <= {target:g} {unit})"


def _summary(f: dict, targets: dict) -> str:
    s, sold = f["settled"], f["sold_out_s"]
    rows = [
        ("time to sold out (sale_start sent -> last unit's grab acknowledged)",
         "-" if sold is None else f"{sold:.2f} s", _met(sold, targets["sold_out_s"], "s")),
        ("grab p50 / p99 (the grab request)",
         f"{_ms(f['grab_p50_ms'])} / {_ms(f['grab_p99_ms'])} ms",
         _met(f["grab_p99_ms"], targets["grab_p99_ms"], "ms")),
        ("chat delivery p50 / p99 during the sale (worst node)",
         f"{_ms(f['chat_p50_ms'])} / {_ms(f['chat_p99_ms'])} ms",
         _met(f["chat_p99_ms"], targets["chat_p99_ms"], "ms")),
        ("chat delivery p99 before the sale", f"{_ms(f['calm_chat_p99_ms'])} ms", "-"),
        ("sale_start acknowledged", f"{_ms(f['sale_start_ack_ms'])} ms", "-"),
        ("every buyer answered, every winner's pay calls made",
         f"{f['all_answered_s']:.2f} s", "-"),
        ("payment notices applied (first to last notice)",
         f"{s['notices']:,} in {s['notice_span_s']:.2f} s: {s['notices_per_s']:.1f}/s", "-"),
        ("paid orders with every consequence applied (first notice -> last event done)",
         f"{s['events_done']:,} in {s['consequences_span_s']:.2f} s: "
         f"{s['paid_with_consequences_per_s']:.1f}/s", "-"),
    ]
    return "\n".join(["| figure | value | target |", "| --- | ---: | --- |",
                      *(f"| {a} | {b} | {c} |" for a, b, c in rows)])


def _node_rows(f: dict) -> str:
    rows = ["| node | viewers | chat delivered / expected | chat p50 / p99 ms | "
            "grabs (answers) | wins | token | grab | pay |",
            "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
    for n in f["nodes"]:
        c = n["chat"]
        answers = ", ".join(f"{k} {v:,}" for k, v in sorted(n["answers"].items()))
        rows.append(f"| {n['node']} | {c['viewers']:,} | {c['delivered']:,} / {c['expected']:,}"
                    f" | {_ms(c['p50_ms'])} / {_ms(c['p99_ms'])} | {n['grabs']:,} ({answers}) | "
                    f"{n['wins']:,} | {_ms(n['token_p50_ms'])} / {_ms(n['token_p99_ms'])} | "
                    f"{_ms(n['grab_p50_ms'])} / {_ms(n['grab_p99_ms'])} | "
                    f"{_ms(n['pay_p50_ms'])} / {_ms(n['pay_p99_ms'])} |")
    return "\n".join(rows)


def render(f: dict, *, db: str, redis: str, took_s: float, argv: list[str], machine: str,
           targets: dict, failed: list[str]) -> str:
    cfg, c = f["config"], f["checks"]
    retried = sum(n.get("retried", 0) for n in f["nodes"])
    resolved = sum(n.get("resolved", 0) for n in f["nodes"])
    cmd = ("python -m bench.live_sale " + " ".join(argv)).strip()
    load_b = ", ".join(f"{x:.2f}" for x in f["load_before"])
    load_d = ", ".join(f"{x:.2f}" for x in f["load_during"])
    verdict = "all held" if not failed else "FAILED: " + "; ".join(failed)
    return f"""Command: `{cmd}` ({db} and {redis}: DATABASE_URL / REDIS_URL); the run took
{took_s / 60:.1f} min.
Machine: {machine}; everything on it: {cfg['nodes']} node(s) of `gunicorn -k gevent
-w {cfg['gunicorn_workers']} bench.server:app`, {cfg['rq_workers']} `python worker.py`, the
database and Redis servers, and every client process. Load average (1, 5, 15 min) {load_b}
before the sale and {load_d} right after it: the machine's 2 cores were shared with other
engineers' work, so absolute figures are low and noisy.

One live room: {cfg['viewers']:,} viewers (guests, lean asyncio Socket.IO clients over
websockets), chat at {cfg['chat_rate']:g} messages/s from signed-in chatters (each under
the 1-per-2-s limit), {sum(f['likes'].values()):,} like events (3 taps each) from
{cfg.get('likers', 20)} signed-in likers; the host starts an in-room flash sale of
{cfg['units']:,} units (1 per buyer) and {cfg['buyers']:,} signed-in buyers, on
{cfg['connections']} keep-alive connections, each ask for a grab token and grab at
once; each winner pays at once through the sandbox (prepay, then the payer's
confirmation; a worker posts the signed notice to the notify URL, where it is
verified, decrypted and applied; the workers then run its consequences from the
outbox).

{_summary(f, targets)}

Per node (chat during the sale; token, grab and pay p50 / p99 in ms; pay = prepay and the
sandbox confirmation):

{_node_rows(f)}

Grab answers are each buyer's last: a 503 (`flashsale_unavailable`, "try again in a
moment") is retried up to 3 times 0.5 s apart
({retried:,} retries; each attempt's latency counts);
a 202 (`grab_pending`) is followed by polling the sale's result, and the order it
shows counts as that buyer's acknowledged win ({resolved:,} of the wins came that way).

Checks ({verdict}): sold {c['sold']:,} of {c['quota']:,} (units in held or paid
orders {c.get('units_in_orders', '-')}), **oversold {c['oversold']}**;
**orders {c['orders']:,} = acknowledged wins {c['acknowledged_wins']:,}** (the same order
ids: {c['orders_match_wins']}); **payments {c['payments']:,}, one per order**
({c['orders_with_one_payment']:,} orders paid once, {c['orders_paid_more_than_once']} more
than once); orders now {c['order_statuses']}; chat lost {f['chat_lost']}.
Consequences of the payments: {c['commissions']:,} commissions posted pending (expected
{c['expected_commissions']:,}: two levels, {c['commission_fen']:,} fen), {c['members']:,}
buyers made members of the shop, {c['room_orders']:,} orders counted to the room. Points are
earned when an order completes (after receipt), not at payment, and a flash-sale order holds
no group seat: neither moves here.
"""
