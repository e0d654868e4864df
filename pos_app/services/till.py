"""The till's services: what the bridge and the till window ask of the plugin.

Every method may run on any thread except the Qt main thread: each thread gets its own store
connection. Accepting is a local, durable write that never waits on the network (rule 1, rule 4);
the sync engine is woken to send.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_app import __version__
from pos_app.config.settings import Settings
from pos_app.domain import wire
from pos_app.domain.basket import Basket, new_order_id, till_prefix
from pos_app.domain.cashback import compute_cashback
from pos_app.domain.errors import OrderConflict, RefundConflict, UnknownOrder, ValidationError
from pos_app.domain.merchant import Branch, Merchant
from pos_app.domain.money import max_amount
from pos_app.domain.order import Order, PreviewBasket, validate_order
from pos_app.domain.refund import Refund
from pos_app.domain.returns import ReturnableOrder, amount_for_lines
from pos_app.domain.timeutil import to_iso_z
from pos_app.gameball.client import GameballClient, Timeouts
from pos_app.gameball.errors import GameballError
from pos_app.services.estimate import PreviewSource as PreviewSource
from pos_app.services.estimate import cached_rules, cached_tier, estimate_source
from pos_app.store import errors as store_errors
from pos_app.store import health
from pos_app.store.per_thread import PerThreadStore
from pos_app.store.records import OrderRecord, State
from pos_app.store.store import Store
from pos_app.sync.engine import SyncEngine

# The engine's state as the till window shows it; re-exported so front ends never import the engine.
from pos_app.sync.status import EngineStatus as EngineStatus
from pos_app.sync.status import PauseReason as PauseReason

log = logging.getLogger(__name__)

BASKET_EVENT = "basket"
ORDER_EVENT = "order"

# The till shows the estimate at once; a live figure later than this is not worth holding the answer for.
LIVE_PREVIEW_TIMEOUT = Timeouts(connect=0.5, read=1.0, total=1.5)


@dataclass(frozen=True)
class PreviewLine:
    product_id: str
    quantity: Decimal
    points: int
    campaign_name: str | None = None  # live only: the campaign Gameball credits for this line


@dataclass(frozen=True)
class PreviewResult:
    """The points a basket would earn, one line per basket line."""

    points: int
    source: PreviewSource
    lines: tuple[PreviewLine, ...]


@dataclass(frozen=True)
class TerminalStatus:
    online: bool
    pending: int
    failed: int
    last_sync_at: float | None  # epoch seconds
    version: str
    paused: str | None  # why the queue is paused (a PauseReason value), None when it is not
    message: str | None
    storage: str = "ok"  # the local database's state (a StorageState value)
    needs_review: int = 0  # items a manager must decide (State.REVIEW)
    shortfalls: int = 0  # sales whose discount was given but whose points could not be taken


@dataclass(frozen=True)
class TransactionView:
    gameball_transaction_id: str | None
    transaction_type: str | None
    amount: Decimal | None
    equivalent_points: int | None
    transaction_date: str | None
    transaction_id: str | None


@dataclass(frozen=True)
class RefundView:
    refund_id: str
    state: str
    refund_amount: Decimal | None


@dataclass(frozen=True)
class OrderView:
    """An accepted order as the host POS may ask for it: where it is, and what Gameball made of it."""

    order_id: str
    state: str
    rewarded_points: int | None
    redeemed_points: int | None
    expected_points: int | None
    transactions: tuple[TransactionView, ...]
    refunds: tuple[RefundView, ...]


@dataclass(frozen=True)
class Slip:
    """The loyalty slip's facts for one accepted order: the bridge prints them for the host POS, the till window
    shows them (each in its own words)."""

    order_id: str
    customer_id: str
    total_paid: Decimal
    currency: str
    state: State
    rewarded_points: int | None  # None until Gameball has the order
    expected_points: int | None
    redeemed_points: int
    new_balance: int | None  # available points known after delivery, else None
    # Name and tier as known at pay (the short-lived profile; never read back from the order).
    customer_name: str | None = None
    tier: str | None = None

    @classmethod
    def of(cls, record: OrderRecord, *, held_points: int = 0, new_balance: int | None = None,
           customer_name: str | None = None, tier: str | None = None) -> Slip:
        """`held_points`: what the sale's hold redeems, shown until Gameball reports the redemption."""
        redeemed = record.redeemed_points if record.redeemed_points is not None else held_points
        return cls(record.order_id, record.customer_id, record.total_paid, record.currency, record.state,
                   record.rewarded_points, record.expected_points, redeemed, new_balance, customer_name, tier)


def merchant_of(settings: Settings) -> Merchant | None:
    if not settings.merchant_id:
        return None
    branch = Branch(settings.branch_id, settings.branch_name or None) if settings.branch_id else None
    return Merchant(settings.merchant_id, settings.merchant_name or None, branch)


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


class TillService:
    def __init__(
        self,
        store_factory: Callable[[], Store],
        settings: Settings,
        engine: SyncEngine,
        preview_client_factory: Callable[[Timeouts], GameballClient | None],
    ) -> None:
        self._stores = PerThreadStore(store_factory)
        self.settings = settings
        self.engine = engine
        self._preview_client = preview_client_factory(LIVE_PREVIEW_TIMEOUT)
        self._listeners: list[Callable[[str, object], None]] = []
        self._order_id_prefix: str | None = None

    def max_amount(self) -> Decimal:
        """The largest sale this till takes: the store's max_amount setting, or the currency's nine digits."""
        setting = self.settings.max_amount
        return max_amount(self.settings.currency, Decimal(setting) if setting else None)

    def order_id_prefix(self) -> str:
        """What every orderId this till makes starts with (domain.basket.till_prefix); read once."""
        if self._order_id_prefix is None:
            self._order_id_prefix = till_prefix(self.settings.branch_id, self.settings.terminal_id,
                                                self._store().install_id())
        return self._order_id_prefix

    def _store(self) -> Store:
        return self._stores.get()

    def close(self) -> None:
        if self._preview_client is not None:
            self._preview_client.close()

    # --- listeners (the till window shows what the host POS sends through the bridge) -------------

    def add_listener(self, listener: Callable[[str, object], None]) -> None:
        """Call `listener(event, payload)` for BASKET_EVENT (a PreviewBasket) and ORDER_EVENT (an accepted
        Order), on whichever thread made the call; it must return at once (a Qt signal emit does)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[str, object], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, event: str, payload: object) -> None:
        for listener in list(self._listeners):
            try:
                listener(event, payload)
            except Exception:  # a broken window must not fail the host's request
                log.exception("till listener failed on %s", event)

    # --- BridgeService -------------------------------------------------------------------------

    def currency(self) -> str:
        return self.settings.currency

    def status(self) -> TerminalStatus:
        try:
            store = self._store()
            pending, failed, review = store.pending_count(), store.failed_count(), store.review_count()
            shortfalls = store.shortfall_count()
        except Exception as error:
            state = health.state_of(error)
            if state is None:
                raise
            self.engine.report_storage(state)  # the engine's last counts; the storage state says why
            last = self.engine.status
            pending, failed, review, shortfalls = last.pending, last.failed, last.needs_review, last.shortfalls
        engine = self.engine.status
        return TerminalStatus(engine.online, pending, failed, engine.last_sync_at, __version__,
                              engine.pause_reason.value or None, engine.message or None, engine.storage.value,
                              review, shortfalls)

    def estimate(self, basket: PreviewBasket | Order) -> PreviewResult:
        """Points from the cached cashback rules (services.estimate): instant, works offline."""
        store = self._store()
        rules, tier = cached_rules(store), cached_tier(store, basket.customer_id)
        result = compute_cashback(rules, basket.body, tier)
        lines = tuple(PreviewLine(line.product_id, line.quantity, line.points) for line in result.lines)
        return PreviewResult(result.total_points, estimate_source(rules, tier), lines)

    def preview(self, basket: PreviewBasket) -> PreviewResult:
        self._notify(BASKET_EVENT, basket)
        return self.live_preview(basket)

    def live_preview(self, basket: PreviewBasket) -> PreviewResult:
        """The preview without telling listeners: the till window's own baskets are not the host's."""
        estimate = self.estimate(basket)
        if self._preview_client is None or not self.engine.status.online:
            return estimate
        try:
            live = self._preview_client.cashback_preview(basket.gameball_body(merchant_of(self.settings)))
        except GameballError as error:
            log.info("live preview unavailable, estimate shown: %s", error)
            return estimate
        lines = tuple(PreviewLine(line.product_id, line.quantity, line.total_points, line.campaign_name)
                      for line in live.line_items)
        return PreviewResult(live.total_points, PreviewSource.LIVE, lines)

    def accept_order(self, order: Order, expected_points: int | None = None) -> tuple[str, str, bool]:
        """`expected_points`: what the till showed for this sale (live or tier-aware); else the estimate."""
        limit = self.max_amount()
        for field, value in (("totalPaid", order.total_paid), ("totalPrice", order.total_price)):
            if value is not None and value > limit:
                raise ValidationError(field, f"must be at most {limit:,} {order.currency}, the most this till takes "
                                             "(setting max_amount)")
        body = order.gameball_body(merchant_of(self.settings))
        mobile, email = body.get("mobile"), body.get("email")
        try:
            with self.engine.storage_guard():
                accepted = self._store().accept_order(
                    order.order_id, wire.dumps(body), order.customer_id, to_iso_z(order.order_date), order.total_paid,
                    order.currency, mobile=mobile, email=email,
                    expected_points=expected_points if expected_points is not None else self.estimate(order).points,
                    hold_reference=order.hold_reference,
                    fingerprint=order.fingerprint,
                    lines=order.line_items,
                    coupon_lock=order.coupon_lock,
                )
        except store_errors.OrderConflict:
            raise OrderConflict(f"order {order.order_id} was already accepted with a different body") from None
        if accepted.created:
            self.engine.wake()
            self._notify(ORDER_EVENT, order)
        return accepted.order_id, accepted.state.value, accepted.created

    def new_order_id(self, now: datetime) -> str:
        """A fresh orderId for a sale at this till (no I/O: the window knows it before the sale is saved)."""
        return new_order_id(self.order_id_prefix(), now, secrets.token_hex(3))

    def pay(self, basket: Basket, order_id: str, customer_id: str, mobile: str | None, now: datetime,
            expected_points: int | None = None) -> tuple[str, str, bool]:
        """The till window's sale, paid at `now`: its Gameball order built, validated and accepted durably."""
        body = basket.order_body(order_id, customer_id, now, mobile)
        return self.accept_order(validate_order(body, now=now, currency=self.settings.currency), expected_points)

    def accept_refund(self, refund: Refund) -> tuple[str, str, bool]:
        store = self._store()
        order = store.get_order(refund.order_id)
        if order is None:
            raise UnknownOrder(refund.order_id)
        body = refund.gameball_body(order.customer_id, refund.received_at, merchant_of(self.settings))
        amount = refund.refund_amount
        remaining = store.refundable(refund.order_id)
        if amount is None and refund.line_items and remaining:
            # Without an amount Gameball refunds the whole order: price the lines as the window does.
            returnable = ReturnableOrder(order.order_id, order.currency, order.total_paid, remaining, 0, 0, order.lines)
            amount = amount_for_lines(returnable, [(line.product_id, line.quantity) for line in refund.line_items])
            if amount is not None:
                body["refundAmount"] = amount
        if amount is None and order.refunds and remaining:
            # "Refund the rest" after partial refunds: say how much, so Gameball reverses only what is left.
            amount = body["refundAmount"] = remaining
        try:
            with self.engine.storage_guard():
                accepted = store.accept_refund(refund.refund_id, refund.order_id, wire.dumps(body), amount,
                                               fingerprint=refund.fingerprint, lines=refund.line_items)
        except store_errors.RefundTooLarge as error:
            raise ValidationError("refundAmount", f"more than the {error.remaining} {order.currency} left to refund "
                                  f"on order {refund.order_id}") from None
        except store_errors.ReturnTooLarge as error:
            raise ValidationError("lineItems", f"only {error.left} of {error.product_id} left to return "
                                  f"on order {refund.order_id}") from None
        except store_errors.RefundConflict:
            raise RefundConflict(f"refund {refund.refund_id} was already accepted with a different body") from None
        except store_errors.UnknownOrder:
            raise UnknownOrder(refund.order_id) from None
        if accepted.created:
            self.engine.wake()
        return accepted.refund_id, accepted.state.value, accepted.created

    def get_order(self, order_id: str) -> OrderView | None:
        record = self._store().get_order(order_id)
        if record is None:
            return None
        return OrderView(
            record.order_id, record.state.value, record.rewarded_points, record.redeemed_points,
            record.expected_points,
            tuple(TransactionView(tx.gameball_transaction_id, tx.transaction_type, tx.amount, tx.equivalent_points,
                                  tx.transaction_date, tx.transaction_id) for tx in record.transactions),
            tuple(RefundView(r.refund_id, r.state.value, r.refund_amount) for r in record.refunds),
        )

    def slip(self, order_id: str) -> Slip | None:
        record = self._store().get_order(order_id)
        if record is None:
            return None
        # Name and tier only while the short-lived customer cache holds them (DESIGN rule 7): never from the order.
        cached = self._store().get_customer_profile(record.customer_id)
        profile = cached.value if cached is not None and isinstance(cached.value, dict) else {}
        return Slip.of(record, new_balance=self.new_balance(record.customer_id, record.delivered_at),
                       customer_name=_text_or_none(profile.get("name")), tier=_text_or_none(profile.get("tier")))

    def new_balance(self, customer_id: str, delivered_at: float | None) -> int | None:
        """Available points from a balance fetched after the order was delivered (the till looks it up
        for the slip), or None when no such figure is known."""
        if delivered_at is None:
            return None
        cached = self._store().get_balance(customer_id)
        if cached is None or cached.fetched_at < delivered_at or not isinstance(cached.value, dict):
            return None
        points = cached.value.get("availablePointsBalance")
        return int(points) if isinstance(points, (int, Decimal)) and not isinstance(points, bool) else None

