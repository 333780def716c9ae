"""Redis keys of the payment sandbox (the only Redis state payments keep)."""


def sandbox_trade(out_trade_no: str) -> str:
    return f"paysandbox:trade:{out_trade_no}"


def sandbox_refund(out_refund_no: str) -> str:
    return f"paysandbox:refund:{out_refund_no}"


def sandbox_refunded(out_trade_no: str) -> str:
    return f"paysandbox:refunded:{out_trade_no}"
