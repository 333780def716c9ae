"""The grab token's lean path (miniprogram_api/lean_path.py): POST
/mp/v1/flashsales/<id>/token with a bearer token and no body (or `{}`).
The bearer's signature and age are checked here, whether it still speaks
for its user in the token batch (flashsale/tokens.py, one read for the
whole batch), as login_required would; the answers are the Flask view's
(miniprogram_api/flashsale.py)."""

from __future__ import annotations

import re

from app.auth.access import bearer_claims
from miniprogram_api.lean_path import LeanPath


class LeanToken(LeanPath):
    # at most 18 digits: always within the 64-bit ids check_url_ids allows
    PATH = re.compile(r"/mp/v1/flashsales/([1-9][0-9]{0,17})/token")
    BODY = False

    def plain(self, data) -> bool:
        return data == {}

    def serve(self, match, user_id: int, data: dict, environ) -> tuple[int, dict]:
        """201 TokenOut, or the error's JSON."""
        _, version = bearer_claims(environ.get("HTTP_AUTHORIZATION", ""), self.settings)
        issued = self.app.extensions["flashsale"].tokens.issue(
            activity_id=int(match.group(1)), user_id=user_id, version=version)
        return 201, {"token": issued.token, "expires_at": issued.expires_at.isoformat()}
