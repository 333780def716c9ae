"""Coupons: definitions a merchant issues, the coupons users hold, claims that
never pass a total or a per-user limit, the checkout step that applies one,
and the holding that gives a coupon back when its order is undone."""
