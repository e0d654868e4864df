"""The till window: customer, basket, totals and points, redeem, pay, and the status bar.

Keyboard first: every action has a key (shortcuts.KEYS, listed with F1), the focus follows the sale
(customer, item entry, basket, redeem, pay), and a barcode scanner works whichever field has focus.
The window only draws and reacts; the SaleController sends every service call through the Worker.
"""

from __future__ import annotations

import html
import logging
import time
from decimal import Decimal
from typing import Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.terminal import TillServices
from pos_app.ui.basket_view import BasketModel, BasketView
from pos_app.ui.coupon_dialog import CouponDialog
from pos_app.ui.customer_display import open_customer_display
from pos_app.ui.customer_panel import CustomerPanel
from pos_app.ui.history import HistoryDialog
from pos_app.ui.i18n import ltr
from pos_app.ui.line_dialog import FreeLineDialog
from pos_app.ui.preview_widget import PreviewWidget
from pos_app.ui.redeem_dialog import RedeemDialog
from pos_app.ui.return_dialog import ReturnDialog
from pos_app.ui.sale import SaleController
from pos_app.ui.shortcuts import KEYS, ScannerFilter
from pos_app.ui.slip_dialog import SlipDialog
from pos_app.ui.status_bar import StatusPanel
from pos_app.ui.style import BASE_STYLE
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)


class ManagerHook(Protocol):
    """What the window needs of manager mode (it lives in pos_app.ui.manager, which imports this module)."""

    def open(self) -> None: ...

    def shutdown(self) -> None: ...


# A second Esc within this time cancels the sale: one stray key must not throw a basket away.
CANCEL_CONFIRM_S = 3.0
_LEVEL_STYLE = {
    "info": "background: #e8eef7; color: #1d3557;",
    "ok": "background: #e3f4e8; color: #1b5e20;",
    "warn": "background: #fff1dc; color: #8a4500;",
    "error": "background: #fde7e7; color: #8c1d18;",
}
STYLE = BASE_STYLE + """
QLabel#previewPoints { font-size: 30pt; font-weight: bold; }
QLabel#toPay { font-size: 20pt; font-weight: bold; }
QLabel#demoBanner { background: #fff8c5; color: #5c4b00; padding: 4px 8px; }
QLabel#notice { padding: 6px 8px; border-radius: 4px; }
QPushButton#payButton { font-size: 15pt; font-weight: bold; padding: 10px; }
QTableView#basketView { font-size: 12pt; }
QLabel#slipText { font-size: 14pt; }
QLabel#slipTitle { font-size: 14pt; font-weight: bold; }
"""


def _field_error_label(name: str) -> QLabel:
    """Where an error about a field's input stands: right under the field, until the cashier acts."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e; font-weight: bold;")
    label.setVisible(False)
    return label


class MainWindow(QMainWindow):
    def __init__(self, services: TillServices, *, demo: bool = False) -> None:
        super().__init__()
        self.services = services
        self.demo = demo
        self.setObjectName("tillWindow")
        self.worker = Worker(self)
        self.sale = SaleController(services, self.worker, self)
        self.slip: SlipDialog | None = None
        self.history: HistoryDialog | None = None
        # Manager mode (pos_app.ui.manager.ManagerMode) attaches itself here; a window without one has none.
        self.manager: ManagerHook | None = None
        self._cancel_armed_at = 0.0
        self._shut_down = False
        self.setStyleSheet(STYLE)
        self._build()
        self._actions()
        self.scanner = ScannerFilter(self._accepts_scan, self)
        self.scanner.scanned.connect(self._scanned)
        QApplication.instance().installEventFilter(self.scanner)
        self.sale.notice.connect(self.show_notice)
        self.sale.field_error.connect(self._field_error)
        self.sku_entry.textEdited.connect(lambda: self._field_error("item", ""))
        self.customer.entry.textEdited.connect(lambda: self._field_error("customer", ""))
        self.sale.status_changed.connect(self.status_panel.set_status)
        self.sale.paid.connect(self._show_slip)
        self.sale.customer_changed.connect(self._customer_changed)
        self.worker.failed.connect(lambda name, error: self.show_notice(
            "error", self.tr("Something went wrong; the details are in the log.")))
        self.retranslate()
        self.resize(1024, 768)
        self.sale.start()
        settings = services.settings
        self.customer_display = open_customer_display(self.sale, settings.customer_display_screen,
                                                      settings.customer_display_idle, self)
        self.customer.entry.setFocus()

    # --- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        self.demo_banner = QLabel()
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setVisible(self.demo)
        layout.addWidget(self.demo_banner)
        self.customer = CustomerPanel(self.sale)
        layout.addWidget(self.customer)

        middle = QHBoxLayout()
        left = QVBoxLayout()
        entry_row = QHBoxLayout()
        self.sku_label = QLabel()
        self.sku_entry = QLineEdit()
        self.sku_entry.setObjectName("skuEntry")
        self.sku_entry.setClearButtonEnabled(True)
        self.sku_label.setBuddy(self.sku_entry)
        self.sku_entry.returnPressed.connect(self._sku_typed)
        self.free_line_button = QPushButton()
        self.free_line_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        entry_row.addWidget(self.sku_label)
        entry_row.addWidget(self.sku_entry, 1)
        entry_row.addWidget(self.free_line_button)
        left.addLayout(entry_row)
        self.item_error = _field_error_label("itemError")
        left.addWidget(self.item_error)
        self.basket_model = BasketModel(self.sale, self)
        self.basket_view = BasketView(self.basket_model)
        self.basket_view.setObjectName("basketView")
        self.basket_view.remove_requested.connect(self.sale.remove_line)
        self.basket_view.quantity_step.connect(self._quantity_step)
        left.addWidget(self.basket_view, 1)
        middle.addLayout(left, 3)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        self.preview = PreviewWidget(self.sale)
        right.addWidget(self.preview)
        right.addStretch(1)
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.redeem_button = QPushButton()
        self.redeem_button.setObjectName("redeemButton")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelButton")
        self.pay_button = QPushButton()
        self.pay_button.setObjectName("payButton")
        buttons.addWidget(self.redeem_button, 0, 0)
        buttons.addWidget(self.cancel_button, 0, 1)
        buttons.addWidget(self.pay_button, 1, 0, 1, 2)
        right.addLayout(buttons)
        right_box = QWidget()
        right_box.setLayout(right)
        right_box.setMinimumWidth(300)
        middle.addWidget(right_box, 2)
        layout.addLayout(middle, 1)

        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setMinimumHeight(34)
        layout.addWidget(self.notice)
        self.status_panel = StatusPanel()
        layout.addWidget(self.status_panel)
        self.setCentralWidget(central)
        self.status_panel.sync_requested.connect(self.sale.sync_now)
        self.status_panel.history_requested.connect(self.open_history)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(lambda: self.show_notice("info", ""))

        # The focus follows the sale: customer, item entry, basket, redeem, pay.
        QWidget.setTabOrder(self.customer.entry, self.sku_entry)
        QWidget.setTabOrder(self.sku_entry, self.basket_view)
        QWidget.setTabOrder(self.basket_view, self.redeem_button)
        QWidget.setTabOrder(self.redeem_button, self.pay_button)
        QWidget.setTabOrder(self.pay_button, self.cancel_button)

    def _actions(self) -> None:
        def action(key: str, slot: object) -> QAction:
            made = QAction(self)
            made.setShortcut(QKeySequence(KEYS[key]))
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.actions_by_key = {
            "help": action("help", self.show_help),
            "customer": action("customer", self.focus_customer),
            "coupon": action("coupon", self.open_coupon),
            "sku": action("sku", self.focus_sku),
            "redeem": action("redeem", self.open_redeem),
            "sync": action("sync", self.sale.sync_now),
            "history": action("history", self.open_history),
            "free_line": action("free_line", self.open_free_line),
            "create_customer": action("create_customer", lambda: self.sale.create_customer()),
            "basket": action("basket", self.basket_view.setFocus),
            "manager": action("manager", self.open_manager),
            "return": action("return", lambda: self.open_return()),
            "pay": action("pay", self.pay),
            "cancel": action("cancel", self.cancel),
        }
        self.redeem_button.clicked.connect(self.open_redeem)
        self.pay_button.clicked.connect(self.pay)
        self.cancel_button.clicked.connect(self.cancel)
        self.free_line_button.clicked.connect(self.open_free_line)

    def retranslate(self) -> None:
        terminal = self.services.settings.terminal_id
        title = self.tr("Gameball loyalty - till {terminal}").format(terminal=terminal)
        self.setWindowTitle(self.tr("{title} (demo)").format(title=title) if self.demo else title)
        # Two lines, each short enough not to wrap at 1024 px: Qt lays out mixed-direction text wrongly
        # when it wraps a right-to-left line holding left-to-right runs (the phone numbers).
        # Rich text with left-to-right spans: Qt draws plain-text isolates wrongly once the line wraps,
        # putting the "+" of a phone number at its end in Arabic.
        def keep(text: str) -> str:
            return f'<span dir="ltr">{text}</span>'

        self.demo_banner.setText(html.escape(self.tr("Demo mode on the built-in Gameball sandbox.")) + "<br>" + self.tr(
            "Try phone {amira} (Amira, Gold) or {omar} (Omar), and items {item} or {product}.").format(
            amira=keep("+971501234567"), omar=keep("+966500001234"), item=keep("4006381333931"),
            product=keep("P-1004")))
        self.sku_label.setText(self.tr("&Item (F3)"))
        self.sku_entry.setPlaceholderText(self.tr("Scan or type a barcode or product ID"))
        self.free_line_button.setText(self.tr("Free line (F7)"))
        self.redeem_button.setText(self.tr("Redeem (F4)"))
        self.cancel_button.setText(self.tr("Cancel sale (Esc)"))
        self.pay_button.setText(self.tr("Pay (F12)"))
        texts = {
            "help": self.tr("Keys"), "customer": self.tr("Customer"),
            "coupon": self.tr("Gameball coupon"), "sku": self.tr("Item entry"),
            "redeem": self.tr("Redeem points"), "sync": self.tr("Sync now"), "history": self.tr("Order history"),
            "free_line": self.tr("Free line"), "create_customer": self.tr("Add the customer to Gameball"),
            "basket": self.tr("Basket (Del removes, + and - change the quantity)"), "pay": self.tr("Pay"),
            "return": self.tr("Return an order"),
            "manager": self.tr("Manager mode (PIN)"),
            "cancel": self.tr("Cancel sale (press twice)"),
        }
        for key, made in self.actions_by_key.items():
            made.setText(texts[key])

    # --- actions -------------------------------------------------------------------------------

    def focus_customer(self) -> None:
        self.customer.entry.setFocus()
        self.customer.entry.selectAll()

    def open_coupon(self) -> None:
        reason = self.sale.can_use_coupon()
        if reason is not None and self.sale.basket.coupon is None:
            self.show_notice("error", reason)
            return
        dialog = CouponDialog(self.sale, self)

        def done() -> None:
            self._back_to_sale(self.sku_entry)
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()

    def focus_sku(self) -> None:
        self.sku_entry.setFocus()
        self.sku_entry.selectAll()

    def _sku_typed(self) -> None:
        if self.sale.add_code(self.sku_entry.text()):
            self.sku_entry.clear()
        else:
            self.sku_entry.selectAll()

    def _quantity_step(self, row: int, step: int) -> None:
        line = self.sale.basket.lines[row]
        self.sale.set_quantity(row, line.quantity + step)

    def _customer_changed(self) -> None:
        # Once the cashier has identified the customer, the next thing is the items.
        if self.sale.who is not None and self.customer.entry.hasFocus():
            self.sku_entry.setFocus()

    def open_redeem(self) -> None:
        reason = self.sale.can_redeem()
        if reason is not None and self.sale.basket.redemption is None:
            self.show_notice("error", reason)
            return
        dialog = RedeemDialog(self.sale, self)

        def done() -> None:
            self._back_to_sale(self.sku_entry)
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()

    def open_free_line(self) -> None:
        setting = self.services.settings.free_line_confirm_above
        dialog = FreeLineDialog(self.sale.currency, self, confirm_above=Decimal(setting) if setting else None)

        def done() -> None:
            if dialog.line is not None:
                self.sale.add_line(dialog.line)
            self._back_to_sale(self.sku_entry)
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()

    def open_history(self) -> None:
        if self.history is not None:
            self.history.raise_()
            return
        self.history = HistoryDialog(self.sale, self)
        history = self.history
        history.return_requested.connect(lambda order_id: self.open_return(order_id, history))

        def closed() -> None:
            if self.history is not None:
                self.history.deleteLater()
            self.history = None
            self._back_to_sale(QApplication.focusWidget() or self.customer.entry)

        self.history.finished.connect(closed)
        self.history.open()

    def open_return(self, order_id: str | None = None, over: QWidget | None = None) -> None:
        """The Return dialog, for `order_id` if given, over `over` (the history it was asked from)."""
        dialog = ReturnDialog(self.sale, over or self, order_id)

        def done() -> None:
            if over is None:
                self._back_to_sale(self.customer.entry)
            else:
                over.activateWindow()
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()

    def pay(self) -> None:
        self.sale.pay()

    def _back_to_sale(self, focus: QWidget) -> None:
        # A closed dialog hands the keyboard back to the till (some platforms leave no window active).
        self.activateWindow()
        focus.setFocus()

    def cancel(self) -> None:
        sale = self.sale
        if sale.basket.is_empty and sale.basket.redemption is None:
            if sale.who is not None:
                sale.cancel_sale()
            self.focus_customer()
            return
        now = time.monotonic()
        if now - self._cancel_armed_at <= CANCEL_CONFIRM_S:
            self._cancel_armed_at = 0.0
            sale.cancel_sale()
            self.focus_customer()
        else:
            self._cancel_armed_at = now
            self.show_notice("warn", self.tr("Press Esc again to cancel this sale."))

    def show_help(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Keys"))
        # Each key isolated left to right, so "F12" and "Esc, Esc" read the same in Arabic.
        rows = "".join(f"<tr><td><b>{ltr(made.shortcut().toString(QKeySequence.SequenceFormat.NativeText))}</b>"
                       f"</td><td>&nbsp;{made.text()}</td></tr>" for made in self.actions_by_key.values())
        label = QLabel(f"<table>{rows}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(label)
        layout.addWidget(buttons)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _show_slip(self, order_id: str) -> None:
        previous, dialog = self.slip, SlipDialog(self.sale, order_id, self)
        self.slip = dialog

        def closed() -> None:
            dialog.deleteLater()
            if self.slip is dialog:  # not replaced by a newer slip: the next sale begins
                self.slip = None
                self.show_notice("info", "")  # the last sale's notices do not linger into this one
                self._back_to_sale(self.customer.entry)

        dialog.finished.connect(closed)
        if previous is not None:
            previous.done(0)
        dialog.open()

    # --- scanner -------------------------------------------------------------------------------

    def _accepts_scan(self, widget: object) -> bool:
        # Scans belong to the sale: not while the cashier works in a dialog (the open slip aside).
        modal = QApplication.activeModalWidget()
        return modal is None or modal is self.slip

    def _scanned(self, code: str, target: object) -> None:
        if isinstance(target, QLineEdit) and target.text().endswith(code):
            target.setText(target.text()[: -len(code)])  # the scanner typed it there; it is not the field's
        if self.slip is not None:
            self.slip.done(0)  # the next sale has begun: the slip has been seen
        # What the code is decides where it goes, not which field had the focus: an item scanned into the
        # customer field (it has the focus after every slip) is still an item.
        self.sale.scan(code)
        self.sku_entry.setFocus()

    # --- notices and closing -------------------------------------------------------------------

    def _field_error(self, field: str, text: str) -> None:
        if field == "coupon":
            return  # the coupon dialog shows it, where the code was typed
        label = self.customer.error if field == "customer" else self.item_error
        label.setText(text)
        label.setVisible(bool(text))

    def show_notice(self, level: str, text: str) -> None:
        self.notice.setText(text)
        self.notice.setProperty("level", level)
        self.notice.setStyleSheet(_LEVEL_STYLE.get(level, "") if text else "")
        self._notice_timer.stop()
        if text and level in ("info", "ok"):
            # Errors and warnings stay until the cashier acts (the next notice or the next sale).
            self._notice_timer.start(6_000)

    def open_manager(self) -> None:
        if self.manager is not None:
            self.manager.open()

    def shutdown(self) -> None:
        """Stop listening, finish the queued calls (a held redemption is released) and end the worker."""
        if self._shut_down:
            return
        self._shut_down = True
        QApplication.instance().removeEventFilter(self.scanner)
        self.sale.shutdown()
        if self.customer_display is not None:
            self.customer_display.close()
        if self.manager is not None:
            self.manager.shutdown()
        self.worker.stop(self.services.close)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.shutdown()
        super().closeEvent(event)
