"""Payments: WeChat Pay v3 (and a local sandbox that signs the same way),
crediting notices exactly once, refunds and reconciliation."""
