"""members: a merchant's member CRM. Membership (members.py), daily
check-in, points (points/: a ledger of lots that expire, earned on completed
orders, spent at checkout), tiers by growth value with perks, tags (tags/:
manual and by rule) and segments (segments/: tag expressions, and sends of
points, coupons or announcements to a segment). Wired by feature.py."""
