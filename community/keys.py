"""Every Redis key of the community package (one key per order: a hash tag
of its own)."""


def pickup_attempts(order_id: int) -> str:
    """int: pickup codes tried for this order in the current window"""
    return f"{{pickup:{order_id}}}:attempts"
