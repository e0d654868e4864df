"""Gameball's wire table: every v4.0 endpoint the plugin calls and the documented rate limits.

The one place paths and limits are written: the client builds its URLs and picks its keys from these
rows, the sandbox routes and rate-limits by them, the sync engine paces by the same limits and the
tests check every row against Gameball's openapi.json. A new endpoint is one row here, its client
method and its sandbox handler. Request bodies are built in order.py, refund.py and requests.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from urllib.parse import quote

PREFIX = "/api/v4.0/integrations"

# Gameball counts each limit over these two windows (API.md section 8).
SHORT_WINDOW_S = 1.0
LONG_WINDOW_S = 30.0


@dataclass(frozen=True)
class Limit:
    per_second: int
    per_30s: int


class Bucket(StrEnum):
    """API.md section 8's rate-limit resources."""

    ORDERS_TRACKING = "orders_tracking"
    ORDERS_CASHBACK = "orders_cashback"
    TRANSACTIONS = "transactions"
    CUSTOMERS_GET = "customers_get"
    CUSTOMERS_POST = "customers_post"
    EVENTS = "events"
    COUPONS = "coupons"
    OTHERS = "others"


LIMITS = MappingProxyType({
    Bucket.ORDERS_TRACKING: Limit(30, 360),
    Bucket.ORDERS_CASHBACK: Limit(1000, 15000),
    Bucket.TRANSACTIONS: Limit(30, 360),
    Bucket.CUSTOMERS_GET: Limit(100, 1200),
    Bucket.CUSTOMERS_POST: Limit(30, 360),
    Bucket.EVENTS: Limit(100, 1200),
    Bucket.COUPONS: Limit(30, 360),
    Bucket.OTHERS: Limit(30, 360),
})


def bucket_for(method: str, path: str) -> Bucket:
    """The rate-limit bucket of a request; `path` is relative to PREFIX.

    `/orders/cashback` and `/orders/reward-preview` are "Orders (Cashback)"; every other `/orders...`
    path, `GET /orders/{id}/transactions` included, is "Orders (Tracking)"; `/customers...` splits by
    GET and other methods; everything unnamed (configurations, batches) is "Others".
    """
    if path.startswith(("/orders/cashback", "/orders/reward-preview")):
        return Bucket.ORDERS_CASHBACK
    first = path.strip("/").split("/")[0]
    named = {"orders": Bucket.ORDERS_TRACKING, "transactions": Bucket.TRANSACTIONS, "events": Bucket.EVENTS,
             "coupons": Bucket.COUPONS}
    if first in named:
        return named[first]
    if first == "customers":
        return Bucket.CUSTOMERS_GET if method.upper() == "GET" else Bucket.CUSTOMERS_POST
    return Bucket.OTHERS


@dataclass(frozen=True)
class Endpoint:
    """One operation: `path` is its OpenAPI template relative to PREFIX; `secret` means it needs the
    SecretKey header as well as the APIKey."""

    method: str
    path: str
    secret: bool

    @property
    def template(self) -> str:
        """The full OpenAPI path key, as openapi.json writes it."""
        return PREFIX + self.path

    @property
    def bucket(self) -> Bucket:
        return bucket_for(self.method, self.path)

    @property
    def limit(self) -> Limit:
        return LIMITS[self.bucket]

    def url(self, **params: str) -> str:
        """The concrete path relative to PREFIX, each parameter percent-encoded as one segment."""
        return self.path.format(**{name: quote(str(value), safe="") for name, value in params.items()})

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


CASHBACK_PREVIEW = Endpoint("POST", "/orders/cashback", secret=False)
TRACK_ORDER = Endpoint("POST", "/orders", secret=True)
ORDER_TRANSACTIONS = Endpoint("GET", "/orders/{orderId}/transactions", secret=True)
UPSERT_CUSTOMER = Endpoint("POST", "/customers", secret=False)
GET_CUSTOMER = Endpoint("GET", "/customers/{customerId}", secret=False)
GET_BALANCE = Endpoint("GET", "/customers/{customerId}/balance", secret=True)
HOLD_POINTS = Endpoint("POST", "/transactions/hold", secret=True)
GET_HOLD = Endpoint("GET", "/transactions/hold/{holdReferenceId}", secret=True)
RELEASE_HOLD = Endpoint("DELETE", "/transactions/hold/{holdReferenceId}", secret=True)
REFUND = Endpoint("POST", "/transactions/refund", secret=True)
# A direct debit of points: an order whose hold expired before it reached Gameball (issue 12).
REDEEM = Endpoint("POST", "/transactions/redeem", secret=True)
CASHBACK_CONFIGURATION = Endpoint("GET", "/configurations/rewards/cashback", secret=False)
REDEMPTION_CONFIGURATION = Endpoint("GET", "/configurations/rewards/redemption", secret=False)
REDEMPTION_RULES = Endpoint("GET", "/configurations/redemption", secret=False)
# Each tier's cashback rule: the documented source of the estimate's tier rates (issue 12, requirement 7).
CASHBACK_TIER_RULES = Endpoint("GET", "/configurations/cashback", secret=False)
# Each item of a batch is byte-for-byte a POST /orders body.
BATCH_ORDERS = Endpoint("POST", "/batch/orders", secret=True)
BATCH_ORDER_TRANSACTIONS = Endpoint("POST", "/batch/orders/transactions", secret=True)
BATCH_STATUS = Endpoint("GET", "/batches/{batchId}/status", secret=True)
# Knowing the customer at the till (issue 15): who, tier, campaigns, coupons and redemption proof.
CUSTOMER_DETAILS = Endpoint("GET", "/customers/{customerId}/details", secret=True)
TIER_PROGRESS = Endpoint("GET", "/customers/{customerId}/tier-progress", secret=True)
TIERS_CONFIGURATION = Endpoint("GET", "/configurations/tiers", secret=False)
REWARD_CAMPAIGNS_CONFIGURATION = Endpoint("GET", "/configurations/reward-campaigns", secret=False)
REWARD_CAMPAIGNS_PROGRESS = Endpoint("GET", "/customers/{customerId}/reward-campaigns-progress", secret=True)
REWARD_PREVIEW = Endpoint("POST", "/orders/reward-preview", secret=False)
VALIDATE_COUPONS = Endpoint("POST", "/coupons/validate", secret=True)
BURN_COUPONS = Endpoint("POST", "/coupons/burn", secret=True)
RELEASE_COUPONS = Endpoint("DELETE", "/coupons/{lockReference}", secret=True)
SEND_OTP = Endpoint("POST", "/transactions/otp", secret=True)

ENDPOINTS: tuple[Endpoint, ...] = (
    CASHBACK_PREVIEW, TRACK_ORDER, ORDER_TRANSACTIONS, UPSERT_CUSTOMER, GET_CUSTOMER, GET_BALANCE,
    HOLD_POINTS, GET_HOLD, RELEASE_HOLD, REFUND, REDEEM, CASHBACK_CONFIGURATION, REDEMPTION_CONFIGURATION,
    REDEMPTION_RULES, CASHBACK_TIER_RULES, BATCH_ORDERS, BATCH_ORDER_TRANSACTIONS, BATCH_STATUS, CUSTOMER_DETAILS,
    TIER_PROGRESS, TIERS_CONFIGURATION, REWARD_CAMPAIGNS_CONFIGURATION, REWARD_CAMPAIGNS_PROGRESS, REWARD_PREVIEW,
    VALIDATE_COUPONS, BURN_COUPONS, RELEASE_COUPONS, SEND_OTP,
)
