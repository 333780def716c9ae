"""Addresses: the address book's table (its buyer views are in
miniprogram_api/addresses.py)."""

from app.feature import Feature

FEATURE = Feature(name="addresses", models=("app.addresses.models",))
