"""The features of the app, in install order (blueprints in this order
make the OpenAPI document's). The one module of the core that names
feature packages: `create_app` installs each, `worker.py` runs their sweeps,
`migrations/env.py` reads their models. A new feature is its package's
`feature.py` and one line here."""

from app.addresses.feature import FEATURE as ADDRESSES
from app.aftersales.feature import FEATURE as AFTERSALES
from app.auth.feature import FEATURE as AUTH
from app.cart.feature import FEATURE as CART
from app.catalog.feature import FEATURE as CATALOG
from app.console.feature import FEATURE as CONSOLE
from app.console_auth.feature import FEATURE as CONSOLE_AUTH
from app.coupons.feature import FEATURE as COUPONS
from app.dashboard.feature import FEATURE as DASHBOARD
from app.discovery.feature import FEATURE as DISCOVERY
from app.exports.feature import FEATURE as EXPORTS
from app.feature import Feature
from app.freight.feature import FEATURE as FREIGHT
from app.h5.feature import FEATURE as H5
from app.orders.feature import FEATURE as ORDERS
from app.outbox.feature import FEATURE as OUTBOX
from app.payments.feature import FEATURE as PAYMENTS
from app.reviews.feature import FEATURE as REVIEWS
from app.sharing.feature import FEATURE as SHARING
from app.shipping.feature import FEATURE as SHIPPING
from app.subscribe_messages.feature import FEATURE as SUBSCRIBE_MESSAGES
from app.tracking.feature import FEATURE as TRACKING
from app.uploads.feature import FEATURE as UPLOADS
from app.web.feature import FEATURE as WEB
from community.feature import FEATURE as COMMUNITY
from flashsale.feature import FEATURE as FLASHSALE
from groupbuy.feature import FEATURE as GROUPBUY
from live.feature import FEATURE as LIVE
from members.feature import FEATURE as MEMBERS
from miniprogram_api.feature import FEATURE as MINIPROGRAM_API
from referral.feature import FEATURE as REFERRAL

FEATURES: tuple[Feature, ...] = (
    MINIPROGRAM_API, SHARING, LIVE, FLASHSALE, CATALOG, FREIGHT, ORDERS, CART, SHIPPING,
    TRACKING, PAYMENTS, COUPONS, SUBSCRIBE_MESSAGES, GROUPBUY, REFERRAL, COMMUNITY, MEMBERS,
    AUTH, OUTBOX, WEB, ADDRESSES, EXPORTS, UPLOADS, AFTERSALES, REVIEWS, CONSOLE_AUTH,
    DASHBOARD, CONSOLE, DISCOVERY, H5,
)
