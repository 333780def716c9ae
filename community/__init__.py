"""community: communities with an owner, leaders and members (owners and
leaders by invitation: community.invitations); announcements
and the inbox; pinned offers; leaders' pickup points, pickup codes, pick
lists and leader commission through the referral ledger. Wired by
community.setup (member tags, points and tiers: community.member_setup)."""
