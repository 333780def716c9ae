"""referral: bindings, 1-3 level commission, a double-entry ledger and
withdrawals. rules.py is pure; bindings, commission, settlement, withdrawals,
reports and leaderboard (masked for users) are the use cases; ledger.py
posts balanced, keyed, append-only transactions; handlers.py reacts to
order events; api.py serves staff."""
