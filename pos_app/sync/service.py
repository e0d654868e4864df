"""The till's services: what the bridge (and later the window) asks of the plugin.

Every method may run on any thread except the Qt main thread: each thread gets its own store
connection. Accepting is a local, durable write that never waits on the network (rule 1, rule 4);
the sync engine is woken to send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pos_app import __version__
from pos_app.config.settings import Settings
from pos_app.domain import wire
from pos_app.domain.basket import till_prefix
from pos_app.domain.cashback import CashbackRules, compute_cashback
from pos_app.domain.errors import OrderConflict, RefundConflict, UnknownOrder, ValidationError
from pos_app.domain.merchant import Branch, Merchant
from pos_app.domain.order import Order, PreviewBasket
from pos_app.domain.refund import Refund
from pos_app.domain.returns import ReturnableOrder, amount_for_lines
from pos_app.domain.timeutil import to_iso_z
from pos_app.gameball.client import GameballClient, Timeouts
from pos_app.gameball.errors import GameballError
from pos_app.store import errors as store_errors
from pos_app.store import health
from pos_app.store.per_thread import PerThreadStore
from pos_app.store.store import Store
from pos_app.sync.engine import CASHBACK_CONFIGURATION, SyncEngine

log = logging.getLogger(__name__)

BASKET_EVENT = "basket"
ORDER_EVENT = "order"

# The till shows the estimate at once; a live figure later than this is not worth holding the answer for.
LIVE_PREVIEW_TIMEOUT = Timeouts(connect=0.5, read=1.0, total=1.5)


def merchant_of(settings: Settings) -> Merchant | None:
    if not settings.merchant_id:
        return None
    branch = Branch(settings.branch_id, settings.branch_name or None) if settings.branch_id else None
    return Merchant(settings.merchant_id, settings.merchant_name or None, branch)


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

    def status(self) -> dict[str, Any]:
        try:
            pending, failed = self._store().pending_count(), self._store().failed_count()
        except Exception as error:
            state = health.state_of(error)
            if state is None:
                raise
            self.engine.report_storage(state)  # the engine's last counts; the storage state says why
            pending, failed = self.engine.status.pending, self.engine.status.failed
        engine = self.engine.status
        return {
            "online": engine.online, "pending": pending, "failed": failed,
            "lastSyncAt": _iso(engine.last_sync_at), "version": __version__,
            "paused": engine.pause_reason.value or None, "message": engine.message or None,
            "storage": engine.storage.value,
        }

    def estimate(self, basket: PreviewBasket | Order) -> dict[str, Any]:
        """Points from the cached cashback rules: instant, works offline."""
        cached = self._store().get_cache(CASHBACK_CONFIGURATION)
        rules = CashbackRules.from_configuration(cached.value) if cached and isinstance(cached.value, dict) \
            else CashbackRules()
        result = compute_cashback(rules, basket.body)
        lines = [{"productId": line.product_id, "quantity": line.quantity, "points": line.points}
                 for line in result.lines]
        return {"points": result.total_points, "source": "estimate", "lineItems": lines}

    def preview(self, basket: PreviewBasket) -> dict[str, Any]:
        self._notify(BASKET_EVENT, basket)
        return self.live_preview(basket)

    def live_preview(self, basket: PreviewBasket) -> dict[str, Any]:
        """The preview without telling listeners: the till window's own baskets are not the host's."""
        estimate = self.estimate(basket)
        if self._preview_client is None or not self.engine.status.online:
            return wire.plain(estimate)
        try:
            live = self._preview_client.cashback_preview(basket.gameball_body(merchant_of(self.settings)))
        except GameballError as error:
            log.info("live preview unavailable, estimate shown: %s", error)
            return wire.plain(estimate)
        lines = [{"productId": line.product_id, "quantity": line.quantity, "points": line.total_points,
                  "campaignName": line.campaign_name} for line in live.line_items]
        return wire.plain({"points": live.total_points, "source": "live", "lineItems": lines})

    def accept_order(self, order: Order, expected_points: int | None = None) -> tuple[str, str, bool]:
        """`expected_points`: what the till showed for this sale (live or tier-aware); else the estimate."""
        body = order.gameball_body(merchant_of(self.settings))
        mobile, email = body.get("mobile"), body.get("email")
        try:
            with self.engine.storage_guard():
                accepted = self._store().accept_order(
                    order.order_id, wire.dumps(body), order.customer_id, to_iso_z(order.order_date), order.total_paid,
                    order.currency, mobile=mobile, email=email,
                    expected_points=expected_points if expected_points is not None else self.estimate(order)["points"],
                    hold_reference=order.hold_reference,
                    fingerprint=order.fingerprint,
                    lines=order.line_items,
                )
        except store_errors.OrderConflict:
            raise OrderConflict(f"order {order.order_id} was already accepted with a different body") from None
        if accepted.created:
            self.engine.wake()
            self._notify(ORDER_EVENT, order)
        return accepted.order_id, accepted.state.value, accepted.created

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

    def get_order(self, order_id: str) -> dict[str, Any] | None:
        record = self._store().get_order(order_id)
        if record is None:
            return None
        return wire.plain({
            "orderId": record.order_id, "state": record.state.value, "rewardedPoints": record.rewarded_points,
            "redeemedPoints": record.redeemed_points, "expectedPoints": record.expected_points,
            "transactions": [{
                "gameballTransactionId": tx.gameball_transaction_id, "transactionType": tx.transaction_type,
                "amount": tx.amount, "equivalentPoints": tx.equivalent_points,
                "transactionDate": tx.transaction_date, "transactionId": tx.transaction_id,
            } for tx in record.transactions],
            "refunds": [{"refundTransactionId": r.refund_id, "state": r.state.value, "refundAmount": r.refund_amount}
                        for r in record.refunds],
        })

    def slip(self, order_id: str) -> str | None:
        record = self._store().get_order(order_id)
        if record is None:
            return None
        lines = [f"Order {record.order_id}", f"Paid {record.total_paid} {record.currency}"]
        if record.rewarded_points is not None:
            lines.append(f"Points earned: {record.rewarded_points}")
        else:
            lines.append(f"Points: pending sync (expected {record.expected_points or 0})")
        if record.redeemed_points:
            lines.append(f"Points redeemed: {record.redeemed_points}")
        balance = self.new_balance(record.customer_id, record.delivered_at)
        if balance is not None:
            lines.append(f"New balance: {balance}")
        return "\n".join(lines) + "\n"

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


def _iso(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")
