"""The Gameball API as the sandbox answers it: routing, rate limits, auth, body checks, dispatch.

Independent of sockets: `handle()` takes a request and gives an `Answer`; the transport decides how
(and whether) that answer reaches the client. Checks run in this order: known endpoint (404 code 4004),
rate limit (429), keys (401 code 1000/1001), JSON body (415 code 3002, 400 code 3016), schema from
openapi.json (400 code 3000 for a missing field, 3016 otherwise, naming the field), poison (see
faults.py), then the business rules in state.py.
"""

from __future__ import annotations

import hmac
import json
import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pos_app.domain import endpoints
from pos_app.domain.batch_items import BATCH_ORDER_FIELDS
from pos_app.domain.endpoints import bucket_for
from pos_app.domain.money import to_json_number
from pos_app.domain.wire import loads
from pos_app.sandbox import spec
from pos_app.sandbox.batch import ORDER_TRANSACTIONS, ORDERS, BatchJobs
from pos_app.sandbox.clock import Clock
from pos_app.sandbox.errors import RATE_LIMITED, SandboxError, new_request_id
from pos_app.sandbox.faults import Faults
from pos_app.sandbox.ratelimit import RateLimiter
from pos_app.sandbox.state import SandboxState

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, str], Any], Any]  # (path parameters, body) -> answer body


@dataclass(frozen=True)
class Keys:
    api_key: str
    secret_key: str

    def __repr__(self) -> str:  # never print the keys, even in a test failure
        return "Keys(***)"


@dataclass
class Answer:
    status: int
    body: Any
    request_id: str
    headers: dict[str, str] = field(default_factory=dict)

    def encode(self) -> bytes:
        text = json.dumps(self.body, default=to_json_number, separators=(",", ":"), ensure_ascii=False)
        return text.encode()


class _RateLimited(Exception):
    def __init__(self, wait: float) -> None:
        super().__init__(f"rate limited for {wait:.3f} s")
        self.wait = wait


def retry_after_text(seconds: float, *, whole: bool = True) -> str:
    """A `Retry-After` value: whole seconds (rounded up) as HTTP wants, or with `whole=False` a
    decimal, which only a sped-up sandbox sends (tolerant clients parse it; strict ones round up)."""
    if whole:
        return str(max(0, math.ceil(seconds)))
    return f"{seconds:.3f}".rstrip("0").rstrip(".") or "0"


class Api:
    def __init__(self, state: SandboxState, limiter: RateLimiter, faults: Faults, keys: Keys, *, clock: Clock,
                 retry_after: bool = True, batch_delay: float = 2.0, batch_polls: int = 3) -> None:
        self.state = state
        self.limiter = limiter
        self.faults = faults
        self.keys = keys
        self.clock = clock
        self.retry_after = retry_after
        # An account whose batch Gameball confirmed takes full order bodies (the till's batch_full_bodies).
        self.full_batch_items = False
        self.jobs = BatchJobs(clock, self._batch_item, delay=batch_delay, polls=batch_polls)
        routes: dict[endpoints.Endpoint, Handler] = {
            endpoints.CASHBACK_PREVIEW: lambda p, b: state.cashback_preview(b),
            endpoints.TRACK_ORDER: lambda p, b: state.track_order(b),
            endpoints.ORDER_TRANSACTIONS: lambda p, b: state.order_transactions(p["orderId"]),
            endpoints.UPSERT_CUSTOMER: lambda p, b: state.upsert_customer(b),
            endpoints.GET_CUSTOMER: lambda p, b: state.customer(p["customerId"]),
            endpoints.GET_BALANCE: lambda p, b: state.balance(p["customerId"]),
            endpoints.HOLD_POINTS: lambda p, b: state.hold(b),
            endpoints.GET_HOLD: lambda p, b: state.get_hold(p["holdReferenceId"]),
            endpoints.RELEASE_HOLD: lambda p, b: state.release_hold(p["holdReferenceId"]),
            endpoints.REFUND: lambda p, b: state.refund(b),
            endpoints.REDEEM: lambda p, b: state.redeem(b),
            endpoints.CASHBACK_CONFIGURATION: lambda p, b: state.rules.to_configuration(),
            endpoints.REDEMPTION_CONFIGURATION: lambda p, b: state.redemption.to_configuration(),
            endpoints.REDEMPTION_RULES: lambda p, b: state.redemption_rules_configuration(),
            endpoints.CASHBACK_TIER_RULES: lambda p, b: state.rules.to_tier_rules(),
            endpoints.BATCH_ORDERS: lambda p, b: self._submit_batch(ORDERS, b),
            endpoints.BATCH_ORDER_TRANSACTIONS: lambda p, b: self._submit_batch(ORDER_TRANSACTIONS, b),
            endpoints.BATCH_STATUS: lambda p, b: self.jobs.status(p["batchId"]),
            endpoints.CUSTOMER_DETAILS: lambda p, b: state.customer_details(p["customerId"]),
            endpoints.TIER_PROGRESS: lambda p, b: state.tier_progress(p["customerId"]),
            endpoints.TIERS_CONFIGURATION: lambda p, b: state.loyalty.tiers_configuration(),
            endpoints.REWARD_CAMPAIGNS_CONFIGURATION: lambda p, b: state.loyalty.campaigns_configuration(),
            endpoints.REWARD_CAMPAIGNS_PROGRESS: lambda p, b: state.campaigns_progress(p["customerId"]),
            endpoints.REWARD_PREVIEW: lambda p, b: state.reward_preview(b),
            endpoints.VALIDATE_COUPONS: lambda p, b: state.validate_coupons(b),
            endpoints.BURN_COUPONS: lambda p, b: state.burn_coupons(b),
            endpoints.RELEASE_COUPONS: lambda p, b: state.release_coupons(p["lockReference"]),
            endpoints.SEND_OTP: lambda p, b: state.send_otp(b),
        }
        self._routes = {(row.method, row.path): handler for row, handler in routes.items()}

    @property
    def emulated(self) -> frozenset[tuple[str, str]]:
        """(method, path) of every endpoint the sandbox answers, paths relative to the prefix."""
        return frozenset(self._routes)

    @staticmethod
    def is_api_path(path: str) -> bool:
        return path.startswith(spec.PREFIX + "/")

    def observe(self, method: str, path: str) -> None:
        """Count an arriving API request for the rate statistics, before any fault can answer it."""
        self.limiter.observe(bucket_for(method, path[len(spec.PREFIX):]))

    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Answer:
        """Answer one API request; `target` is the request path with its query string."""
        request_id = new_request_id()
        try:
            return Answer(200, self._handle(method.upper(), target, headers, body), request_id,
                          {"X-Request-Id": request_id})
        except SandboxError as error:
            return self.error(error, request_id)
        except _RateLimited as limited:
            answer = self.error(SandboxError(RATE_LIMITED, "Too many requests"), request_id)
            if self.retry_after:
                real = self.clock.to_real(limited.wait)
                # Under a sped-up clock most waits are below a second: say so rather than round to 1.
                whole = self.clock.time_scale <= 1 or real >= 1
                answer.headers["Retry-After"] = retry_after_text(real, whole=whole)
            return answer
        except Exception:
            logger.exception("sandbox failed on %s %s", method, target)
            return self.error(SandboxError(5000, "the sandbox failed; see its log"), request_id)

    @staticmethod
    def error(error: SandboxError, request_id: str) -> Answer:
        return Answer(error.status, error.envelope(request_id), request_id, {"X-Request-Id": request_id})

    def _handle(self, method: str, target: str, headers: Mapping[str, str], raw: bytes) -> Any:
        parts = urlsplit(target)
        found = spec.match(method, parts.path)
        if found is None:
            raise SandboxError(4004, f"no endpoint {method} {parts.path}")
        template, params = found
        route = template[len(spec.PREFIX):]
        if (method, route) not in self._routes:
            raise SandboxError(4004, f"{method} {route} is not emulated by the sandbox")
        wait = self.limiter.admit(bucket_for(method, parts.path[len(spec.PREFIX):]))
        if wait is not None:
            raise _RateLimited(wait)
        self._authenticate(headers, spec.security(method, template))
        body = self._parse(method, template, headers, raw)
        return self._dispatch(method, route, params, body)

    def _dispatch(self, method: str, route: str, params: dict[str, str], body: Any) -> Any:
        """Schema check, poison, business rule: shared by single requests and batch items."""
        template = spec.PREFIX + route
        issues = spec.validate_request(method, template, body)
        if issues:
            first = issues[0]
            names = ", ".join(issue.path for issue in issues if issue.missing == first.missing)
            if first.missing:
                raise SandboxError(3000, f"missing required field(s): {names}")
            raise SandboxError(3016, f"invalid payload: {first.message}")
        is_order = (method, route) == (endpoints.TRACK_ORDER.method, endpoints.TRACK_ORDER.path)
        order_id = body.get("orderId") if is_order else None
        customer_id = params.get("customerId") or (body.get("customerId") if isinstance(body, dict) else None)
        self.faults.check_poison(order_id, customer_id)
        return self._routes[(method, route)](params, body)

    def _authenticate(self, headers: Mapping[str, str], required: frozenset[str]) -> None:
        # Header names are case-insensitive (API.md section 1); the mapping given must be too.
        api_key, secret_key = headers.get("apikey"), headers.get("secretkey")
        if not api_key or not hmac.compare_digest(api_key.encode(), self.keys.api_key.encode()):
            raise SandboxError(1000, "Unauthorized: missing or wrong APIKey")
        if "secretKey" in required:
            if not secret_key:
                raise SandboxError(1001, "Secret Key Required")
            if not hmac.compare_digest(secret_key.encode(), self.keys.secret_key.encode()):
                raise SandboxError(1000, "Unauthorized: wrong SecretKey")

    @staticmethod
    def _parse(method: str, template: str, headers: Mapping[str, str], raw: bytes) -> Any:
        if spec.request_schema(method, template) is None:
            return {}
        if not raw.strip():
            raise SandboxError(3000, "a JSON request body is required")
        content_type = headers.get("content-type") or ""
        if "json" not in content_type.lower():
            raise SandboxError(3002, f"Content-Type must be application/json, got {content_type!r}")
        try:
            return loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise SandboxError(3016, "the request body is not valid JSON") from None

    def _submit_batch(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        if "body" not in body:
            raise SandboxError(3000, "missing required field(s): body")
        if kind == ORDERS and not self.full_batch_items:
            # The spec's batch item has four fields and says nothing of others: the strict reading is that
            # Gameball refuses them rather than drop them silently (README, assumptions).
            for index, item in enumerate(body["body"]):
                extra = sorted(set(item) - BATCH_ORDER_FIELDS) if isinstance(item, dict) else []
                if extra:
                    raise SandboxError(3016, f"invalid payload: body[{index}].{extra[0]} is not a field of a "
                                             "batch order item (customerId, orderId, orderDate, totalPaid)")
        return {"jobId": self.jobs.submit(kind, body["body"])}

    def _batch_item(self, kind: str, item: Any) -> dict[str, Any]:
        order_id = item.get("orderId") if isinstance(item, dict) else item
        try:
            if kind == ORDERS:
                response = self._dispatch(endpoints.TRACK_ORDER.method, endpoints.TRACK_ORDER.path, {}, item)
                return {"orderId": order_id, "status": "success", "response": response}
            transactions = self.state.order_transactions(item)
            return {"orderId": order_id, "status": "success", **transactions}
        except SandboxError as error:
            return {"orderId": order_id, "status": "failed", "error": error.envelope(new_request_id())}
        except Exception:
            logger.exception("sandbox failed on a batch item")
            failure = SandboxError(5000, "the sandbox failed on this item; see its log")
            return {"orderId": order_id, "status": "failed", "error": failure.envelope(new_request_id())}
