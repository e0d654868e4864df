"""The sale in progress: basket, customer, preview, redemption, pay and the slip that follows.

The controller holds the state the widgets draw and sends every service call through the Worker;
it never waits. Rules it keeps (DESIGN.md section 3):

* The local estimate is computed at once from the cached cashback rules (pure domain code, in memory)
  whenever the basket or the customer changes; the live figure replaces it when Gameball answers.
  Each change bumps a generation counter, and an answer for an older generation is dropped.
* Redemption takes a live hold; offline it is refused. The hold is released when the sale is
  cancelled, the redemption removed or the customer changed, and it is recorded in the store by the
  service, so a hold left over by a crash is released on the next start.
* Pay commits the order through TillService.accept_order (durable) before the slip is shown.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal

from pos_app.domain.basket import Basket, BasketLine, Redemption, new_order_id
from pos_app.domain.cashback import CashbackRules, compute_cashback
from pos_app.domain.customer_id import Identification, Source, identify, is_gtin, split_qr
from pos_app.domain.errors import ValidationError
from pos_app.domain.money import max_amount, minor_units, quantize
from pos_app.domain.order import Order, PreviewBasket, validate_order, validate_preview
from pos_app.domain.redemption import RedemptionRules
from pos_app.domain.storage import StorageState, StorageUnavailable
from pos_app.domain.timeutil import utc_now
from pos_app.store.records import OrderRecord, State
from pos_app.sync.catalogue import CatalogueIndex, Product
from pos_app.sync.customers import CustomerLookup, CustomerServiceError, Offline, Refused
from pos_app.sync.status import EngineStatus
from pos_app.ui.i18n import ltr
from pos_app.ui.services import TillServices
from pos_app.ui.status_bar import Connection, connection_of, is_live, not_live_reason
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

INSUFFICIENT_BALANCE = 9008
LIMIT_EXCEEDED = 3011
# While a slip is open and its order not yet delivered, look at it this often (status changes also do).
SLIP_REFRESH_MS = 1000


class PreviewSource(StrEnum):
    ESTIMATE = "estimate"
    LIVE = "live"


@dataclass(frozen=True)
class LinePoints:
    points: int
    campaign: str | None = None


@dataclass(frozen=True)
class Preview:
    points: int
    source: PreviewSource
    lines: tuple[LinePoints | None, ...]  # one per basket line, None where unknown


@dataclass(frozen=True)
class SlipInfo:
    order_id: str
    customer_id: str
    total_paid: Decimal
    currency: str
    state: State
    rewarded_points: int | None
    expected_points: int | None
    redeemed_points: int
    new_balance: int | None


@dataclass
class _SlipWatch:
    order_id: str
    who: Identification
    held_points: int
    refreshing: bool = False
    balance_asked: bool = False
    new_balance: int | None = None
    info: SlipInfo | None = None
    done: bool = False


@dataclass
class _Generations:
    basket: int = 0  # basket or customer changed: older previews are stale
    customer: int = 0  # a newer identification: older lookups are stale
    sale: int = 0  # a new sale began: holds granted for the old one must be released
    own_orders: set[str] = field(default_factory=set)


class SaleController(QObject):
    basket_changed = Signal()
    customer_changed = Signal()
    preview_changed = Signal()
    status_changed = Signal(object)
    notice = Signal(str, str)  # level ("info", "ok", "warn", "error"), text
    # An error about what was typed or scanned into a field ("customer" or "item"), shown beside that
    # field until the cashier acts; "" clears it.
    field_error = Signal(str, str)
    paid = Signal(str)  # orderId: the order is durable; show its slip
    slip_changed = Signal(object)  # SlipInfo
    # From any thread (engine, bridge) to the GUI thread: Qt queues signals emitted elsewhere.
    _engine_status = Signal(object)
    _till_event = Signal(str, object)

    def __init__(self, services: TillServices, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.currency = services.settings.currency
        self.basket = Basket(self.currency)
        self.who: Identification | None = None
        self.customer: CustomerLookup | None = None
        self.looking_up = False
        self.preview: Preview | None = None
        self.live_pending = False  # Gameball has been asked for the current basket's live figure
        self.rules = CashbackRules()
        self.redemption_rules = RedemptionRules()
        self.catalogue = CatalogueIndex({})
        self.status = services.engine.status
        self.paying = False
        self.holding = False  # a points hold asked of Gameball and not yet answered
        self._pay_after_hold = False  # F12 pressed while holding: pay once the hold is answered
        self._gen = _Generations()
        self._slip: _SlipWatch | None = None
        self._slip_timer = QTimer(self)
        self._slip_timer.setInterval(SLIP_REFRESH_MS)
        self._slip_timer.timeout.connect(self._refresh_slip)
        self._engine_status.connect(self._on_engine_status)
        self._till_event.connect(self._on_till_event)
        # Kept, so the very same callables are removed again at shutdown.
        self._status_listener = self._engine_status.emit
        self._till_listener = self._till_event.emit

    # --- life cycle ----------------------------------------------------------------------------

    def start(self) -> None:
        """Load what the till needs locally and listen to the engine and the bridge."""
        self.services.engine.add_status_listener(self._status_listener)
        self.services.till.add_listener(self._till_listener)
        self._reload_rules()
        self.worker.submit("catalogue", self.services.catalogue.load, self._on_catalogue)
        self._release_leftovers()
        self._on_engine_status(self.services.engine.status)

    def shutdown(self) -> None:
        """Stop listening; the caller then stops the worker (which releases nothing more)."""
        self.services.engine.remove_status_listener(self._status_listener)
        self.services.till.remove_listener(self._till_listener)
        self._slip_timer.stop()
        if self.basket.redemption is not None:
            # Queued before the worker's last call, so the hold goes back even as the window closes.
            reference = self.basket.redemption.hold_reference
            self.worker.submit("release on close", lambda: self.services.customers.release(reference))

    def _reload_rules(self) -> None:
        self.worker.submit("cashback rules", self.services.orders.cashback_rules, self._on_rules)
        self.worker.submit("redemption rules", self.services.customers.redemption_rules, self._on_redemption_rules)

    def _release_leftovers(self) -> None:
        keep = {self.basket.redemption.hold_reference} if self.basket.redemption else set()
        self.worker.submit("leftover holds", lambda: self.services.customers.release_leftover_holds(keep))

    def _on_rules(self, rules: CashbackRules) -> None:
        self.rules = rules
        self._refresh_preview()

    def _on_redemption_rules(self, rules: RedemptionRules) -> None:
        self.redemption_rules = rules

    def _on_catalogue(self, index: CatalogueIndex) -> None:
        self.catalogue = index

    # --- engine status and host events ---------------------------------------------------------

    def _on_engine_status(self, status: EngineStatus) -> None:
        came_online = status.online and not self.status.online
        self.status = status
        self.status_changed.emit(status)
        if came_online:
            self._reload_rules()
            self._release_leftovers()
            self._refresh_preview()
        if self._slip is not None:
            self._refresh_slip()

    def _on_till_event(self, event: str, payload: object) -> None:
        if isinstance(payload, PreviewBasket):
            self.apply_host_basket(payload)
        elif isinstance(payload, Order) and payload.order_id not in self._gen.own_orders:
            self.notice.emit("info", self.tr("The host POS completed order {order}.").format(
                order=ltr(payload.order_id)))
            who = Identification(payload.customer_id, Source.ID, mobile=payload.body.get("mobile"))
            if self.basket.from_host:
                self._new_sale()
            self._watch_slip(payload.order_id, who, 0)

    # --- customer ------------------------------------------------------------------------------

    def identify(self, text: str, *, scanned: bool = False) -> None:
        try:
            who = identify(text, self.services.settings.phone_region, scanned=scanned)
        except ValidationError as error:
            self.field_error.emit("customer", self._validation_text(error))
            return
        self.field_error.emit("customer", "")
        if self.basket.redemption is not None and (self.who is None or who.customer_id != self.who.customer_id):
            self.remove_redemption()
        self._gen.customer += 1
        generation = self._gen.customer
        self.who, self.customer, self.looking_up = who, None, True
        self.customer_changed.emit()
        self.worker.submit("lookup", lambda: self.services.customers.lookup(who), self._on_lookup,
                           self._on_lookup_failed, stale=lambda: generation != self._gen.customer)
        self._refresh_preview()  # the customer's tier changes the live figure

    def scan(self, code: str) -> None:
        """A scanner burst, wherever the focus was: an item or a customer, by what the code is.

        A catalogue code is an item. A code with a GTIN check digit is an item too, unless Gameball
        knows it as a customer's QR code (an EAN-13 has the shape of a short id plus a QR hash). Only
        then is it a phone number, a QR code or a customer id.
        """
        code = code.strip()
        if not code:
            return
        if self.catalogue.find(code) is not None:
            self.add_code(code)
            return
        qr = split_qr(code)
        if is_gtin(code) and qr is not None:
            who = Identification(qr[0], Source.QR, hash=qr[1])
            if not self.status.online:
                self.add_code(code)  # no one to ask: the item reading, which says it is not in the catalogue
                return
            sale = self._gen.sale
            self.worker.submit("scan lookup", lambda: self.services.customers.lookup(who),
                               lambda lookup: self._on_scan_lookup(code, lookup),
                               lambda error: self.add_code(code), stale=lambda: sale != self._gen.sale)
            return
        self.identify(code, scanned=True)

    def _on_scan_lookup(self, code: str, lookup: CustomerLookup) -> None:
        if lookup.found:
            self.identify(code, scanned=True)
        else:
            self.add_code(code)

    def create_customer(self, display_name: str | None = None) -> None:
        who = self.who
        if who is None:
            self.notice.emit("warn", self.tr("Enter the customer's phone number first (F2)."))
            return
        if not self.status.online:
            self.notice.emit("error", self.tr("Creating a customer needs Gameball, and the till is offline. "
                                              "The sale can go on: Gameball adds the customer with the order."))
            return
        generation = self._gen.customer
        self.looking_up = True
        self.customer_changed.emit()
        self.worker.submit("create customer", lambda: self.services.customers.create(who, display_name),
                           self._on_lookup, self._on_lookup_failed, stale=lambda: generation != self._gen.customer)

    def _on_lookup(self, lookup: CustomerLookup) -> None:
        self.customer, self.looking_up = lookup, False
        self.customer_changed.emit()
        if lookup.found is False:
            self.notice.emit("info", self.tr("New customer: press F8 to add them to Gameball, or go on with "
                                             "the sale (the order adds them)."))

    def _on_lookup_failed(self, error: Exception) -> None:
        self.looking_up = False
        self.customer_changed.emit()
        self.field_error.emit("customer", self._error_text(error))

    # --- basket --------------------------------------------------------------------------------

    def add_code(self, code: str) -> bool:
        """A scanned or typed barcode/productId; False (and a notice) if the catalogue has no such item."""
        code = code.strip()
        if not code:
            return False
        product = self.catalogue.find(code)
        if product is None:
            self.field_error.emit("item", self.tr("No product with code {code}. Press F7 for a free line.").format(
                code=ltr(code)))
            return False
        self.add_line(_line_of(product))
        return True

    def add_line(self, line: BasketLine) -> None:
        self._set_basket_within_ceiling(self.basket.add(line))

    def set_quantity(self, row: int, quantity: Decimal) -> None:
        if 0 <= row < len(self.basket.lines):
            self._set_basket_within_ceiling(self.basket.set_quantity(row, quantity))

    def _set_basket_within_ceiling(self, basket: Basket) -> None:
        """The basket, unless its total passes the most the till takes (then a notice, and no change)."""
        limit = max_amount(self.currency)
        if basket.total_price > limit:
            self.field_error.emit("item", self.tr("Not added: the sale would come to {total}, over {limit}, the most "
                                              "this till takes. Check the price and the quantity.").format(
                total=ltr(self.money(basket.total_price)), limit=ltr(self.money(limit))))
            return
        self.field_error.emit("item", "")
        self._set_basket(basket)

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self.basket.lines):
            self._set_basket(self.basket.remove(row))

    def apply_host_basket(self, basket: PreviewBasket) -> None:
        """The host POS previewed its basket through the bridge: show its lines as this sale's."""
        lines = tuple(BasketLine(line.product_id, line.title or line.product_id, line.price, line.quantity,
                                 line.sku, line.category) for line in basket.line_items)
        self._set_basket(self.basket.with_lines(lines, from_host=True))
        if basket.customer_id and self.who is None:
            self.identify(basket.customer_id)

    def _set_basket(self, basket: Basket) -> None:
        self.basket = basket
        self.basket_changed.emit()
        self._refresh_preview()

    # --- preview -------------------------------------------------------------------------------

    def _refresh_preview(self) -> None:
        self._gen.basket += 1
        generation = self._gen.basket
        if self.basket.is_empty:
            self.preview, self.live_pending = None, False
            self.preview_changed.emit()
            return
        who = self.who
        body = self.basket.preview_body(who.customer_id if who else None, who.mobile if who else None)
        estimate = compute_cashback(self.rules, body)
        self.preview = Preview(estimate.total_points, PreviewSource.ESTIMATE,
                               tuple(LinePoints(line.points) for line in estimate.lines))
        self.live_pending = True
        self.preview_changed.emit()
        currency, till = self.currency, self.services.till

        def live() -> dict[str, object]:
            return till.live_preview(validate_preview(body, now=utc_now(), currency=currency))

        self.worker.submit("preview", live, lambda answer: self._on_live(answer, generation),
                           lambda error: self._on_live_failed(error, generation),
                           stale=lambda: generation != self._gen.basket)

    def _on_live(self, answer: dict[str, object], generation: int) -> None:
        if generation != self._gen.basket:
            return  # an answer for an older basket (the worker drops most before they are asked)
        self.live_pending = False
        if answer.get("source") != PreviewSource.LIVE:
            self.preview_changed.emit()  # Gameball did not answer: the estimate stays, labelled as one
            return
        items = answer.get("lineItems") or []
        lines: tuple[LinePoints | None, ...] = tuple(None for _ in self.basket.lines)
        if isinstance(items, list) and len(items) == len(self.basket.lines):
            lines = tuple(LinePoints(int(item.get("points") or 0), item.get("campaignName")) for item in items)
        self.preview = Preview(int(answer.get("points") or 0), PreviewSource.LIVE, lines)
        self.preview_changed.emit()

    def _on_live_failed(self, error: Exception, generation: int) -> None:
        if generation != self._gen.basket:
            return
        self.live_pending = False
        self.preview_changed.emit()
        # A basket Gameball would refuse (say, a card number typed into a free line) is the cashier's to fix.
        self.notice.emit("error", self._error_text(error))

    # --- redemption ----------------------------------------------------------------------------

    def can_redeem(self) -> str | None:
        """Why redeeming is not possible now, as a message for the cashier; None when it is."""
        if self.who is None:
            return self.tr("Identify the customer first (F2).")
        connection = connection_of(self.status, time.time())
        if connection is Connection.OFFLINE:
            return self.tr("Redeeming needs Gameball, and the till is offline. "
                           "Go on without redeeming, or wait until it is back online.")
        if not is_live(connection):
            return self.tr("Redeeming needs Gameball ({reason}). Go on without redeeming, or wait until it "
                           "answers again.").format(reason=not_live_reason(connection))
        if self.basket.is_empty:
            return self.tr("Add items before redeeming.")
        return None

    def redeem(self, *, points: int | None = None, amount: Decimal | None = None) -> None:
        reason = self.can_redeem()
        if reason is not None:
            self.notice.emit("error", reason)
            return
        if self.basket.redemption is not None:
            self.remove_redemption()
        who, currency, sale = self.who, self.currency, self._gen.sale
        assert who is not None  # can_redeem checked it
        self.holding = True
        self.notice.emit("info", self.tr("Holding points at Gameball..."))
        self.worker.submit(
            "hold", lambda: self.services.customers.hold(who, points=points, amount=amount, currency=currency),
            lambda redemption: self._on_hold(redemption, sale), lambda error: self._on_hold_failed(error, sale))

    def _on_hold(self, redemption: Redemption, sale: int) -> None:
        if sale != self._gen.sale:
            # The sale was cancelled while Gameball answered: give the points back at once.
            self._release(redemption)
            return
        self.holding = False
        self._set_basket(self.basket.with_redemption(redemption))
        self.notice.emit("ok", self.tr("{points} points held: {value} off this sale.").format(
            points=f"{redemption.points:,}", value=self.money(redemption.value)))
        if self._pay_after_hold:
            self._pay_after_hold = False
            self.pay()

    def _on_hold_failed(self, error: Exception, sale: int) -> None:
        if sale != self._gen.sale:
            return
        self.holding = False
        if self._pay_after_hold:
            # Never pay at full price behind the cashier's back: say so, and let them choose.
            self._pay_after_hold = False
            self.notice.emit("error", self.tr("The points could not be held, so the sale was not paid: {reason} "
                                              "Press F12 to pay without redeeming, or F4 to try again.").format(
                reason=self._error_text(error)))
            return
        self.notice.emit("error", self._error_text(error))

    def remove_redemption(self) -> None:
        redemption = self.basket.redemption
        if redemption is None:
            return
        self._set_basket(self.basket.with_redemption(None))
        self._release(redemption)

    def _release(self, redemption: Redemption) -> None:
        def failed(error: Exception) -> None:
            if isinstance(error, Offline):
                self.notice.emit("warn", self.tr("The held points go back when Gameball is reachable again "
                                                 "(or when the hold expires)."))
            else:
                self.notice.emit("error", self._error_text(error))

        self.worker.submit("release", lambda: self.services.customers.release(redemption.hold_reference),
                           None, failed)

    # --- pay and cancel ------------------------------------------------------------------------

    def pay_problem(self) -> str | None:
        """Why the sale cannot be paid now, for the cashier; None when it can."""
        if self.paying:
            return self.tr("Paying...")
        if self.basket.is_empty:
            return self.tr("The basket is empty.")
        if self.status.storage is StorageState.DAMAGED:
            return self._storage_text(StorageState.DAMAGED)
        if self.who is None:
            return self.tr("Identify the customer first (F2): there is nothing to send to Gameball without one.")
        if self.basket.over_redeemed:
            return self.tr("The points redeemed are worth more than the basket. Change the redemption (F4).")
        if self.basket.redemption is not None and not self.status.online:
            return self.tr("The till went offline, so the redemption cannot be completed. "
                           "Remove it (F4) to pay without redeeming.")
        return None

    def pay(self) -> None:
        if self.holding:
            # A redemption on its way: wait for it rather than drop it (it is on the order, or the cashier
            # hears it is not).
            self._pay_after_hold = True
            self.notice.emit("info", self.tr("Waiting for Gameball to hold the points; the sale is paid as soon "
                                             "as it answers."))
            return
        problem = self.pay_problem()
        if problem is not None:
            self.notice.emit("error", problem)
            return
        who = self.who
        assert who is not None  # pay_problem checked it
        now = utc_now()
        order_id = new_order_id(self.services.till.order_id_prefix(), now, secrets.token_hex(3))
        body = self.basket.order_body(order_id, who.customer_id, now, who.mobile)
        held = self.basket.redemption.points if self.basket.redemption else 0
        currency, till = self.currency, self.services.till
        expected = self.preview.points if self.preview is not None else None
        self.paying = True
        self._gen.own_orders.add(order_id)

        def commit() -> tuple[str, str, bool]:
            return till.accept_order(validate_order(body, now=now, currency=currency), expected_points=expected)

        self.worker.submit("pay", commit, lambda accepted: self._on_paid(accepted[0], who, held),
                           self._on_pay_failed)

    def _on_paid(self, order_id: str, who: Identification, held: int) -> None:
        self.paying = False
        self._new_sale()
        self.notice.emit("ok", self.tr("Sale saved as order {order}.").format(order=ltr(order_id)))
        self._watch_slip(order_id, who, held)

    def _on_pay_failed(self, error: Exception) -> None:
        self.paying = False
        self.notice.emit("error", self.tr("The sale was not saved: {reason}").format(reason=self._error_text(error)))

    def cancel_sale(self) -> None:
        """Drop the sale; a points hold goes back to the customer."""
        if self.paying:
            return
        self.remove_redemption()
        self._new_sale()
        self.notice.emit("info", self.tr("Sale cancelled."))

    def _new_sale(self) -> None:
        self.holding = self._pay_after_hold = False
        self.field_error.emit("customer", "")
        self.field_error.emit("item", "")
        self._gen.sale += 1
        self._gen.customer += 1
        self.basket = Basket(self.currency)
        self.who, self.customer, self.looking_up = None, None, False
        self.basket_changed.emit()
        self.customer_changed.emit()
        self._refresh_preview()

    def sync_now(self) -> None:
        self.services.engine.recheck()  # a real look at Gameball, and the queue is sent if it answers
        self.notice.emit("info", self.tr("Syncing with Gameball..."))

    # --- the slip ------------------------------------------------------------------------------

    def _watch_slip(self, order_id: str, who: Identification, held: int) -> None:
        self._slip = _SlipWatch(order_id, who, held)
        self.paid.emit(order_id)
        self._refresh_slip()
        self._slip_timer.start()

    def stop_slip(self, order_id: str) -> None:
        """The slip of `order_id` was closed: stop following its order (a newer slip may be open)."""
        if self._slip is not None and self._slip.order_id == order_id:
            self._slip = None
            self._slip_timer.stop()

    def _refresh_slip(self) -> None:
        watch = self._slip
        if watch is None or watch.refreshing or watch.done:
            return
        watch.refreshing = True
        self.worker.submit("slip", lambda: self.services.orders.detail(watch.order_id),
                           lambda record: self._on_slip_record(watch, record))

    def _on_slip_record(self, watch: _SlipWatch, record: OrderRecord | None) -> None:
        watch.refreshing = False
        if record is None or watch is not self._slip:
            return
        watch.info = SlipInfo(
            order_id=record.order_id, customer_id=record.customer_id, total_paid=record.total_paid,
            currency=record.currency, state=record.state, rewarded_points=record.rewarded_points,
            expected_points=record.expected_points,
            redeemed_points=record.redeemed_points if record.redeemed_points is not None else watch.held_points,
            new_balance=watch.new_balance,
        )
        self.slip_changed.emit(watch.info)
        if record.state is State.DELIVERED and not watch.balance_asked:
            # The new balance is worth one more call: it is what the customer asks about at the till.
            watch.balance_asked = True
            self.worker.submit("slip balance", lambda: self.services.customers.lookup(watch.who),
                               lambda lookup: self._on_slip_balance(watch, lookup), lambda error: None)
        elif record.state in (State.FAILED, State.DISCARDED):
            watch.done = True

    def _on_slip_balance(self, watch: _SlipWatch, lookup: CustomerLookup) -> None:
        watch.done = True
        if watch is not self._slip or watch.info is None:
            return
        if lookup.live and lookup.balance is not None:
            watch.new_balance = lookup.balance.available_points
            watch.info = replace(watch.info, new_balance=watch.new_balance)
            self.slip_changed.emit(watch.info)
        self._slip_timer.stop()

    # --- text ----------------------------------------------------------------------------------

    def money(self, value: Decimal) -> str:
        return ltr(f"{quantize(value, self.currency):,.{minor_units(self.currency)}f} {self.currency}")

    def _validation_text(self, error: ValidationError) -> str:
        if error.field == "customer":
            return self.tr("Not a valid phone number for this store ({region}), QR code or customer ID.").format(
                region=self.services.settings.phone_region)
        return self.tr("{field}: {reason}").format(field=error.field, reason=error.message)

    def _storage_text(self, state: StorageState) -> str:
        if state is StorageState.FULL:
            return self.tr("The till's disk is full, so this sale cannot be saved. The basket is kept: "
                           "call a manager to free space, then press Pay again.")
        return self.tr("The till's database is damaged, so no sale can be saved. The basket is kept: "
                       "call a manager.")

    def _error_text(self, error: Exception) -> str:
        if isinstance(error, StorageUnavailable):
            return self._storage_text(error.state)
        if isinstance(error, ValidationError):
            return self._validation_text(error)
        if isinstance(error, Offline):
            return self.tr("Gameball is not reachable. Sales go on and are sent later; "
                           "redeeming and new customers wait until it is back.")
        if isinstance(error, Refused):
            if error.code == INSUFFICIENT_BALANCE:
                return self.tr("Not enough points: {message}").format(message=error.message)
            if error.code == LIMIT_EXCEEDED:
                return self.tr("Outside the redemption limits: {message}").format(message=error.message)
            return self.tr("Gameball refused: {message}").format(message=error.message)
        if isinstance(error, CustomerServiceError):
            return error.message
        log.error("unexpected error at the till", exc_info=error)
        return self.tr("Something went wrong; the details are in the log.")


def _line_of(product: Product) -> BasketLine:
    return BasketLine(product.product_id, product.title, product.price, Decimal(1), product.sku, product.category)

