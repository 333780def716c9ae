"""Roles and the kind of scope each holds in. A role holds only in its own
scope; platform_admin holds everywhere. Consumer is every logged-in user."""

MERCHANT, ROOM, COMMUNITY, PLATFORM = "merchant", "room", "community", "platform"

ROLE_SCOPES = {
    "merchant_owner": MERCHANT,
    "merchant_operator": MERCHANT,
    "merchant_finance": MERCHANT,  # withdrawals and the payable report, with the owner
    "distributor": MERCHANT,
    "live_host": ROOM,
    "room_assistant": ROOM,
    "community_leader": COMMUNITY,
    "platform_admin": PLATFORM,
}

MERCHANT_STAFF = ("merchant_owner", "merchant_operator")
FINANCE_STAFF = ("merchant_owner", "merchant_finance")
