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
import math
import time
from dataclasses import dataclass, field, replace
from decimal import Decimal

from PySide6.QtCore import QObject, QTimer, Signal

from pos_app.domain.basket import AppliedCoupon, Basket, BasketLine, Redemption
from pos_app.domain.cashback import CashbackRules, compute_cashback
from pos_app.domain.customer_id import Identification, Source, identify, is_gtin, split_qr
from pos_app.domain.errors import ValidationError
from pos_app.domain.loyalty import OtpPolicy, is_proven, needs_otp, unproven_redemption
from pos_app.domain.money import minor_units, quantize
from pos_app.domain.order import Order, PreviewBasket, validate_preview
from pos_app.domain.redemption import RedemptionOption, RedemptionRules
from pos_app.domain.storage import StorageState, StorageUnavailable
from pos_app.domain.timeutil import utc_now
from pos_app.services.catalogue import CatalogueIndex, Product
from pos_app.services.customer_loyalty import CampaignNote, CouponRefusal, CouponRefused, CustomerProfile
from pos_app.services.customers import Busy, CustomerLookup, CustomerServiceError, Offline, OtpRequired, Refused
from pos_app.services.orders import OrderRecord, State
from pos_app.services.terminal import TillServices
from pos_app.services.till import (
    EngineStatus,
    PreviewResult,
    PreviewSource,
    Slip,
    estimate_source,
    merchant_of,
)
from pos_app.ui.i18n import ltr
from pos_app.ui.status_bar import Connection, connection_of, is_live, not_live_reason
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

INSUFFICIENT_BALANCE = 9008
LIMIT_EXCEEDED = 3011
# While a slip is open and its order not yet delivered, look at it this often (status changes also do).
SLIP_REFRESH_MS = 1000


@dataclass(frozen=True)
class LinePoints:
    points: int
    campaign: str | None = None


@dataclass(frozen=True)
class Preview:
    points: int
    source: PreviewSource
    lines: tuple[LinePoints | None, ...]  # one per basket line, None where unknown


@dataclass
class _SlipWatch:
    order_id: str
    who: Identification
    held_points: int
    profile: CustomerProfile | None = None
    refreshing: bool = False
    balance_asked: bool = False
    new_balance: int | None = None
    info: Slip | None = None
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
    campaigns_changed = Signal()  # the campaigns the basket earns or advances (after the live figure)
    status_changed = Signal(object)
    notice = Signal(str, str)  # level ("info", "ok", "warn", "error"), text
    # An error about what was typed or scanned into a field ("customer" or "item"), shown beside that
    # field until the cashier acts; "" clears it.
    field_error = Signal(str, str)
    paid = Signal(str)  # orderId: the order is durable; show its slip
    otp_needed = Signal(int)  # points: ask the cashier for the code Gameball texted the customer
    abuse_count = Signal(int)  # today's abuse notices on this terminal, for the manager button
    slip_changed = Signal(object)  # Slip
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
        self.profile: CustomerProfile | None = None  # name and tier: live, or cached with its age
        self.campaigns: tuple[CampaignNote, ...] = ()  # what the basket earns or advances, when Gameball says
        self.applying_coupon = False
        self.looking_up = False
        self.preview: Preview | None = None
        self.live_pending = False  # Gameball has been asked for the current basket's live figure
        self.rules = CashbackRules()
        self.redemption_rules = RedemptionRules()
        self.redemption_options: tuple[RedemptionOption, ...] = ()  # the customer's rules by ruleId, when Gameball says
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
        if self.basket.coupon is not None:
            lock = self.basket.coupon.lock_reference
            self.worker.submit("coupon on close", lambda: self.services.customers.release_coupon(lock))

    def _reload_rules(self) -> None:
        self.worker.submit("cashback rules", self.services.orders.cashback_rules, self._on_rules)
        self.worker.submit("redemption rules", self.services.customers.redemption_rules, self._on_redemption_rules)

    def _release_leftovers(self) -> None:
        keep = {self.basket.redemption.hold_reference} if self.basket.redemption else set()
        self.worker.submit("leftover holds", lambda: self.services.customers.release_leftover_holds(keep))
        locks = (self.basket.coupon.lock_reference,) if self.basket.coupon else ()
        self.worker.submit("leftover coupons", lambda: self.services.customers.release_leftover_coupon_locks(locks))

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
            settings = self.services.settings
            who = identify(text, settings.phone_region, scanned=scanned, id_prefix=settings.customer_id_prefix)
        except ValidationError as error:
            self.field_error.emit("customer", self._validation_text(error))
            return
        self.field_error.emit("customer", "")
        if self.who is None or who.customer_id != self.who.customer_id:
            # Both were granted for the previous customer.
            self.remove_redemption()
            self.remove_coupon()
            self.profile = None
            self.redemption_options = ()
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
        if lookup.found is not False:
            # Name and tier come after the balance, so the balance never waits for them.
            who, generation = lookup.identification, self._gen.customer
            self.worker.submit("profile", lambda: self.services.customers.profile(who), self._on_profile,
                               lambda error: None, stale=lambda: generation != self._gen.customer)
            self.worker.submit("redemption options", lambda: self.services.customers.redemption_options(who),
                               self._on_redemption_options, lambda error: None,
                               stale=lambda: generation != self._gen.customer)
        if lookup.found is False:
            self.notice.emit("info", self.tr("New customer: press F8 to add them to Gameball, or go on with "
                                             "the sale (the order adds them)."))

    def _on_redemption_options(self, options: tuple[RedemptionOption, ...]) -> None:
        self.redemption_options = options

    def _on_profile(self, profile: CustomerProfile | None) -> None:
        self.profile = profile
        self.customer_changed.emit()
        if self.preview is not None and self.preview.source is not PreviewSource.LIVE and self.who is not None:
            # The tier is known now: the estimate still shown may be finer than the base rate.
            self.preview = self._estimate(self.basket.preview_body(self.who.customer_id, self.who.mobile))
            self.preview_changed.emit()

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
        limit = self.services.till.max_amount()
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
        self.campaigns = ()
        if self.basket.is_empty:
            self.preview, self.live_pending = None, False
            self.preview_changed.emit()
            return
        who = self.who
        body = self.basket.preview_body(who.customer_id if who else None, who.mobile if who else None)
        self.preview = self._estimate(body)
        self.live_pending = True
        self.preview_changed.emit()
        currency, till = self.currency, self.services.till

        def live() -> PreviewResult:
            return till.live_preview(validate_preview(body, now=utc_now(), currency=currency))

        self.worker.submit("preview", live, lambda answer: self._on_live(answer, generation),
                           lambda error: self._on_live_failed(error, generation),
                           stale=lambda: generation != self._gen.basket)

    def _estimate(self, body: dict[str, object]) -> Preview:
        """The local figure: at the customer's tier rate once their tier and the tier rules are known."""
        tier = self.profile.tier if self.profile else None
        estimate = compute_cashback(self.rules, body, tier)
        return Preview(estimate.total_points, estimate_source(self.rules, tier),
                       tuple(LinePoints(line.points) for line in estimate.lines))

    def _on_live(self, answer: PreviewResult, generation: int) -> None:
        if generation != self._gen.basket:
            return  # an answer for an older basket (the worker drops most before they are asked)
        self.live_pending = False
        if answer.source is not PreviewSource.LIVE:
            self.preview_changed.emit()  # Gameball did not answer: the estimate stays, labelled as one
            return
        lines: tuple[LinePoints | None, ...] = tuple(None for _ in self.basket.lines)
        if len(answer.lines) == len(self.basket.lines):
            lines = tuple(LinePoints(line.points, line.campaign_name) for line in answer.lines)
        self.preview = Preview(answer.points, PreviewSource.LIVE, lines)
        self.preview_changed.emit()
        self._ask_campaigns(generation)

    def _ask_campaigns(self, generation: int) -> None:
        """The campaigns this basket earns or advances: asked after the live figure, never before it."""
        who = self.who
        if who is None:
            return
        body = self.basket.preview_body(who.customer_id, who.mobile)
        currency, customers = self.currency, self.services.customers
        merchant = merchant_of(self.services.settings)

        def ask() -> tuple[CampaignNote, ...]:
            return customers.campaigns(validate_preview(body, now=utc_now(), currency=currency), merchant)

        self.worker.submit("campaigns", ask, lambda notes: self._on_campaigns(notes, generation), lambda error: None,
                           stale=lambda: generation != self._gen.basket)

    def _on_campaigns(self, notes: tuple[CampaignNote, ...], generation: int) -> None:
        if generation == self._gen.basket:
            self.campaigns = notes
            self.campaigns_changed.emit()

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

    def otp_required(self, points: int) -> bool:
        """Whether redeeming `points` needs the code Gameball texts the customer: always when Gameball said the
        account requires it, otherwise as the manager's policy says."""
        settings, who = self.services.settings, self.who
        if who is None:
            return False
        return needs_otp(OtpPolicy(settings.otp_policy), settings.otp_threshold_points, points, who.source,
                         bool(who.hash), account_requires=self.services.customers.account_requires_otp)

    def send_otp(self, points: int, option: RedemptionOption | None = None) -> None:
        """Ask Gameball to text the customer a code for redeeming `points` (or `option`'s rule); the dialog
        then asks for it."""
        who = self.who
        if who is None or not self.status.online:
            self.notice.emit("error", self.can_redeem() or "")
            return
        sale = self._gen.sale

        def sent(_: object) -> None:
            if sale == self._gen.sale:
                self.notice.emit("info", self.tr("Code sent to the customer's phone. Ask them for it."))
                self.otp_needed.emit(points)

        self.worker.submit("otp", lambda: self.services.customers.send_otp(who, points, option), sent,
                           lambda error: self.notice.emit("error", self._otp_error_text(error)))

    def _otp_error_text(self, error: Exception) -> str:
        if isinstance(error, Refused):
            return self.tr("Gameball could not send the code: {message}. Scan the customer's Gameball QR code "
                           "instead, or ask a manager about the OTP setting.").format(message=error.message)
        return self._error_text(error)

    def redeem(self, *, points: int | None = None, amount: Decimal | None = None,
               option: RedemptionOption | None = None, otp: str | None = None) -> None:
        reason = self.can_redeem()
        if reason is not None:
            self.notice.emit("error", reason)
            return
        if self.basket.redemption is not None:
            self.remove_redemption()
        who, currency, sale, total = self.who, self.currency, self._gen.sale, self.basket.total_price
        assert who is not None  # can_redeem checked it
        self.holding = True
        self.notice.emit("info", self.tr("Holding points at Gameball..."))
        proven = is_proven(who.source, bool(who.hash), bool(otp))
        self.worker.submit(
            "hold", lambda: self.services.customers.hold(who, points=points, amount=amount, option=option,
                                                         basket_total=total, currency=currency, otp=otp),
            lambda redemption: self._on_hold(redemption, sale, proven),
            lambda error: self._on_hold_failed(error, sale))

    def _on_hold(self, redemption: Redemption, sale: int, proven: bool = True) -> None:
        if sale != self._gen.sale:
            # The sale was cancelled while Gameball answered: give the points back at once.
            self._release(redemption)
            return
        settings = self.services.settings
        if unproven_redemption(redemption.points, settings.otp_threshold_points, proven):
            reference, customers = redemption.hold_reference, self.services.customers
            self.worker.submit("unproven", lambda: customers.note_unproven_redemption(
                reference, redemption.points, settings.terminal_id), lambda _: self.refresh_abuse())
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
        if isinstance(error, OtpRequired):
            self.notice.emit("error", self.tr("This Gameball account requires a code for redeeming. Press F4 again: "
                                              "the till texts the customer a code, or scan their Gameball QR code."))
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

    # --- coupons -------------------------------------------------------------------------------

    def can_use_coupon(self) -> str | None:
        if self.who is None:
            return self.tr("Identify the customer first (F2): a coupon is checked for them.")
        if not self.status.online:
            return self.tr("Coupons need Gameball, and the till is offline. Go on without the coupon, or wait "
                           "until it is back online.")
        if self.basket.is_empty:
            return self.tr("Add items before the coupon: it is checked against the basket.")
        return None

    def apply_coupon(self, code: str) -> None:
        """Validate a Gameball coupon for this customer and basket and lock it for the sale."""
        reason = self.can_use_coupon()
        if reason is not None:
            self.field_error.emit("coupon", reason)
            return
        who, sale, currency = self.who, self._gen.sale, self.currency
        assert who is not None  # can_redeem checked it
        if self.basket.coupon is not None:
            self.remove_coupon()
        total, customers = self.basket.total_price, self.services.customers
        merchant_id = self.services.settings.merchant_id
        self.applying_coupon = True
        self.field_error.emit("coupon", "")
        self.worker.submit("coupon", lambda: customers.apply_coupon(who, code, total, currency, merchant_id),
                           lambda coupon: self._on_coupon(coupon, sale),
                           lambda error: self._on_coupon_failed(error, sale))

    def _on_coupon(self, coupon: AppliedCoupon, sale: int) -> None:
        self.applying_coupon = False
        if sale != self._gen.sale:
            self.worker.submit("coupon release", lambda: self.services.customers.release_coupon(coupon.lock_reference))
            return
        self._set_basket(self.basket.with_coupon(coupon))
        self.notice.emit("ok", self.tr("Coupon {code}: {value} off this sale.").format(
            code=ltr(coupon.code), value=self.money(coupon.value)))

    def _on_coupon_failed(self, error: Exception, sale: int) -> None:
        self.applying_coupon = False
        if sale == self._gen.sale:
            self.field_error.emit("coupon", self.coupon_error_text(error))

    def coupon_error_text(self, error: Exception) -> str:
        if not isinstance(error, CouponRefused):
            if isinstance(error, Offline):
                return self.tr("Coupons need Gameball, and the till is offline. Go on without the coupon, or wait "
                               "until it is back online.")
            return self._error_text(error)
        texts = {
            CouponRefusal.NOT_FOUND: self.tr("Gameball does not know this coupon code. Check it and try again."),
            CouponRefusal.NOT_VALID: self.tr("This coupon cannot be used now: expired, used up, another "
                                             "customer's, held by another sale or below its minimum order."),
            CouponRefusal.TYPE: self.tr("This coupon is not a discount the till can take off (for example free "
                                        "shipping or a free product)."),
            CouponRefusal.MINIMUM: self.tr("The basket is below this coupon's minimum order."),
            CouponRefusal.NOTHING: self.tr("This coupon takes nothing off this basket."),
        }
        text = texts[error.refusal]
        if error.message:
            text += " " + self.tr("Gameball says: {message}").format(message=error.message)
        return text

    def remove_coupon(self) -> None:
        coupon = self.basket.coupon
        if coupon is None:
            return
        self._set_basket(self.basket.with_coupon(None))

        def failed(error: Exception) -> None:
            if isinstance(error, Offline):
                self.notice.emit("warn", self.tr("The coupon is freed when Gameball is reachable again "
                                                 "(or when its lock expires)."))

        self.worker.submit("coupon release", lambda: self.services.customers.release_coupon(coupon.lock_reference),
                           None, failed)

    # --- abuse ---------------------------------------------------------------------------------

    def refresh_abuse(self) -> None:
        limit, customers = self.services.settings.frequent_customer_limit, self.services.customers
        self.worker.submit("abuse", lambda: customers.abuse_notices_today(limit), self.abuse_count.emit,
                           lambda error: None)

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
        if self.applying_coupon:
            return self.tr("Waiting for Gameball to check the coupon.")
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
        now, basket, till = utc_now(), self.basket, self.services.till
        # Known before the sale is saved: the till's own order is not announced as the host POS's.
        order_id = till.new_order_id(now)
        held = basket.redemption.points if basket.redemption else 0
        profile = self.profile
        expected = self.preview.points if self.preview is not None else None
        self.paying = True
        self._gen.own_orders.add(order_id)
        self.worker.submit("pay", lambda: till.pay(basket, order_id, who.customer_id, who.mobile, now, expected),
                           lambda accepted: self._on_paid(accepted[0], who, held, profile), self._on_pay_failed)

    def _on_paid(self, order_id: str, who: Identification, held: int,
                 profile: CustomerProfile | None = None) -> None:
        self.paying = False
        self._new_sale()
        self.notice.emit("ok", self.tr("Sale saved as order {order}.").format(order=ltr(order_id)))
        self._watch_slip(order_id, who, held, profile)
        self.refresh_abuse()

    def _on_pay_failed(self, error: Exception) -> None:
        self.paying = False
        self.notice.emit("error", self.tr("The sale was not saved: {reason}").format(reason=self._error_text(error)))

    def cancel_sale(self) -> None:
        """Drop the sale; a points hold goes back to the customer."""
        if self.paying:
            return
        self.remove_redemption()
        self.remove_coupon()
        self._new_sale()
        self.notice.emit("info", self.tr("Sale cancelled."))

    def _new_sale(self) -> None:
        self.holding = self._pay_after_hold = False
        self.field_error.emit("customer", "")
        self.field_error.emit("item", "")
        self.field_error.emit("coupon", "")
        self.applying_coupon = False
        self._gen.sale += 1
        self._gen.customer += 1
        self.basket = Basket(self.currency)
        self.who, self.customer, self.looking_up = None, None, False
        self.profile = None
        self.redemption_options = ()
        self.basket_changed.emit()
        self.customer_changed.emit()
        self._refresh_preview()

    def sync_now(self) -> None:
        self.services.engine.recheck()  # a real look at Gameball, and the queue is sent if it answers
        self.notice.emit("info", self.tr("Syncing with Gameball..."))

    # --- the slip ------------------------------------------------------------------------------

    def _watch_slip(self, order_id: str, who: Identification, held: int,
                    profile: CustomerProfile | None = None) -> None:
        self._slip = _SlipWatch(order_id, who, held, profile)
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
                           lambda record: self._on_slip_record(watch, record),
                           lambda error: self._on_slip_failed(watch, error))

    def _on_slip_failed(self, watch: _SlipWatch, error: Exception) -> None:
        # Not the end of the slip: the timer (or the next status change) asks again.
        watch.refreshing = False
        log.warning("the slip of %s could not be read: %s", watch.order_id, error)

    def _on_slip_record(self, watch: _SlipWatch, record: OrderRecord | None) -> None:
        watch.refreshing = False
        if record is None or watch is not self._slip:
            return
        watch.info = Slip.of(record, held_points=watch.held_points, new_balance=watch.new_balance,
                             customer_name=watch.profile.name if watch.profile else None,
                             tier=watch.profile.tier if watch.profile else None)
        self.slip_changed.emit(watch.info)
        if record.state is State.DELIVERED and not watch.balance_asked:
            # The new balance is worth one more call: it is what the customer asks about at the till.
            watch.balance_asked = True
            self.worker.submit("slip balance", lambda: self.services.customers.lookup(watch.who),
                               lambda lookup: self._on_slip_balance(watch, lookup), lambda error: None)
        elif record.state in (State.FAILED, State.DISCARDED, State.REVIEW):  # only a manager changes these
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
        if isinstance(error, Busy):
            return self.tr("Gameball is reachable, but this till's share of its rate limits is in use. "
                           "Try again in {seconds} s.").format(seconds=max(1, math.ceil(error.retry_after)))
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

