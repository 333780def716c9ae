"""Rule tags: a rule on one member statistic. Pure, stdlib only.

  total_spend_fen        paid orders, net of refunds (gte | lte | eq value)
  order_count            paid orders not wholly refunded
  days_since_last_order  whole days since the last paid order not wholly
                         refunded; a member without one has no value and
                         matches no such rule
  source                 at least one paid order came from `channel`
                         (room | share | community)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

METRICS = ("total_spend_fen", "order_count", "days_since_last_order", "source")
OPS = ("gte", "lte", "eq")
CHANNELS = ("room", "share", "community")
MAX_VALUE = 10**12


@dataclass(frozen=True)
class Stats:
    total_spend_fen: int = 0
    order_count: int = 0
    last_order_at: datetime | None = None
    channels: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Rule:
    metric: str
    op: str = ""
    value: int = 0
    channel: str = ""


def problem(rule: Rule) -> str | None:
    """What is wrong with a rule, or None."""
    if rule.metric not in METRICS:
        return "unknown metric"
    if rule.metric == "source":
        return None if rule.channel in CHANNELS else "source rules name a channel"
    if rule.channel:
        return "only source rules name a channel"
    if rule.op not in OPS:
        return "op must be one of gte, lte, eq"
    if not 0 <= rule.value <= MAX_VALUE:
        return "value out of range"
    return None


def metric_value(rule: Rule, stats: Stats, now: datetime) -> int | None:
    if rule.metric == "total_spend_fen":
        return stats.total_spend_fen
    if rule.metric == "order_count":
        return stats.order_count
    if stats.last_order_at is None:
        return None
    return (now - stats.last_order_at).days


def matches(rule: Rule, stats: Stats, now: datetime) -> bool:
    if rule.metric == "source":
        return rule.channel in stats.channels
    value = metric_value(rule, stats, now)
    if value is None:
        return False
    if rule.op == "gte":
        return value >= rule.value
    if rule.op == "lte":
        return value <= rule.value
    return value == rule.value
