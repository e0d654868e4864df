"""The Gameball v4.0 HTTP client: one method per endpoint a POS needs, synchronous httpx.

It is used from the sync worker thread only. Long-term retry is not its job (that is the outbox's):
each call makes one attempt and either returns a typed model or raises a classified GameballError.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx

from pos_app import __version__
from pos_app.domain import endpoints, wire
from pos_app.domain.address import validate_api_base
from pos_app.domain.requests import (
    CouponBurnRequest,
    CouponValidateRequest,
    CustomerRequest,
    HoldRequest,
    OtpRequest,
)
from pos_app.gameball import models, network
from pos_app.gameball.deadline import deadline
from pos_app.gameball.errors import GameballError, Operation, Outcome, classify

log = logging.getLogger(__name__)


Body = Mapping[str, Any] | bytes
T = TypeVar("T")


@dataclass(frozen=True)
class Timeouts:
    """Seconds. `total` bounds the whole request, however slowly the server sends."""

    connect: float = 5.0
    read: float = 10.0
    total: float = 20.0


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _body_bytes(body: Body | CustomerRequest | HoldRequest | OtpRequest | CouponValidateRequest
                | CouponBurnRequest) -> bytes:
    if isinstance(body, bytes):
        return body
    if hasattr(body, "to_body"):
        body = body.to_body()
    return wire.dumps(body)


class GameballClient:
    """One attempt per call; raises GameballError classed done/retry/pause/failed on any failure."""

    def __init__(
        self,
        api_base: str,
        api_key: str,
        secret_key: str | None = None,
        *,
        timeouts: Timeouts = Timeouts(),
        lang: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.api_base = validate_api_base(api_base)
        self._api_key = api_key
        self._secret_key = secret_key
        self.timeouts = timeouts
        self._lang = lang
        # When Gameball last answered anything (epoch seconds): "online" means it answered, not that we idled.
        self.last_answer_at: float | None = None
        # Fleet pacing hooks (sync/link.py Limiters.attach): `pacer(method, path)` runs before a request goes
        # out and may raise GameballError; `on_answer(method, path, status, retry_after)` hears every answer.
        self.pacer: Callable[[str, str], None] | None = None
        self.on_answer: Callable[[str, str, int, float | None], None] | None = None
        if transport is None:
            transport, proxy = network.transport(self.api_base)
            if proxy:
                log.info("Gameball through proxy %s", network.without_credentials(proxy))
        self._http = httpx.Client(
            base_url=self.api_base + endpoints.PREFIX,
            transport=transport,
            timeout=httpx.Timeout(connect=timeouts.connect, read=timeouts.read, write=timeouts.read,
                                  pool=timeouts.connect),
            headers={"User-Agent": f"pos-app/{__version__}", "Accept": "application/json"},
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"GameballClient(api_base={self.api_base!r}, secret_key={'set' if self._secret_key else 'unset'})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> GameballClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ------------------------------------------------------------------------------

    def _headers(self, secret: bool, has_body: bool) -> dict[str, str]:
        headers = {"APIKey": self._api_key}
        if secret:
            if not self._secret_key:
                raise GameballError("the secret key is not configured", outcome=Outcome.PAUSE, code=1001)
            headers["SecretKey"] = self._secret_key
        if has_body:
            headers["Content-Type"] = "application/json"
        if self._lang:
            headers["lang"] = self._lang
        return headers

    def _call(
        self,
        row: endpoints.Endpoint,
        *,
        body: bytes | None = None,
        operation: Operation = Operation.OTHER,
        query: Mapping[str, str] | None = None,
        **path_params: str,
    ) -> Any:
        method, path = row.method, row.url(**path_params)
        endpoint = f"{method} {path}"
        headers = self._headers(row.secret, body is not None)
        if self.pacer is not None:
            self.pacer(method, path)
        started = time.monotonic()
        try:
            with deadline(self.timeouts.total):
                response = self._http.request(method, path, content=body, headers=headers, params=query)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol,
                httpx.ProxyError) as exc:
            reason = network.cause(exc)
            log.info("%s not sent: %s", endpoint, reason)
            raise GameballError(f"not sent: {reason}", outcome=Outcome.RETRY,
                                maybe_applied=False, endpoint=endpoint) from None
        except httpx.TransportError as exc:
            # Timeouts, resets and early closes after the request went out: it may have been applied.
            log.info("%s outcome unknown after %.0f ms: %s", endpoint, (time.monotonic() - started) * 1000,
                     network.cause(exc))
            raise GameballError(f"no answer: {type(exc).__name__}", outcome=Outcome.RETRY,
                                maybe_applied=True, endpoint=endpoint) from None
        elapsed_ms = (time.monotonic() - started) * 1000
        self.last_answer_at = time.time()
        log.debug("%s -> %s in %.0f ms", endpoint, response.status_code, elapsed_ms)
        if self.on_answer is not None:
            self.on_answer(method, path, response.status_code, _retry_after(response.headers.get("Retry-After")))
        if response.is_success:
            if not response.content:
                return {}
            try:
                return wire.loads(response.content)
            except ValueError:
                # Gameball answered 2xx, so the call was applied, but we cannot read what it said.
                raise GameballError("unreadable 2xx answer", outcome=Outcome.RETRY, status=response.status_code,
                                    maybe_applied=True, endpoint=endpoint) from None
        raise self._error(response, endpoint, operation)

    @staticmethod
    def _error(response: httpx.Response, endpoint: str, operation: Operation) -> GameballError:
        envelope: Mapping[str, Any] = {}
        try:
            parsed = wire.loads(response.content) if response.content else {}
            if isinstance(parsed, Mapping):
                envelope = parsed
        except ValueError:
            pass
        raw_code = envelope.get("code")
        code = int(raw_code) if isinstance(raw_code, (int, str)) and str(raw_code).isdigit() else None
        status = response.status_code
        message = str(envelope.get("message") or response.reason_phrase or "error")
        return GameballError(
            message,
            outcome=classify(status, code, operation),
            status=status,
            code=code,
            error_type=envelope.get("type"),
            request_id=envelope.get("requestId") or response.headers.get("x-request-id"),
            # A 5xx may come after Gameball applied the request; a 4xx means it was refused.
            maybe_applied=status >= 500,
            retry_after=_retry_after(response.headers.get("Retry-After")),
            endpoint=endpoint,
        )

    # --- orders --------------------------------------------------------------------------------

    def cashback_preview(self, basket: Body) -> models.CashbackPreview:
        """POST /orders/cashback with `PreviewBasket.gameball_body()`."""
        return models.CashbackPreview.from_json(self._call(endpoints.CASHBACK_PREVIEW, body=_body_bytes(basket)))

    def reward_preview(self, basket: Body) -> models.RewardPreview:
        """POST /orders/reward-preview: cashback plus the campaigns this basket advances."""
        return models.RewardPreview.from_json(self._call(endpoints.REWARD_PREVIEW, body=_body_bytes(basket)))

    def track_order(self, order: Body) -> models.OrderResult:
        """POST /orders. Pass the frozen bytes from the outbox so every try sends the same body."""
        data = self._call(endpoints.TRACK_ORDER, body=_body_bytes(order), operation=Operation.ORDER)
        return models.OrderResult.from_json(data)

    def order_transactions(self, order_id: str) -> models.OrderTransactions:
        data = self._call(endpoints.ORDER_TRANSACTIONS, orderId=order_id)
        return models.OrderTransactions.from_json(data)

    # --- customers -----------------------------------------------------------------------------

    def upsert_customer(self, customer: CustomerRequest | Body) -> models.CustomerCreated:
        return models.CustomerCreated.from_json(self._call(endpoints.UPSERT_CUSTOMER, body=_body_bytes(customer)))

    def get_customer(self, customer_id: str) -> models.Customer:
        return models.Customer.from_json(self._call(endpoints.GET_CUSTOMER, customerId=customer_id))

    def get_balance(self, customer_id: str) -> models.Balance:
        return models.Balance.from_json(self._call(endpoints.GET_BALANCE, customerId=customer_id))

    def customer_details(self, customer_id: str) -> models.CustomerDetails:
        """The customer with personal data (the name): needs the secret key."""
        return models.CustomerDetails.from_json(self._call(endpoints.CUSTOMER_DETAILS, customerId=customer_id))

    def tier_progress(self, customer_id: str) -> models.TierProgress:
        return models.TierProgress.from_json(self._call(endpoints.TIER_PROGRESS, customerId=customer_id))

    def reward_campaigns_progress(self, customer_id: str) -> models.RewardCampaignsProgress:
        data = self._call(endpoints.REWARD_CAMPAIGNS_PROGRESS, customerId=customer_id)
        return models.RewardCampaignsProgress.from_json(data)

    # --- coupons and redemption proof ----------------------------------------------------------

    def validate_coupons(self, request: CouponValidateRequest | Body) -> models.CouponValidation:
        data = self._call(endpoints.VALIDATE_COUPONS, body=_body_bytes(request))
        return models.CouponValidation.from_json(data)

    def burn_coupons(self, request: CouponBurnRequest | Body) -> models.CouponsBurned:
        return models.CouponsBurned.from_json(self._call(endpoints.BURN_COUPONS, body=_body_bytes(request)))

    def release_coupons(self, lock_reference: str) -> models.CouponsReleased:
        data = self._call(endpoints.RELEASE_COUPONS, lockReference=lock_reference)
        return models.CouponsReleased.from_json(data)

    def send_otp(self, request: OtpRequest | Body) -> models.OtpSent:
        """Gameball texts the customer a one-time code for this redemption."""
        return models.OtpSent.from_json(self._call(endpoints.SEND_OTP, body=_body_bytes(request)))

    # --- holds and refunds ---------------------------------------------------------------------

    def hold_points(self, hold: HoldRequest | Body) -> models.Hold:
        return models.Hold.from_json(self._call(endpoints.HOLD_POINTS, body=_body_bytes(hold)))

    def get_hold(self, hold_reference: str) -> models.Hold:
        return models.Hold.from_json(self._call(endpoints.GET_HOLD, holdReferenceId=hold_reference))

    def release_hold(self, hold_reference: str) -> models.HoldReleased:
        return models.HoldReleased.from_json(self._call(endpoints.RELEASE_HOLD, holdReferenceId=hold_reference))

    def refund(self, refund: Body) -> models.RefundResult:
        """POST /transactions/refund with the frozen bytes of `Refund.gameball_body()`."""
        data = self._call(endpoints.REFUND, body=_body_bytes(refund), operation=Operation.REFUND)
        return models.RefundResult.from_json(data)

    def redeem(self, body: Body) -> models.RedeemResult:
        """POST /transactions/redeem: a direct debit of points, e.g. for a sale whose hold expired before the
        order reached Gameball. Pass the frozen bytes so every try sends the same body."""
        return models.RedeemResult.from_json(self._call(endpoints.REDEEM, body=_body_bytes(body)))

    # --- configuration -------------------------------------------------------------------------

    def cashback_configuration(self) -> models.CashbackConfiguration:
        return models.CashbackConfiguration.from_json(self._call(endpoints.CASHBACK_CONFIGURATION))

    def redemption_configuration(self) -> models.RedemptionConfiguration:
        return models.RedemptionConfiguration.from_json(self._call(endpoints.REDEMPTION_CONFIGURATION))

    def redemption_rules(self, customer_id: str | None = None) -> models.RedemptionRules:
        """The account's redemption rules (by `ruleId`), those matching the customer when one is named."""
        query = {"customerId": customer_id} if customer_id else None
        return models.RedemptionRules.from_json(self._call(endpoints.REDEMPTION_RULES, query=query))

    def cashback_tier_rules(self) -> models.CashbackTierRules:
        return models.CashbackTierRules.from_json(self._call(endpoints.CASHBACK_TIER_RULES))

    def tiers_configuration(self) -> models.TiersConfiguration:
        return models.TiersConfiguration.from_json(self._call(endpoints.TIERS_CONFIGURATION))

    def reward_campaigns_configuration(self) -> models.RewardCampaigns:
        return models.RewardCampaigns.from_json(self._call(endpoints.REWARD_CAMPAIGNS_CONFIGURATION))

    # --- batches -------------------------------------------------------------------------------

    def batch_orders(self, orders: Sequence[Body]) -> models.BatchJob:
        """POST /batch/orders; each item is byte-for-byte the body a single POST /orders would send."""
        body = b'{"body":[' + b",".join(_body_bytes(order) for order in orders) + b"]}"
        return models.BatchJob.from_json(self._call(endpoints.BATCH_ORDERS, body=body, operation=Operation.BATCH))

    def batch_order_transactions(self, order_ids: Sequence[str]) -> models.BatchJob:
        data = self._call(endpoints.BATCH_ORDER_TRANSACTIONS, body=wire.dumps({"body": list(order_ids)}),
                          operation=Operation.BATCH)
        return models.BatchJob.from_json(data)

    def batch_status(self, batch_id: str) -> models.BatchStatus:
        data = self._call(endpoints.BATCH_STATUS, operation=Operation.BATCH, batchId=batch_id)
        return models.BatchStatus.from_json(data)
