"""What a poster says for each kind of share (pure: stdlib only). A card is
built from the share's kind, its target's context (the describer's dict) and
the sharer's nickname; poster.py draws it. Every kind has a card: product,
group (group price, size, seats left or how it ended), bargain (price now),
room (live now or when), community (members) and invite (the sharer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

FOOTER = "长按或扫码查看"
ROOM_STATES = {"scheduled": "直播预告", "live": "正在直播", "paused": "直播暂停",
               "ended": "直播已结束"}


@dataclass(frozen=True)
class Card:
    title: str
    price_fen: int | None
    sharer_line: str
    price_label: str = ""
    note: str = ""
    footer: str = FOOTER
    banner: str = ""  # drawn large where the picture would be, when there is none


def group_closed(target: dict, now: datetime) -> str | None:
    """How a group ended ("completed" or "expired"), or None while it takes members.
    A group past its expiry counts as expired before the sweep closes it."""
    if target.get("status") == "completed":
        return "completed"
    if target.get("status") == "failed" or datetime.fromisoformat(target["expires_at"]) <= now:
        return "expired"
    return None


def card(kind: str, target: dict, nickname: str, now: datetime) -> Card:
    return _CARDS[kind](target, nickname, now)


def _product(target: dict, nickname: str, _now: datetime) -> Card:
    return Card(target["title"], target.get("price_fen"), f"{nickname} 推荐给你")


def _group(target: dict, nickname: str, now: datetime) -> Card:
    closed = group_closed(target, now)
    left = target["size"] - target["paid_count"]
    note = {"completed": "已成团", "expired": "拼团已结束"}.get(
        closed or "", f"{target['size']}人团 · 还差{left}人")
    return Card(target["title"], target.get("price_fen"), f"{nickname} 邀你一起拼团",
                price_label="拼团价", note=note)


def _bargain(target: dict, nickname: str, _now: datetime) -> Card:
    return Card(target["title"], target.get("price_fen"), f"{nickname} 请你帮忙砍一刀",
                price_label="当前价")


def _room(target: dict, nickname: str, _now: datetime) -> Card:
    return Card(target["title"], None, f"{nickname} 邀你看直播",
                note=ROOM_STATES.get(target.get("state", ""), ""), banner="直播间")


def _community(target: dict, nickname: str, _now: datetime) -> Card:
    return Card(target["title"], None, f"{nickname} 邀你加入社群",
                note=f"{target.get('members', 0)} 位成员", banner="加入社群")


def _invite(_target: dict, nickname: str, _now: datetime) -> Card:
    return Card(f"{nickname} 邀请你加入", None, f"来自 {nickname} 的邀请",
                note="扫码接受邀请，一起分享赚佣金", banner="邀请有礼")


_CARDS = {"product": _product, "group": _group, "bargain": _bargain, "room": _room,
          "community": _community, "invite": _invite}
