"""Tracking rules, pure (stdlib and the core's clock units): the states a
package goes through, Kuaidi100's state codes and names mapped onto them,
its push signature and its time format."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from app.clock import CHINA

COLLECTED, IN_TRANSIT, OUT_FOR_DELIVERY, SIGNED = (
    "collected", "in_transit", "out_for_delivery", "signed")
PROBLEM, REJECTED, RETURNING, REDIRECTED, CUSTOMS = (
    "problem", "rejected", "returning", "redirected", "customs")
STATES = (COLLECTED, IN_TRANSIT, OUT_FOR_DELIVERY, SIGNED, PROBLEM, REJECTED, RETURNING,
          REDIRECTED, CUSTOMS)

# Kuaidi100's `state` of a waybill: 0 在途, 1 揽收, 2 疑难, 3 签收, 4 退签, 5 派件,
# 6 退回, 7 转投, 8 清关, 10-13 清关 (waiting, in progress, done, problem), 14 拒签.
# With resultv2 it also sends three-digit sub-states (301 本人签收, 501 派件中,
# ...), whose first digit is the state; 1001-1003 are in-transit sub-states.
KUAIDI100_STATES = {"0": IN_TRANSIT, "1": COLLECTED, "2": PROBLEM, "3": SIGNED,
                    "4": REJECTED, "5": OUT_FOR_DELIVERY, "6": RETURNING, "7": REDIRECTED,
                    "8": CUSTOMS, "10": CUSTOMS, "11": CUSTOMS, "12": CUSTOMS, "13": CUSTOMS,
                    "14": REJECTED}
# the state names a data item carries with resultv2 (its `status`)
KUAIDI100_NAMES = {"在途": IN_TRANSIT, "揽收": COLLECTED, "疑难": PROBLEM, "签收": SIGNED,
                   "退签": REJECTED, "派件": OUT_FOR_DELIVERY, "退回": RETURNING,
                   "转投": REDIRECTED, "清关": CUSTOMS, "待清关": CUSTOMS, "清关中": CUSTOMS,
                   "已清关": CUSTOMS, "清关异常": CUSTOMS, "拒签": REJECTED}
KUAIDI100_TIME = "%Y-%m-%d %H:%M:%S"  # China time


def kuaidi100_state(code: str) -> str:
    """Our state for a Kuaidi100 state code; "" for one we do not know."""
    if code in KUAIDI100_STATES:
        return KUAIDI100_STATES[code]
    if len(code) == 4 and code.startswith("100"):
        return IN_TRANSIT
    if len(code) == 3 and code.isdigit():
        return KUAIDI100_STATES.get(code[0], "")
    return ""


def kuaidi100_sign(param: str, salt: str) -> str:
    """A push's `sign`: MD5 of the `param` text followed by the salt, upper-case hex."""
    return hashlib.md5((param + salt).encode("utf-8")).hexdigest().upper()


def kuaidi100_time(text: str) -> datetime:
    """"2024-06-01 14:05:00" (China time) -> aware UTC; ValueError if not that shape."""
    return datetime.strptime(text, KUAIDI100_TIME).replace(tzinfo=CHINA).astimezone(UTC)


def newer_or_same(newest: datetime | None, known: datetime | None) -> bool:
    """Whether a push whose newest event is `newest` may set the package's
    state (a replay of an older push never sets it back)."""
    return known is None or (newest is not None and newest >= known)
