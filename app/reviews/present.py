"""A review as each reader sees it: the public (held parts left out, an
anonymous buyer masked), its author (plus where moderation stands), and
the merchant's staff (plus the real buyer, reports and why it is hidden)."""

from __future__ import annotations

from app.reviews import images, rules
from app.reviews.models import Review


def _nickname(review: Review) -> str:
    name = review.buyer.nickname if review.buyer is not None else ""
    return rules.mask_nickname(name) if review.anonymous else name


def _follow_up(review: Review, *, held_too: bool) -> dict | None:
    if review.follow_up_status != rules.PUBLISHED and not (held_too and review.follow_up_status):
        return None
    return {"content": review.follow_up_content, "images": images.shown(review, "follow_up"),
            "created_at": review.follow_up_at,
            "days_after": (review.follow_up_at - review.created_at).days}


def _reply(review: Review) -> dict | None:
    if review.replied_at is None:
        return None
    return {"content": review.reply_content, "replied_at": review.replied_at}


def _avatar(review: Review) -> str:
    """\"\" for an anonymous buyer (or one without an avatar)."""
    if review.anonymous or review.buyer is None:
        return ""
    return review.buyer.avatar_url


def public(review: Review) -> dict:
    return {"id": review.id, "product_id": review.product_id, "sku_id": review.sku_id,
            "spec": review.spec, "rating": review.rating, "content": review.content,
            "anonymous": review.anonymous, "nickname": _nickname(review),
            "avatar_url": _avatar(review),
            "images": images.shown(review, "review"), "created_at": review.created_at,
            "follow_up": _follow_up(review, held_too=False), "reply": _reply(review)}


def own(review: Review) -> dict:
    return {**public(review), "order_id": review.order_id,
            "order_line_id": review.order_line_id, "status": review.status,
            "hidden": review.hidden, "follow_up": _follow_up(review, held_too=True),
            "follow_up_status": review.follow_up_status}


def staff(review: Review) -> dict:
    return {**own(review), "product_title": review.product.title, "buyer_id": review.buyer_id,
            "buyer_nickname": review.buyer.nickname if review.buyer is not None else "",
            "hidden_reason": review.hidden_reason, "report_count": review.report_count,
            "replied_by": review.replied_by}
