"""Freight templates per merchant and the checkout step that charges postage."""
