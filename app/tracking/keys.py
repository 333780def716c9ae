"""Redis keys of the tracking sandbox (the only Redis state tracking keeps)."""


def sandbox_timeline(carrier: str, tracking_no: str) -> str:
    return f"trksandbox:timeline:{carrier}:{tracking_no}"


def sandbox_subscribed(carrier: str, tracking_no: str) -> str:
    return f"trksandbox:subscribed:{carrier}:{tracking_no}"
