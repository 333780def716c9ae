"""Tracking: a logistics provider interface (a sandbox and a Kuaidi100
adapter), verified and replay-safe pushes stored as events, and "signed
for" receiving the order."""
