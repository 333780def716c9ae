"""community: communities with an owner, leaders and members (owners and
leaders by invitation: community.invitations); announcements
and the inbox; pinned offers; leaders' pickup points, pickup codes, pick
lists and leader commission through the referral ledger. Wired by
community/feature.py (the member CRM is the members package)."""
