"""Group-buy and bargain engines.

rules (pure: cut draws, thresholds, help risk), models, keys + lua (seats
and cuts, one script per step, keys hash-tagged per group or bargain),
engine (the scripts, codes -> errors), groups / closing / bargains / helps /
activities / queries / recovery (use cases), jobs (expiry, refunds, sweep, rebuild),
feature (holdings, share and reminder targets, CLI), api (staff views).
"""
