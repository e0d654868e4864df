"""The customer-facing display: a second screen turned to the customer (a manager setting picks it).

It follows the sale the till shows, the till's own baskets and the host POS's previews alike (both
arrive as SaleController's basket): the total to pay, the points this sale earns (marked as an estimate
until Gameball's figure arrives), the customer's balance and tier progress once identified, the prompt
when a redemption code was texted, and after pay "You earned N points". It never shows a customer's
data after their sale: once paid only the points of that sale stay, and the next sale (or a minute)
brings back the store's idle message. English and Arabic, like the till.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pos_app.services.orders import State
from pos_app.services.till import Slip
from pos_app.ui.fit_label import FitLabel
from pos_app.ui.sale import PreviewSource, SaleController

log = logging.getLogger(__name__)

# After pay, the thank-you stays this long unless the next sale starts first.
THANKS_MS = 60_000


class CustomerDisplay(QWidget):
    def __init__(self, sale: SaleController, idle_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.sale = sale
        self.idle_text = idle_text
        self.setObjectName("customerDisplay")
        self.setStyleSheet("QWidget#customerDisplay { background: #10243e; } QLabel { color: white; }")
        self.headline = FitLabel()
        self.headline.setObjectName("displayHeadline")
        self.headline.setStyleSheet("font-size: 28pt; font-weight: bold;")
        self.total = FitLabel()
        self.total.setObjectName("displayTotal")
        self.total.setStyleSheet("font-size: 40pt; font-weight: bold;")
        self.points = FitLabel()
        self.points.setObjectName("displayPoints")
        self.points.setStyleSheet("font-size: 22pt;")
        self.customer = QLabel()
        self.customer.setObjectName("displayCustomer")
        self.customer.setWordWrap(True)
        self.customer.setTextFormat(Qt.TextFormat.PlainText)
        self.customer.setStyleSheet("font-size: 18pt;")
        self.prompt = QLabel()
        self.prompt.setObjectName("displayPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("font-size: 20pt; color: #ffd166;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        for widget in (self.headline, self.total, self.points, self.customer, self.prompt):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addStretch(1)
        self._thanks: Slip | None = None
        self._otp_points: int | None = None
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.timeout.connect(self._end_thanks)
        sale.basket_changed.connect(self._sale_moved)
        sale.customer_changed.connect(self._customer_moved)
        sale.preview_changed.connect(self.render)
        sale.otp_needed.connect(self._otp)
        sale.slip_changed.connect(self._slip)
        sale.paid.connect(lambda _: self._paid())
        self.resize(800, 480)
        self.render()

    # --- what moves it -------------------------------------------------------------------------

    def _sale_moved(self) -> None:
        if not self.sale.basket.is_empty and self._thanks_timer.isActive():
            self._end_thanks()  # the next sale has begun: the last customer's points go
        if self.sale.basket.redemption is not None:
            self._otp_points = None  # the code was used: the points are held
        self.render()

    def _customer_moved(self) -> None:
        if self.sale.who is None:
            self._otp_points = None
        self.render()

    def _otp(self, points: int) -> None:
        self._otp_points = points
        self.render()

    def _paid(self) -> None:
        self._otp_points = None
        self._thanks = None
        self._thanks_timer.start(THANKS_MS)
        self.render()

    def _slip(self, info: Slip) -> None:
        if self._thanks_timer.isActive():
            self._thanks = info
            self.render()

    def _end_thanks(self) -> None:
        self._thanks_timer.stop()
        self._thanks = None
        self.render()

    # --- drawing -------------------------------------------------------------------------------

    def render(self) -> None:
        sale, basket = self.sale, self.sale.basket
        self.prompt.setText("")
        self.customer.setText("")
        self.points.setText("")
        self.total.setText("")
        if self._thanks_timer.isActive():
            # Only this sale's points: no name, no balance once the sale is over.
            self.headline.setText(self.tr("Thank you!"))
            info = self._thanks
            if info is not None and info.rewarded_points is not None:
                self.points.setText(self.tr("You earned {points} points").format(points=f"{info.rewarded_points:,}"))
            elif info is not None and info.state not in (State.FAILED, State.REVIEW) \
                    and info.expected_points:
                self.points.setText(self.tr("About {points} points, confirmed when the till syncs").format(
                    points=f"{info.expected_points:,}"))
            return
        if basket.is_empty and sale.who is None:
            self.headline.setText(self.idle_text or self.tr("Welcome! Ask us about your loyalty points."))
            return
        self.headline.setText(self.tr("To pay"))
        self.total.setText(sale.money(basket.total_paid))
        preview = sale.preview
        if preview is not None:
            if preview.source is PreviewSource.LIVE:
                self.points.setText(self.tr("This sale earns {points} points").format(points=f"{preview.points:,}"))
            elif preview.source is PreviewSource.ESTIMATE:
                self.points.setText(self.tr("This sale earns about {points} points").format(
                    points=f"{preview.points:,}"))
            else:
                self.points.setText(self.tr("This sale earns about {points} points (at the base rate)").format(
                    points=f"{preview.points:,}"))
        self.customer.setText(self.customer_text())
        if self._otp_points is not None:
            self.prompt.setText(self.tr("We texted a code to your phone to redeem {points} points. Please tell "
                                        "it to the cashier.").format(points=f"{self._otp_points:,}"))

    def customer_text(self) -> str:
        """Balance and tier progress of the customer being served; empty before identification."""
        lookup, profile = self.sale.customer, self.sale.profile
        if self.sale.who is None or lookup is None or lookup.balance is None:
            return ""
        lines = [self.tr("Your balance: {points} points").format(points=f"{lookup.balance.available_points:,}")]
        if profile is not None and profile.tier:
            tier = self.tr("{tier} tier").format(tier=profile.tier)
            if profile.next_tier and profile.to_next is not None and profile.to_next > 0:
                tier += " \u00b7 " + self.tr("{points} points to {tier}").format(
                    points=f"{int(profile.to_next):,}", tier=profile.next_tier)
            lines.append(tier)
        return "\n".join(lines)


def open_customer_display(sale: SaleController, screen_number: int, idle_text: str,
                          parent: QWidget | None = None) -> CustomerDisplay | None:
    """The display on screen `screen_number` (1 = the first), full screen; None when off or not attached."""
    if screen_number <= 0:
        return None
    screens = QGuiApplication.screens()
    if screen_number > len(screens):
        log.warning("customer display: screen %d is not attached (%d screens)", screen_number, len(screens))
        return None
    display = CustomerDisplay(sale, idle_text, parent)
    display.setScreen(screens[screen_number - 1])
    display.setGeometry(screens[screen_number - 1].geometry())
    display.showFullScreen()
    return display
