"""The outbox: domain events recorded with the change that made them, and
their handlers applied after the commit, once each (see app/events.py)."""
