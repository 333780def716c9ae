"""Member points: the ledger of lots (ledger.py, lots.py), the merchant's
settings, and earning, clawing back, spending and giving back (earning.py)."""
