"""Buyer after-sales: refund only, return and refund, exchange."""
