"""A return at the till (F11, or "Return..." in the order history): give back a past order, whole or in part.

The cashier scans or types the orderId (or opens the dialog from the history), picks the units of each line
to take back (never more than were bought less those already returned), sees the refund and the points it
takes back or gives back, and confirms with F12. The refund is accepted durably through the till service on
the worker and goes to Gameball through the outbox, after its order.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.errors import ValidationError
from pos_app.domain.returns import ReturnPlan, SoldLine, plan_return
from pos_app.services.orders import ReturnView, State
from pos_app.services.returns import TooLarge
from pos_app.ui.history import local_time
from pos_app.ui.i18n import ltr
from pos_app.ui.sale import SaleController
from pos_app.ui.screen_fit import fit_to_screen

log = logging.getLogger(__name__)

ITEM, PRICE, BOUGHT, RETURNED, RETURN = range(5)
CONFIRM_KEY = "F12"  # the till's "commit" key, as Pay is in the sale
ALL_KEY = "F9"
_WARN = "color: #8a4500;"
_ERROR = "color: #b3261e;"
_OK = "color: #1b7f3b;"


def _places(quantity: Decimal) -> int:
    """Whole units for goods sold by the piece; three places for goods sold by weight."""
    return 0 if quantity == quantity.to_integral_value() else 3


class ReturnDialog(QDialog):
    def __init__(self, sale: SaleController, parent: QWidget | None = None, order_id: str | None = None) -> None:
        super().__init__(parent)
        self.sale = sale
        self.view: ReturnView | None = None
        self.plan: ReturnPlan | None = None
        self.spins: list[QDoubleSpinBox] = []
        self.busy = False
        self._query = 0
        self._unpaid_shown = False
        self.setObjectName("returnDialog")
        self.setWindowTitle(self.tr("Return"))

        self.entry = QLineEdit()
        self.entry.setObjectName("returnOrder")
        self.entry.setPlaceholderText(self.tr("Scan or type the order ID"))
        self.entry.setClearButtonEnabled(True)
        entry_label = QLabel(self.tr("&Order"))
        entry_label.setBuddy(self.entry)
        self.find_button = QPushButton(self.tr("Find"))
        # One value per label (the orderId is in the entry above): Qt wraps and orders a line holding
        # several left-to-right runs (phone, date, money) badly in a right-to-left layout.
        self.facts: dict[str, QLabel] = {}
        # A label aligns by its own text's direction, so "198" or "7.07 USD" would sit at the far left of a
        # right-to-left dialog: pin each value to its caption's side.
        leading = Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignRight if self.isRightToLeft() else Qt.AlignmentFlag.AlignLeft)
        facts = QGridLayout()
        facts.setHorizontalSpacing(12)
        for number, (key, caption) in enumerate((
                ("customer", self.tr("Customer")), ("date", self.tr("Sold")), ("paid", self.tr("Paid")),
                ("earned", self.tr("Points earned")), ("left", self.tr("Left to refund")),
                ("redeemed", self.tr("Points redeemed")))):
            value = QLabel()
            value.setObjectName(f"returnFact_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(leading)
            row, column = divmod(number, 2)
            facts.addWidget(QLabel(caption), row, column * 2)
            facts.addWidget(value, row, column * 2 + 1)
            self.facts[key] = value
        facts.setColumnMinimumWidth(1, 200)
        facts.setColumnStretch(4, 1)  # the pairs stay together at the start of the line, whichever side
        self.warning = QLabel()
        self.warning.setObjectName("returnWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(_WARN)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("returnLines")
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Price"), self.tr("Bought"),
                                              self.tr("Returned"), self.tr("Return")])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        self.all_button = QPushButton(self.tr("Everything left ({key})").format(key=ALL_KEY))
        self.all_button.setObjectName("returnAll")

        self.amount = QLabel()
        self.amount.setObjectName("returnAmount")
        self.amount.setStyleSheet("font-weight: bold;")
        self.taken_back = QLabel()
        self.taken_back.setObjectName("returnPointsTaken")
        self.given_back = QLabel()
        self.given_back.setObjectName("returnPointsGiven")
        self.given_back_label = QLabel(self.tr("Points given back (estimate)"))
        for value in (self.amount, self.taken_back, self.given_back):
            value.setAlignment(leading)
        figures = QFormLayout()
        figures.addRow(self.tr("Refund"), self.amount)
        figures.addRow(self.tr("Points taken back (estimate)"), self.taken_back)
        figures.addRow(self.given_back_label, self.given_back)
        self.message = QLabel()
        self.message.setObjectName("returnMessage")
        self.message.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.confirm_button = buttons.addButton(self.tr("Confirm return ({key})").format(key=CONFIRM_KEY),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("returnConfirm")
        # Enter finds the order in the order field and finishes typing in a spin box; only F12 commits.
        for button in (*buttons.buttons(), self.find_button, self.all_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons.rejected.connect(self.reject)
        self.confirm_button.clicked.connect(self.confirm)

        top = QHBoxLayout()
        top.addWidget(entry_label)
        top.addWidget(self.entry, 1)
        top.addWidget(self.find_button)
        middle = QHBoxLayout()
        middle.addLayout(figures, 1)
        middle.addWidget(self.all_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(facts)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(middle)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.entry.returnPressed.connect(self.find)
        self.find_button.clicked.connect(self.find)
        self.all_button.clicked.connect(self.everything_left)
        QShortcut(QKeySequence(CONFIRM_KEY), self, self.confirm)
        QShortcut(QKeySequence(ALL_KEY), self, self.everything_left)
        fit_to_screen(self, 760, 560)
        self._show_view(None)
        if order_id:
            self.entry.setText(order_id)
            self.find()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self.view is None:
            self.entry.setFocus()

    # --- finding the order ---------------------------------------------------------------------

    def find(self, *, keep_message: bool = False) -> None:
        text = self.entry.text().strip()
        if not text:
            return
        self._query += 1
        query = self._query
        orders = self.sale.services.orders
        self.sale.worker.submit("return order", lambda: orders.returnable(text),
                                lambda view: self._found(view, text, query, keep_message), self._failed,
                                stale=lambda: query != self._query)

    def _found(self, view: ReturnView | None, text: str, query: int, keep_message: bool) -> None:
        if query != self._query:
            return
        if view is None:
            self._show_view(None)
            self._say(_ERROR, self.tr("No order {order} on this till.").format(order=ltr(text)))
            self.entry.setFocus()
            self.entry.selectAll()
            return
        if not keep_message:
            self._say("", "")
        self._show_view(view)

    def _show_view(self, view: ReturnView | None) -> None:
        self.view = view
        self.spins = []
        self.table.setRowCount(0)
        self.all_button.setEnabled(False)
        if view is None:
            for value in self.facts.values():
                value.setText("")
            self.warning.setText("")
            self.warning.setVisible(False)
            self._update()
            return
        record, order = view.record, view.order
        self.entry.setText(record.order_id)
        money = self.sale.money
        earned = f"{order.earned_points:,}" if record.rewarded_points is not None else \
            self.tr("\u2248{points} (pending sync)").format(points=f"{order.earned_points:,}")
        for key, text in (("customer", ltr(record.customer_id)),
                          ("date", ltr(local_time(record.order_date))), ("paid", money(record.total_paid)),
                          ("left", money(order.refundable)), ("earned", earned),
                          ("redeemed", f"{order.redeemed_points:,}")):
            self.facts[key].setText(text)
        self.warning.setText(self._warning_text(view))
        self.warning.setVisible(bool(self.warning.text()))
        caps = order.caps()
        self.table.setVisible(bool(order.lines))
        self.table.setRowCount(len(order.lines))
        for row, (line, cap) in enumerate(zip(order.lines, caps, strict=True)):
            self._fill_row(row, line, cap)
        self.all_button.setEnabled(any(caps))
        self._update()
        if self.spins and any(caps):
            first = next(spin for spin in self.spins if spin.isEnabled())
            first.setFocus()
            first.selectAll()

    def _fill_row(self, row: int, line: SoldLine, cap: Decimal) -> None:
        def cell(text: str, trailing: bool = True) -> QTableWidgetItem:
            item = QTableWidgetItem(text)
            if trailing:
                item.setTextAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            return item

        title = QTableWidgetItem(ltr(line.title or line.product_id))  # a left-to-right title in a mirrored table
        title.setToolTip(" / ".join(part for part in (line.product_id, line.sku) if part))
        self.table.setItem(row, ITEM, title)
        self.table.setItem(row, PRICE, cell(self.sale.money(line.price)))
        self.table.setItem(row, BOUGHT, cell(f"{line.quantity:,.{_places(line.quantity)}f}"))
        self.table.setItem(row, RETURNED, cell(f"{line.returned:,.{_places(line.quantity)}f}"
                                               if line.returned else ""))
        spin = QDoubleSpinBox()
        spin.setLocale(QLocale.c())  # Latin digits, as every other figure on the till
        spin.setDecimals(_places(line.quantity))
        spin.setRange(0, float(cap))
        spin.setValue(0)
        spin.setEnabled(cap > 0)
        spin.setAlignment(Qt.AlignmentFlag.AlignTrailing)
        spin.valueChanged.connect(self._update)
        self.table.setCellWidget(row, RETURN, spin)
        self.spins.append(spin)

    def _warning_text(self, view: ReturnView) -> str:
        record, order = view.record, view.order
        if order.fully_refunded:
            return self.tr("Everything on this order has been returned.")
        if record.state in (State.FAILED, State.DISCARDED):
            return self.tr("Gameball never accepted this order (it is in the failed list). A return is saved "
                           "but not sent until a manager retries the order.")
        if record.state is State.REVIEW:
            return self.tr("Gameball already has an order with this id; a manager checks whether it is this sale. "
                           "A return is saved and waits for that decision.")
        if not order.lines:
            return self.tr("This order was saved without its items, so it can only be returned whole.")
        if record.state is not State.DELIVERED:
            return self.tr("This order is still waiting to be sent; the return follows it to Gameball.")
        return ""

    # --- choosing what goes back ---------------------------------------------------------------

    def units(self) -> list[Decimal]:
        return [Decimal(f"{spin.value():.{spin.decimals()}f}") for spin in self.spins]

    def everything_left(self) -> None:
        for spin in self.spins:
            spin.setValue(spin.maximum())

    def _update(self) -> None:
        self.plan, unpaid = None, False
        order = self.view.order if self.view is not None else None
        if order is not None and not order.fully_refunded:
            try:
                self.plan = plan_return(order, self.units())
            except ValidationError as error:
                # Nothing chosen yet is no error to show; lines bought with points alone are.
                unpaid = error.field == "refundAmount"
        plan = self.plan
        self.amount.setText(self.sale.money(plan.amount) if plan else "")
        self.taken_back.setText(f"{plan.points_taken_back:,}" if plan else "")
        self.given_back.setText(f"{plan.points_given_back:,}" if plan else "")
        redeemed = bool(order and order.redeemed_points)
        self.given_back.setVisible(redeemed)
        self.given_back_label.setVisible(redeemed)
        self.confirm_button.setEnabled(plan is not None and not self.busy)
        if unpaid:
            self._say(_ERROR, self.tr("Nothing was paid in money for these items: return everything left "
                                      "instead."))
        elif self._unpaid_shown:
            self._say("", "")
        self._unpaid_shown = unpaid

    # --- confirming ----------------------------------------------------------------------------

    def confirm(self) -> None:
        if self.plan is None or self.view is None or self.busy:
            return
        plan, returns = self.plan, self.sale.services.returns
        self.busy = True
        self._update()
        self._say("", self.tr("Saving the return..."))
        self.sale.worker.submit("return", lambda: returns.accept(plan), lambda accepted: self._accepted(accepted, plan),
                                self._refused)

    def _accepted(self, accepted: tuple[str, str, bool], plan: ReturnPlan) -> None:
        refund_id, state, _ = accepted
        self.busy = False
        view = self.view
        order_id = plan.order_id
        if state == State.FAILED:
            self._say(_ERROR, self.tr("Return {refund} saved, but it cannot be sent: order {order} is in the "
                                      "failed list. It follows the order when a manager retries it.").format(
                refund=ltr(refund_id), order=ltr(order_id)))
        elif view is not None and view.record.state is State.REVIEW:
            self._say(_OK, self.tr("Return {refund} saved: {amount}. It waits for a manager's check of order "
                                   "{order}.").format(refund=ltr(refund_id), amount=self.sale.money(plan.amount),
                                                      order=ltr(order_id)))
        elif view is not None and view.record.state is not State.DELIVERED:
            self._say(_OK, self.tr("Return {refund} saved: {amount}. It is sent to Gameball after order {order}, "
                                   "which is still waiting.").format(refund=ltr(refund_id),
                                                                     amount=self.sale.money(plan.amount),
                                                                     order=ltr(order_id)))
        else:
            self._say(_OK, self.tr("Return {refund} saved: {amount}. It is sent to Gameball now.").format(
                refund=ltr(refund_id), amount=self.sale.money(plan.amount)))
        self.sale.notice.emit("ok" if state != State.FAILED else "warn", self.message.text())
        self.entry.setText(order_id)
        self.find(keep_message=True)  # the caps and what is left change with every return

    def _refused(self, error: Exception) -> None:
        self.busy = False
        self._update()
        if isinstance(error, TooLarge) and self.view is not None:
            self._say(_ERROR, self.tr("Not saved: more than the {left} left to refund on order {order}.").format(
                left=self.sale.money(error.left), order=ltr(self.view.order.order_id)))
            self.find(keep_message=True)  # show what is left now
        elif isinstance(error, ValidationError):
            self._say(_ERROR, self.tr("Not saved: {reason}").format(reason=error.message))
        else:
            self._failed(error)

    def _failed(self, error: Exception) -> None:
        log.error("return failed", exc_info=error)
        self._say(_ERROR, self.tr("Something went wrong; the details are in the log."))

    def _say(self, style: str, text: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
