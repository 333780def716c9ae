"""referral: bindings, 1-3 level commission, a double-entry ledger and
withdrawals. rules.py is pure; bindings, commission, settlement, withdrawals,
reports and leaderboard (masked for users) are the use cases; ledger.py
posts balanced, keyed, append-only transactions; listeners.py hears the
order signals; api.py serves staff."""
