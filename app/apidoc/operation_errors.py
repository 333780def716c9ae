"""The error codes each operation can answer beyond those that follow from
its shape (see errors.py), keyed by "METHOD /path" as in the document."""

OPERATION_ERRORS: dict[str, tuple[str, ...]] = {
    "POST /mp/v1/auth/login": (
        "code_used", "invalid_code", "login_not_configured", "user_blocked", "wechat_error",
        "wechat_rate_limited", "wechat_unavailable",
    ),
    # a token is optional; one sent must be valid (the view joins its user's history)
    "GET /mp/v1/products/{product_id}": (
        "invalid_token", "product_not_found", "token_expired", "token_revoked",
    ),
    "GET /mp/v1/search": ("query_has_no_terms",),
    "POST /mp/v1/favourites": ("product_not_found",),
    "GET /mp/v1/favourites/{product_id}": ("product_not_found",),
    "DELETE /mp/v1/favourites/{product_id}": ("product_not_found",),
    "POST /mp/v1/orders": (
        "address_not_found", "address_required", "cart_changed", "cart_empty",
        "cart_line_not_found", "coupon_not_found", "coupon_not_usable", "insufficient_points",
        "invalid_delivery", "invalid_lines", "mixed_merchants", "not_on_sale", "out_of_stock",
        "pickup_members_only", "pickup_point_closed", "pickup_point_not_found",
        "points_not_accepted", "points_not_whole_fen", "points_over_limit",
        "region_not_a_district", "region_not_delivered", "request_id_reused", "room_not_found",
        "share_not_found", "sku_not_found", "source_wrong_merchant", "unknown_checkout_option",
        "unknown_region", "unknown_source",
    ),
    "POST /mp/v1/checkout/preview": (
        "address_not_found", "address_required", "cart_empty", "cart_line_not_found",
        "coupon_not_found", "coupon_not_usable", "insufficient_points", "invalid_delivery",
        "invalid_lines", "mixed_merchants", "not_on_sale", "out_of_stock",
        "pickup_members_only", "pickup_point_closed", "pickup_point_not_found",
        "points_not_accepted", "points_not_whole_fen", "points_over_limit",
        "region_not_a_district", "region_not_delivered", "room_not_found", "share_not_found",
        "sku_not_found", "source_wrong_merchant", "unknown_checkout_option", "unknown_region",
        "unknown_source",
    ),
    "POST /mp/v1/cart/lines": (
        "cart_full", "cart_quantity_too_large", "not_on_sale", "sku_not_found",
    ),
    "PATCH /mp/v1/cart/lines/{line_id}": ("cart_line_not_found",),
    "DELETE /mp/v1/cart/lines/{line_id}": ("cart_line_not_found",),
    "POST /mp/v1/cart/remove": ("cart_line_not_found",),
    "POST /mp/v1/cart/select": ("cart_line_not_found",),
    "GET /mp/v1/orders/{order_id}": ("order_not_found",),
    "POST /mp/v1/orders/{order_id}/address": (
        "address_not_found", "invalid_delivery", "order_not_found", "region_not_a_district",
        "ship_to_not_changeable", "unknown_region",
    ),
    "GET /mp/v1/regions": ("region_not_found",),
    "POST /mp/v1/addresses": ("address_limit_reached", "region_not_a_district", "unknown_region"),
    "GET /mp/v1/addresses/{address_id}": ("address_not_found",),
    "PATCH /mp/v1/addresses/{address_id}": (
        "address_not_found", "region_not_a_district", "unknown_region",
    ),
    "DELETE /mp/v1/addresses/{address_id}": ("address_not_found",),
    "POST /mp/v1/orders/{order_id}/cancel": ("illegal_transition", "order_not_found"),
    "POST /mp/v1/orders/{order_id}/receive": ("illegal_transition", "order_not_found"),
    "POST /mp/v1/orders/{order_id}/pay": (
        "not_payable", "order_not_found", "payment_provider_error", "payment_provider_unavailable",
        "payments_not_configured",
    ),
    "GET /mp/v1/orders/{order_id}/refunds": ("order_not_found",),
    "POST /mp/v1/sandbox/orders/{order_id}/pay": (
        "not_payable", "order_not_found", "payments_not_configured", "sandbox_disabled",
    ),
    "POST /mp/v1/shares": (
        "bargain_not_found", "community_not_found", "group_not_found", "product_not_found",
        "room_not_found", "share_kind_unavailable", "share_target_not_allowed",
        "share_target_required", "share_ttl_too_long",
    ),
    "GET /mp/v1/shares/resolve": ("product_not_found", "share_expired", "share_not_found"),
    "GET /mp/v1/shares/qr.png": ("share_expired", "share_not_found"),
    "GET /mp/v1/shares/qr.svg": ("share_expired", "share_not_found"),
    "GET /mp/v1/shares/poster.png": (
        "bargain_not_found", "community_not_found", "group_not_found", "product_not_found",
        "room_not_found", "share_expired", "share_not_found",
    ),
    "GET /mp/v1/flashsales/{activity_id}": ("flashsale_not_found",),
    "POST /mp/v1/flashsales/{activity_id}/token": (
        "ended", "flashsale_not_found", "flashsale_unavailable", "not_started", "stopped",
    ),
    # the grab script's refusals (flashsale/engine.py GRAB), its own rate limit included
    "POST /mp/v1/flashsales/{activity_id}/grab": (
        "ended", "flashsale_not_found", "flashsale_unavailable", "grab_pending",
        "grab_token_expired", "invalid_grab_token", "limit_reached", "not_started",
        "over_order_limit", "pickup_members_only", "pickup_point_closed",
        "pickup_point_not_found", "rate_limited", "room_not_found", "share_not_found",
        "sold_out", "source_wrong_merchant", "stopped",
    ),
    "GET /mp/v1/flashsales/{activity_id}/result": ("flashsale_not_found",),
    "POST /mp/v1/group-activities/{group_activity_id}/groups": (
        "activity_ended", "activity_not_active", "group_activity_not_found", "group_limit_reached",
        "new_users_only", "not_on_sale", "out_of_stock", "sku_not_in_activity",
        "state_unavailable",
    ),
    "POST /mp/v1/groups/{group_id}/join": (
        "activity_ended", "activity_not_active", "already_in_group", "group_closed",
        "group_expired", "group_full", "group_limit_reached", "group_not_found", "new_users_only",
        "not_on_sale", "out_of_stock", "sku_not_in_activity", "state_unavailable",
    ),
    "GET /mp/v1/skus/{sku_id}/groups": ("sku_not_found",),
    "GET /mp/v1/groups/{group_id}": ("group_not_found",),
    "GET /mp/v1/groups/by-scene": ("group_not_found", "share_expired", "share_not_found"),
    "POST /mp/v1/bargain-activities/{bargain_activity_id}/bargains": (
        "activity_ended", "activity_not_active", "bargain_activity_not_found",
        "start_limit_reached",
    ),
    "POST /mp/v1/bargains/{bargain_id}/helps": (
        "already_helped", "bargain_at_floor", "bargain_closed", "bargain_expired",
        "bargain_not_found", "daily_help_limit_reached", "help_limit_reached", "invalid_device_id",
        "risky_help_refused", "self_help", "sharer_daily_help_limit_reached", "state_unavailable",
    ),
    "POST /mp/v1/bargains/{bargain_id}/buy": (
        "bargain_closed", "bargain_expired", "bargain_not_found", "buy_not_allowed",
        "not_on_sale", "out_of_stock",
    ),
    "GET /mp/v1/bargains/{bargain_id}": ("bargain_not_found",),
    "GET /mp/v1/bargains/by-scene": ("bargain_not_found", "share_expired", "share_not_found"),
    "POST /mp/v1/referral/bind": (
        "already_bound", "bind_source_required", "invite_not_found", "merchant_not_found",
        "not_new_user", "referral_cycle", "referrer_not_distributor", "self_referral",
        "share_expired", "share_not_found",
    ),
    "POST /mp/v1/referral/merchants/{merchant_id}/join": (
        "already_joined", "join_not_allowed", "merchant_not_found", "terms_not_accepted",
    ),
    "GET /mp/v1/referral/merchants/{merchant_id}/me": ("merchant_not_found",),
    "GET /mp/v1/referral/merchants/{merchant_id}/team": ("merchant_not_found",),
    "GET /mp/v1/referral/merchants/{merchant_id}/earnings": ("merchant_not_found",),
    "GET /mp/v1/referral/merchants/{merchant_id}/leaderboard": ("merchant_not_found",),
    "POST /mp/v1/referral/merchants/{merchant_id}/withdrawals": (
        "below_minimum", "insufficient_balance", "merchant_not_found", "negative_balance",
        "not_a_distributor", "withdrawal_key_reused",
    ),
    "GET /mp/v1/referral/merchants/{merchant_id}/withdrawals": ("merchant_not_found",),
    "GET /mp/v1/referral/merchants/{merchant_id}/withdrawals/{withdrawal_id}": (
        "merchant_not_found", "withdrawal_not_found",
    ),
    "POST /mp/v1/subscriptions": (
        "already_started", "duplicate_template", "target_not_allowed", "target_not_found",
        "target_required", "unknown_template",
    ),
    "POST /mp/v1/flashsales/{activity_id}/reminders": (
        "already_started", "duplicate_template", "flashsale_not_found", "unknown_template",
    ),
    "GET /mp/v1/merchants/{merchant_id}/coupons": ("merchant_not_found",),
    "GET /mp/v1/products/{product_id}/coupons": ("product_not_found",),
    "POST /mp/v1/coupons/{coupon_id}/claim": (
        "coupon_exhausted", "coupon_limit_reached", "coupon_not_claimable", "coupon_not_found",
    ),
    "POST /mp/v1/me/coupons/preview": ("invalid_lines", "mixed_merchants", "sku_not_found"),
    "POST /mp/v1/communities/join": ("already_member", "invalid_invite_code"),
    "POST /mp/v1/communities/join-by-share": (
        "already_member", "community_not_found", "invalid_scene", "not_a_community_share",
        "share_expired", "share_not_found",
    ),
    "GET /mp/v1/communities/{community_id}": ("community_not_found", "not_a_member"),
    "POST /mp/v1/communities/{community_id}/leave": (
        "cannot_leave", "community_not_found", "not_a_member",
    ),
    "POST /mp/v1/communities/{community_id}/invite-code": (
        "community_forbidden", "community_not_found",
    ),
    "POST /mp/v1/communities/{community_id}/members/remove": (
        "cannot_leave", "community_forbidden", "community_member_not_found", "community_not_found",
    ),
    "POST /mp/v1/communities/{community_id}/announcements": (
        "community_forbidden", "community_not_found",
    ),
    "GET /mp/v1/communities/{community_id}/inbox": ("community_not_found", "not_a_member"),
    "POST /mp/v1/inbox/read": ("inbox_message_not_found",),
    "GET /mp/v1/communities/{community_id}/offers": ("community_not_found", "not_a_member"),
    "GET /mp/v1/communities/{community_id}/pickup-points": ("community_not_found", "not_a_member"),
    "GET /mp/v1/pickups/{order_id}": ("order_not_found", "pickup_not_found"),
    "POST /mp/v1/community-invitations/{invitation_id}/accept": (
        "community_not_found", "invitation_not_found", "invitation_not_pending",
    ),
    "POST /mp/v1/community-invitations/{invitation_id}/decline": (
        "invitation_not_found", "invitation_not_pending",
    ),
    "GET /mp/v1/leader/communities/{community_id}/pick-list": (
        "community_forbidden", "community_not_found", "pickup_point_not_found",
    ),
    "POST /mp/v1/leader/orders/{order_id}/pickup": (
        "order_not_found", "pickup_code_locked", "pickup_code_wrong", "pickup_not_found",
        "pickup_not_waiting",
    ),
    "GET /api/v1/leader/communities/{community_id}/pick-list": (
        "community_forbidden", "community_not_found", "pickup_point_not_found",
    ),
    "POST /api/v1/leader/orders/{order_id}/pickup": (
        "order_not_found", "pickup_code_locked", "pickup_code_wrong", "pickup_not_found",
        "pickup_not_waiting",
    ),
    "GET /mp/v1/leader/communities/{community_id}/commission": (
        "community_forbidden", "community_not_found",
    ),
    "GET /mp/v1/members/merchants/{merchant_id}": ("merchant_not_found",),
    "GET /mp/v1/members/merchants/{merchant_id}/points": ("merchant_not_found",),
    "POST /mp/v1/members/merchants/{merchant_id}/checkin": (
        "already_checked_in", "merchant_not_found",
    ),
    "GET /mp/v1/members/merchants/{merchant_id}/checkins": ("merchant_not_found",),
    "GET /mp/v1/communities/{community_id}/pickups": ("community_not_found", "not_a_member"),
    "POST /api/v1/merchants/{merchant_id}/live/rooms": (
        "invalid_host", "invalid_shelf", "user_not_found",
    ),
    "GET /api/v1/merchants/{merchant_id}/live/rooms/{room_id}": ("room_not_found",),
    "POST /api/v1/merchants/{merchant_id}/live/rooms/{room_id}/state": (
        "not_room_host", "not_room_staff", "room_illegal_state", "room_not_found",
    ),
    "GET /api/v1/merchants/{merchant_id}/live/rooms/{room_id}/coupons": ("room_not_found",),
    "PUT /api/v1/merchants/{merchant_id}/live/rooms/{room_id}/shelf": (
        "invalid_shelf", "room_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/live/rooms/{room_id}/assistants": (
        "room_not_found", "user_not_found",
    ),
    "GET /mp/v1/live/rooms/{room_id}": ("room_not_found",),
    "GET /mp/v1/live/rooms/{room_id}/messages": ("room_not_found",),
    "POST /api/v1/merchants/{merchant_id}/flashsales": ("invalid_flashsale",),
    "GET /api/v1/merchants/{merchant_id}/flashsales/{activity_id}": ("flashsale_not_found",),
    "PATCH /api/v1/merchants/{merchant_id}/flashsales/{activity_id}": (
        "flashsale_not_editable", "flashsale_not_found", "invalid_flashsale", "out_of_stock",
        "stock_limit",
    ),
    "POST /api/v1/merchants/{merchant_id}/flashsales/{activity_id}/publish": (
        "ended", "flashsale_illegal_status", "flashsale_not_found", "invalid_flashsale",
        "out_of_stock",
    ),
    "POST /api/v1/merchants/{merchant_id}/flashsales/{activity_id}/stop": (
        "flashsale_illegal_status", "flashsale_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/products": ("freight_template_not_found",),
    "GET /api/v1/merchants/{merchant_id}/products/{product_id}": ("product_not_found",),
    "PATCH /api/v1/merchants/{merchant_id}/products/{product_id}": (
        "freight_template_not_found", "product_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/products/{product_id}/skus": ("product_not_found",),
    "PATCH /api/v1/merchants/{merchant_id}/skus/{sku_id}": ("sku_not_found",),
    "POST /api/v1/merchants/{merchant_id}/skus/{sku_id}/stock": (
        "out_of_stock", "sku_not_found", "stock_limit",
    ),
    "GET /api/v1/merchants/{merchant_id}/orders/{order_id}": ("order_not_found",),
    "POST /api/v1/merchants/{merchant_id}/orders/{order_id}/ship": (
        "carrier_unknown", "exceeds_shippable", "illegal_transition", "nothing_to_ship",
        "order_not_found", "ship_to_missing", "tracking_no_in_use", "tracking_no_invalid",
        "unknown_order_line",
    ),
    "POST /api/v1/merchants/{merchant_id}/shipments/batch": (
        "batch_columns_missing", "batch_file_empty", "batch_file_too_large",
        "batch_file_unreadable", "batch_file_unsupported", "batch_too_many_rows",
    ),
    "GET /api/v1/merchants/{merchant_id}/orders/{order_id}/packages": ("order_not_found",),
    "GET /mp/v1/orders/{order_id}/packages": ("order_not_found",),
    "POST /tracking/notify/kuaidi100": (
        "malformed_push", "package_not_found", "push_bad_signature", "tracking_provider_disabled",
    ),
    "POST /tracking/notify/sandbox": (
        "malformed_push", "package_not_found", "push_bad_signature", "tracking_provider_disabled",
    ),
    "POST /api/v1/merchants/{merchant_id}/orders/{order_id}/refunds": (
        "empty_refund", "order_not_found", "refund_exceeds_paid", "refund_key_reused",
        "refund_not_allowed", "unknown_order_line",
    ),
    "GET /api/v1/merchants/{merchant_id}/orders/{order_id}/refunds": ("order_not_found",),
    "POST /api/v1/merchants/{merchant_id}/exports": (
        "community_not_found", "export_filter_invalid", "exports_busy", "leader_not_found",
        "pickup_point_not_found",
    ),
    "GET /api/v1/merchants/{merchant_id}/exports/{export_id}": ("export_not_found",),
    "GET /api/v1/merchants/{merchant_id}/exports/{export_id}/file": (
        "export_not_found", "export_not_ready",
    ),
    "GET /api/v1/merchants/{merchant_id}/freight-templates/{template_id}": (
        "freight_template_not_found",
    ),
    "PUT /api/v1/merchants/{merchant_id}/freight-templates/{template_id}": (
        "freight_template_not_found",
    ),
    "DELETE /api/v1/merchants/{merchant_id}/freight-templates/{template_id}": (
        "freight_template_in_use", "freight_template_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/coupons": ("invalid_coupon",),
    "PATCH /api/v1/merchants/{merchant_id}/coupons/{coupon_id}": (
        "coupon_not_editable", "coupon_not_found", "invalid_coupon",
    ),
    "POST /api/v1/merchants/{merchant_id}/coupons/{coupon_id}/activate": (
        "coupon_illegal_status", "coupon_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/coupons/{coupon_id}/stop": (
        "coupon_illegal_status", "coupon_not_found",
    ),
    "GET /api/v1/merchants/{merchant_id}/coupons/{coupon_id}/stats": ("coupon_not_found",),
    "POST /pay/notify/wechat": (
        "amount_mismatch", "appid_mismatch", "bad_ciphertext", "bad_signature", "malformed_notice",
        "mchid_mismatch", "notice_pending", "payments_not_configured", "stale_timestamp",
        "unknown_refund", "unknown_serial", "unknown_trade",
    ),
    "POST /api/v1/merchants/{merchant_id}/group-activities": ("invalid_activity", "sku_not_found"),
    "PATCH /api/v1/merchants/{merchant_id}/group-activities/{group_activity_id}": (
        "group_activity_not_found", "invalid_activity",
    ),
    "GET /api/v1/merchants/{merchant_id}/group-activities/{group_activity_id}/groups": (
        "group_activity_not_found",
    ),
    "GET /api/v1/merchants/{merchant_id}/group-activities/{group_activity_id}/stats": (
        "group_activity_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/bargain-activities": (
        "invalid_activity", "sku_not_found", "too_few_fen_to_cut",
    ),
    "GET /api/v1/merchants/{merchant_id}/bargain-activities/{bargain_activity_id}/bargains": (
        "bargain_activity_not_found",
    ),
    "PATCH /api/v1/merchants/{merchant_id}/bargain-activities/{bargain_activity_id}": (
        "bargain_activity_not_found", "invalid_activity",
    ),
    "GET /api/v1/merchants/{merchant_id}/bargain-activities/{bargain_activity_id}/helps": (
        "bargain_activity_not_found",
    ),
    "PUT /api/v1/merchants/{merchant_id}/referral/rules": ("rates_too_high", "too_many_levels"),
    "GET /api/v1/merchants/{merchant_id}/referral/products/{product_id}/commission": (
        "product_not_found",
    ),
    "PUT /api/v1/merchants/{merchant_id}/referral/products/{product_id}/commission": (
        "product_not_found", "rates_too_high", "too_many_levels",
    ),
    "PUT /api/v1/merchants/{merchant_id}/referral/tiers": ("rates_too_high", "too_many_levels"),
    "GET /api/v1/merchants/{merchant_id}/referral/distributors/{user_id}/ledger": (
        "distributor_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/referral/distributors/{user_id}/review": (
        "distributor_not_found", "not_reviewable",
    ),
    "POST /api/v1/merchants/{merchant_id}/referral/withdrawals/{withdrawal_id}/approve": (
        "not_reviewable", "withdrawal_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/referral/withdrawals/{withdrawal_id}/reject": (
        "not_reviewable", "withdrawal_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/communities": ("user_not_found",),
    "GET /api/v1/merchants/{merchant_id}/communities/{community_id}": ("community_not_found",),
    "PATCH /api/v1/merchants/{merchant_id}/communities/{community_id}": ("community_not_found",),
    "GET /api/v1/merchants/{merchant_id}/communities/{community_id}/leaders": (
        "community_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/communities/{community_id}/leaders": (
        "already_has_role", "community_forbidden", "community_not_found", "user_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/communities/{community_id}/owner": (
        "already_has_role", "community_forbidden", "community_not_found", "user_not_found",
    ),
    "GET /api/v1/merchants/{merchant_id}/communities/{community_id}/invitations": (
        "community_not_found",
    ),
    "PUT /api/v1/merchants/{merchant_id}/communities/{community_id}/leaders/{leader_id}": (
        "community_not_found", "leader_not_found",
    ),
    "DELETE /api/v1/merchants/{merchant_id}/communities/{community_id}/leaders/{leader_id}": (
        "community_not_found", "leader_not_found",
    ),
    "PUT /api/v1/merchants/{merchant_id}/communities/{community_id}/leaders/{leader_id}/pickup-point": (  # noqa: E501
        "community_not_found", "leader_not_found",
    ),
    "GET /api/v1/merchants/{merchant_id}/communities/{community_id}/leaders/{leader_id}/pick-list": (  # noqa: E501
        "community_not_found", "leader_not_found", "pickup_point_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/communities/{community_id}/announcements": (
        "community_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/communities/{community_id}/offers": (
        "already_pinned", "community_not_found", "flashsale_not_found", "group_activity_not_found",
        "offer_kind_unavailable", "room_not_found",
    ),
    "DELETE /api/v1/merchants/{merchant_id}/communities/{community_id}/offers/{offer_id}": (
        "community_not_found", "pinned_offer_not_found",
    ),
    "GET /api/v1/merchants/{merchant_id}/members/{member_id}/points": ("member_not_found",),
    "POST /api/v1/merchants/{merchant_id}/members/{member_id}/points": (
        "adjustment_key_reused", "insufficient_points", "member_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/members/tags": ("invalid_tag_rule", "tag_name_taken"),
    "DELETE /api/v1/merchants/{merchant_id}/members/tags/{tag_id}": ("tag_in_use", "tag_not_found"),
    "POST /api/v1/merchants/{merchant_id}/members/tags/{tag_id}/members": (
        "member_not_found", "tag_not_found", "tag_not_manual",
    ),
    "DELETE /api/v1/merchants/{merchant_id}/members/tags/{tag_id}/members/{member_id}": (
        "member_not_found", "tag_not_found", "tag_not_manual",
    ),
    "POST /api/v1/merchants/{merchant_id}/members/recompute": ("tag_not_found",),
    "POST /api/v1/merchants/{merchant_id}/members/segments": (
        "bad_segment_expression", "segment_name_taken", "unknown_tag",
    ),
    "PUT /api/v1/merchants/{merchant_id}/members/segments/{segment_id}": (
        "bad_segment_expression", "segment_name_taken", "segment_not_found", "unknown_tag",
    ),
    "DELETE /api/v1/merchants/{merchant_id}/members/segments/{segment_id}": ("segment_not_found",),
    "GET /api/v1/merchants/{merchant_id}/members/segments/{segment_id}/preview": (
        "bad_segment_expression", "segment_not_found", "unknown_tag",
    ),
    "POST /api/v1/merchants/{merchant_id}/members/segments/preview": (
        "bad_segment_expression", "unknown_tag",
    ),
    "POST /api/v1/merchants/{merchant_id}/members/sends": (
        "bad_segment_expression", "invalid_send_payload", "segment_not_found", "send_key_reused",
        "unknown_send_action", "unknown_tag",
    ),
    "GET /api/v1/merchants/{merchant_id}/members/sends/{send_id}": ("send_not_found",),
    "PUT /api/v1/merchants/{merchant_id}/members/points-settings": ("invalid_points_settings",),
    "PUT /api/v1/merchants/{merchant_id}/members/tiers": ("invalid_tiers",),
    "POST /mp/v1/orders/{order_id}/after-sales": (
        "after_sale_amount_too_high", "after_sale_duplicate_lines", "after_sale_line_open",
        "after_sale_not_allowed", "after_sale_too_many_units", "order_not_found",
        "unknown_after_sale_reason", "unknown_order_line", "upload_not_found",
    ),
    "GET /mp/v1/orders/{order_id}/after-sale-form": ("order_not_found",),
    "GET /mp/v1/after-sales/{after_sale_id}": ("after_sale_not_found",),
    "POST /mp/v1/after-sales/{after_sale_id}/cancel": (
        "after_sale_illegal_transition", "after_sale_not_found",
    ),
    "POST /mp/v1/after-sales/{after_sale_id}/ship": (
        "after_sale_illegal_transition", "after_sale_not_found", "carrier_unknown",
        "tracking_no_invalid",
    ),
    "POST /mp/v1/after-sales/{after_sale_id}/accept-amount": (
        "after_sale_illegal_transition", "after_sale_not_found",
    ),
    "GET /api/v1/merchants/{merchant_id}/after-sales/{after_sale_id}": ("after_sale_not_found",),
    "POST /api/v1/merchants/{merchant_id}/after-sales/{after_sale_id}/approve": (
        "after_sale_amount_too_high", "after_sale_illegal_transition", "after_sale_not_found",
        "refund_exceeds_paid", "refund_not_allowed",
    ),
    "POST /api/v1/merchants/{merchant_id}/after-sales/{after_sale_id}/reject": (
        "after_sale_illegal_transition", "after_sale_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/after-sales/{after_sale_id}/propose": (
        "after_sale_amount_too_high", "after_sale_illegal_transition", "after_sale_not_found",
    ),
    "POST /api/v1/merchants/{merchant_id}/after-sales/{after_sale_id}/confirm-receipt": (
        "after_sale_illegal_transition", "after_sale_not_found", "refund_exceeds_paid",
        "refund_not_allowed",
    ),
    "POST /api/v1/merchants/{merchant_id}/after-sales/{after_sale_id}/ship-exchange": (
        "after_sale_illegal_transition", "after_sale_not_found", "carrier_unknown",
        "tracking_no_in_use", "tracking_no_invalid",
    ),
    "POST /mp/v1/uploads": (
        "empty_file", "file_too_large", "image_too_large", "image_unreadable",
        "storage_unavailable", "unsupported_image",
    ),
    "PUT /mp/v1/me/avatar": ("upload_not_found",),
    "POST /api/v1/merchants/{merchant_id}/uploads": (
        "empty_file", "file_too_large", "image_too_large", "image_unreadable",
        "storage_unavailable", "unsupported_image",
    ),
    "PUT /api/v1/merchants/{merchant_id}/products/{product_id}/images": (
        "product_not_found", "too_many_images", "upload_not_found",
    ),
    "GET /media/{key}": ("media_not_found", "storage_unavailable"),
    "GET /media/{key}/thumb": ("media_not_found", "storage_unavailable"),
    # reviews
    "POST /mp/v1/reviews": (
        "already_reviewed", "line_not_received", "line_refunded", "order_line_not_found",
        "review_window_closed", "upload_not_found",
    ),
    "GET /mp/v1/reviews/{review_id}": ("review_not_found",),
    "POST /mp/v1/reviews/{review_id}/follow-up": (
        "follow_up_exists", "follow_up_window_closed", "review_not_found", "upload_not_found",
    ),
    "POST /mp/v1/reviews/{review_id}/report": (
        "already_reported", "own_review_not_reportable", "review_not_found",
    ),
    "GET /mp/v1/products/{product_id}/reviews": ("product_not_found",),
    "GET /mp/v1/products/{product_id}/reviews/summary": ("product_not_found",),
    "PUT /api/v1/merchants/{merchant_id}/reviews/{review_id}/reply": ("review_not_found",),
    "POST /api/v1/merchants/{merchant_id}/reviews/{review_id}/hide": ("review_not_found",),
    "POST /api/v1/merchants/{merchant_id}/reviews/{review_id}/unhide": ("review_not_found",),
    "POST /api/v1/merchants/{merchant_id}/reviews/{review_id}/approve": (
        "review_not_found", "review_not_pending",
    ),
    "POST /api/v1/console/session": ("bad_credentials",),
    "GET /api/v1/console/session": ("not_signed_in",),
    "DELETE /api/v1/console/session": ("csrf_failed",),
    "GET /api/v1/console/login-tickets/{ticket}": ("ticket_not_found",),
    "POST /mp/v1/console-login/{ticket}/scan": (
        "ticket_expired", "ticket_not_found", "ticket_used",
    ),
    "POST /mp/v1/console-login/{ticket}/confirm": (
        "not_staff", "ticket_expired", "ticket_not_found", "ticket_used",
    ),
    "POST /api/v1/merchants/{merchant_id}/staff-invites": ("scope_not_found",),
    "DELETE /api/v1/merchants/{merchant_id}/staff/{staff_id}/roles/{role}": (
        "last_owner", "staff_role_not_found",
    ),
    "GET /api/v1/merchants/{merchant_id}/operation-log": ("bad_time_range",),
    "GET /api/v1/console/invites/{token}": ("invite_expired", "invite_not_found", "invite_used"),
    "POST /api/v1/console/invites/{token}/accept": (
        "invite_expired", "invite_not_found", "invite_used", "login_taken", "weak_password",
    ),
    "GET /api/v1/platform/merchants": ("forbidden",),
    "POST /api/v1/platform/merchants": ("forbidden",),
    "POST /api/v1/platform/merchants/{merchant_id}/suspend": ("forbidden", "merchant_not_found"),
    "POST /api/v1/platform/merchants/{merchant_id}/resume": ("forbidden", "merchant_not_found"),
}
