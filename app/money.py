"""Money is int fen (1 yuan = 100 fen); rates are int basis points (1% = 100).

No float touches money. Division rounds down; callers name who keeps the
remainder.
"""

from __future__ import annotations

MAX_FEN = 10**12  # ten billion yuan: a sanity bound for any single amount
BPS = 10_000  # basis points in a whole


def check_fen(value: int, *, allow_zero: bool = True) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("money must be int fen")
    if value < 0 or value > MAX_FEN or (value == 0 and not allow_zero):
        raise ValueError(f"amount out of range: {value}")
    return value


def apply_bps(amount_fen: int, bps: int) -> int:
    """amount * bps / 10000, rounded down (the payer keeps the remainder)."""
    return amount_fen * bps // BPS


def split_proportional(total_fen: int, weights: list[int]) -> list[int]:
    """Split total by weights, each share rounded down; the last share keeps
    the remainder so the parts always sum to the total."""
    if not weights or sum(weights) <= 0:
        raise ValueError("weights must be positive")
    whole = sum(weights)
    parts = [total_fen * w // whole for w in weights[:-1]]
    parts.append(total_fen - sum(parts))
    return parts


def yuan(fen: int) -> str:
    """Format for people: 1234 -> '12.34'."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"
