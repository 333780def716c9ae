"""Sharing: a share (kind, target, sharer, channel, expiry) behind a short
scene code; resolving a scene counts the scan and returns the full context;
QR codes and posters point at the share URL."""
