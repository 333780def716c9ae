"""The join's lean path (miniprogram_api/lean_path.py): POST
/mp/v1/groups/<id>/join with a bearer token and no body. It counts the
"order" rate limit as the view's decorator does, calls the same runtime
(groupbuy/joins.py) and answers the view's SeatOut."""

from __future__ import annotations

import re

from app.plain_dump import dumper
from app.ratelimit import IP, USER
from groupbuy.schemas import SeatOut
from miniprogram_api.groupbuy import seat_out
from miniprogram_api.lean_path import LeanPath

SEAT_OUT = dumper(SeatOut())  # SeatOut().dump, of the join's plain values


class LeanJoin(LeanPath):
    # at most 18 digits: always within the 64-bit ids check_url_ids allows
    PATH = re.compile(r"/mp/v1/groups/([1-9][0-9]{0,17})/join")
    BODY = False

    def plain(self, data) -> bool:
        """No body, or an empty JSON object, as the view takes."""
        return data == {}

    def serve(self, match, user_id: int, data: dict, environ) -> tuple[int, dict]:
        """201 SeatOut, or the error's JSON."""
        ip = (environ.get("REMOTE_ADDR") or "")[:45] or "-"
        self.app.extensions["mall.ratelimit"].hit_all("order", [(IP, ip), (USER, user_id)])
        joined = self.app.extensions["groupbuy.joins"].join(group_id=int(match.group(1)),
                                                            buyer_id=user_id)
        return 201, SEAT_OUT(seat_out(joined))
