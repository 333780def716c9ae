"""Member tags: rule definitions (rules.py, pure) and tagging, manual and
by rule (tagging.py)."""
