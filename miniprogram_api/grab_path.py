"""The grab's lean path (miniprogram_api/lean_path.py): POST
/mp/v1/flashsales/<id>/grab with a bearer token and a small JSON object
with a grab token, optionally quantity and source. It calls the same
runtime as the Flask view (miniprogram_api/flashsale.py) and answers in the
same shapes."""

from __future__ import annotations

import re

from marshmallow import ValidationError

from app.orders.schemas import SourceIn
from flashsale import rules
from miniprogram_api.lean_path import LeanPath

GRAB_TOKEN = re.compile(r"[A-Za-z0-9_\-]{1,64}")  # printable, within GrabIn's Text(64, 1)
FIELDS = frozenset(("token", "quantity", "source"))
SOURCE = SourceIn()


class LeanGrab(LeanPath):
    # at most 18 digits: always within the 64-bit ids check_url_ids allows
    PATH = re.compile(r"/mp/v1/flashsales/([1-9][0-9]{0,17})/grab")

    def plain(self, data) -> bool:
        """The shape GrabIn accepts as is; `source` is checked (and
        normalised) by its own schema."""
        if not isinstance(data, dict) or not data.keys() <= FIELDS:
            return False
        token = data.get("token")
        if not isinstance(token, str) or not GRAB_TOKEN.fullmatch(token):
            return False
        quantity = data.get("quantity", 1)
        if type(quantity) is not int or not 1 <= quantity <= rules.MAX_LIMIT:
            return False
        if "source" in data:
            try:
                data["source"] = SOURCE.load(data["source"])
            except (ValidationError, TypeError):
                return False
        return True

    def serve(self, match, user_id: int, data: dict, environ) -> tuple[int, dict]:
        """201 GrabOut, or the error's JSON."""
        placed = self.app.extensions["flashsale"].grab(
            activity_id=int(match.group(1)), user_id=user_id,
            quantity=data.get("quantity", 1), token=data["token"],
            source=data.get("source", {}))
        return 201, {"order_id": placed.order_id, "activity_id": placed.activity_id,
                     "quantity": placed.quantity, "price_fen": placed.price_fen,
                     "total_fen": placed.total_fen,
                     "pay_deadline": placed.pay_deadline.isoformat()}
