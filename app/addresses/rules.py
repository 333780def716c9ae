"""Address rules. Pure: stdlib only."""

from __future__ import annotations

import re

MAX_ADDRESSES = 20
RECIPIENT_MAX = 25
DETAIL_MAX = 120
TAG_MAX = 10
# a mainland China mobile number: 11 digits, 1 then 3-9
MOBILE_PATTERN = r"^1[3-9][0-9]{9}$"
_MOBILE = re.compile(MOBILE_PATTERN)


def is_mobile(phone: str) -> bool:
    return bool(_MOBILE.fullmatch(phone))


def mask_phone(phone: str) -> str:
    """13812341234 -> 138****1234, as leaders and couriers see it in peer
    malls; "" stays ""; anything shorter than 7 characters shows none of it."""
    if not phone:
        return ""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def may_add(count: int) -> bool:
    """Whether a buyer holding `count` addresses may add one more."""
    return count < MAX_ADDRESSES


def next_default(remaining_ids: list[int]) -> int | None:
    """Which address becomes the default when the default is deleted: the
    most recently added of those left (the highest id), or none."""
    return max(remaining_ids, default=None)
