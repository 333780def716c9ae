"""Which console areas each role opens: a pure rule, no Flask or database.

The console shows only the areas listed; every route still checks the
role itself. platform_admin opens every area."""

from __future__ import annotations

from collections.abc import Iterable

AREAS = ("orders", "catalog", "marketing", "live", "distribution", "finance", "community",
         "members", "settings", "staff", "leader", "platform")

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "merchant_owner": frozenset(AREAS) - {"platform", "leader"},
    "merchant_operator": frozenset({"orders", "catalog", "marketing", "live", "distribution",
                                    "community", "members", "settings"}),
    "merchant_finance": frozenset({"finance"}),
    "live_host": frozenset({"live"}),
    "room_assistant": frozenset({"live"}),
    # a leader's own workbench, not the merchant's community management
    "community_leader": frozenset({"leader"}),
    "platform_admin": frozenset(AREAS),
    "distributor": frozenset(),
}

# roles that make a user staff (may sign in to the console); distributor does not
STAFF_ROLES = frozenset(role for role, areas in ROLE_PERMISSIONS.items() if areas)

# what a merchant's owner may grant through an invite
GRANTABLE = ("merchant_operator", "merchant_finance", "live_host", "room_assistant",
             "community_leader")


def permissions_of(roles: Iterable[str]) -> list[str]:
    """The areas the roles open, in the console's menu order."""
    opened = set()
    for role in roles:
        opened |= ROLE_PERMISSIONS.get(role, frozenset())
    return [area for area in AREAS if area in opened]


def is_staff(roles: Iterable[str]) -> bool:
    return any(role in STAFF_ROLES for role in roles)
