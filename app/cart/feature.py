"""The cart: its table. The buyer's views (/mp/v1/cart and the checkout
preview) are the mini-program API's; the use cases are here."""

from app.feature import Feature

FEATURE = Feature(name="cart", models=("app.cart.models",))
