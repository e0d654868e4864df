"""The order history (F6): every order with its state, points, returns and Gameball transactions.

Search by orderId or customer (a phone number is matched in its E.164 form too), filter by state and
by the days of sale. Every query goes through the worker; an answer to an older query is dropped.
"Return..." asks the window to open a return of the selected order.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import minor_units
from pos_app.domain.timeutil import parse_iso
from pos_app.services.orders import HistoryPage, OrderRecord, OrderSummary, RefundRecord, State
from pos_app.ui.i18n import ltr
from pos_app.ui.row_model import AnyIndex, RowsModel
from pos_app.ui.sale import SaleController
from pos_app.ui.screen_fit import fit_to_screen
from pos_app.ui.shortcuts import KEYS

log = logging.getLogger(__name__)

DATE, ORDER, CUSTOMER, PAID, STATE, POINTS, REDEEMED, TRANSACTIONS = range(8)
HISTORY_DAYS = 30
PAGE = 200  # orders listed at a time: the rest one click away


def local_time(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return parse_iso(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class HistoryModel(RowsModel[OrderSummary]):
    def state_text(self, state: State) -> str:
        return {
            State.QUEUED: self.tr("queued"), State.SENDING: self.tr("sending"),
            State.DELIVERED: self.tr("delivered"), State.FAILED: self.tr("failed"),
            State.DISCARDED: self.tr("discarded"), State.REVIEW: self.tr("needs review"),
        }[state]

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Date"), self.tr("Order"), self.tr("Customer"), self.tr("Paid"), self.tr("State"),
                self.tr("Points"), self.tr("Redeemed"), self.tr("Transactions"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PAID, POINTS, REDEEMED, TRANSACTIONS):
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE and row.state in (State.FAILED, State.REVIEW):
            return Qt.GlobalColor.red
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == DATE:
            return local_time(row.order_date)
        if column == ORDER:
            return row.order_id
        if column == CUSTOMER:
            return row.customer_id
        if column == PAID:
            return f"{row.total_paid:,.{minor_units(row.currency)}f} {row.currency}"
        if column == STATE:
            return self.state_text(row.state)
        if column == POINTS:
            if row.rewarded_points is not None:
                return f"{row.rewarded_points:,}"
            return self.tr("\u2248{points} pending").format(points=row.expected_points or 0)
        if column == REDEEMED:
            return f"{row.redeemed_points:,}" if row.redeemed_points else ""
        return str(row.transaction_count)


class HistoryDialog(QDialog):
    return_requested = Signal(str)  # orderId: the cashier wants to return (some of) it

    def __init__(self, sale: SaleController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sale = sale
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("Order history"))
        self._query = 0
        self._detail_query = 0
        self.search = QLineEdit()
        self.search.setObjectName("historySearch")
        self.search.setPlaceholderText(self.tr("Order ID, phone or customer ID"))
        self.search.setClearButtonEnabled(True)
        self.state = QComboBox()
        self.state.setObjectName("historyState")
        self.state.addItem(self.tr("All states"), None)
        self.model = HistoryModel(self)
        for state in (State.QUEUED, State.SENDING, State.DELIVERED, State.FAILED, State.REVIEW, State.DISCARDED):
            self.state.addItem(self.model.state_text(state), state)
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(-HISTORY_DAYS))
        self.last = QDateEdit(today)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("historyDetail")
        self.detail.setReadOnly(True)
        self.count = QLabel()
        self.more_button = QPushButton(self.tr("Show {count} more").format(count=PAGE))
        self.more_button.setObjectName("historyMore")
        self.more_button.setAutoDefault(False)
        self.more_button.setVisible(False)
        self._limit = PAGE
        self._shown_filters: tuple[str, State | None, date, date] | None = None
        self.return_button = QPushButton(self.tr("Return... ({key})").format(key=KEYS["return"]))
        self.return_button.setObjectName("historyReturn")
        self.return_button.setAutoDefault(False)
        self.return_button.setEnabled(False)

        filters = QHBoxLayout()
        search_label = QLabel(self.tr("&Search"))
        search_label.setBuddy(self.search)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 3)
        filters.addWidget(self.state, 1)
        filters.addWidget(QLabel(self.tr("From")))
        filters.addWidget(self.first)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.last)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.return_button)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

        self.search.returnPressed.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)
        self.state.currentIndexChanged.connect(self.refresh)
        self.first.dateChanged.connect(self.refresh)
        self.last.dateChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        sale.status_changed.connect(self.refresh)  # states and points change as the queue drains
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)
        QShortcut(QKeySequence(KEYS["return"]), self, self.request_return)
        self.return_button.clicked.connect(self.request_return)
        self.more_button.clicked.connect(self.show_more)
        self.finished.connect(self._closed)
        fit_to_screen(self, 980, 640)
        self.refresh()

    def _closed(self) -> None:
        self.sale.status_changed.disconnect(self.refresh)
        # Answers still on the worker are for a dialog about to be deleted: make them stale.
        self._query += 1
        self._detail_query += 1

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.search.setFocus()

    def filters(self) -> tuple[str, State | None, date, date]:
        return (self.search.text().strip(), self.state.currentData(), self.first.date().toPython(),
                self.last.date().toPython())

    def refresh(self) -> None:
        self._query += 1
        query = self._query
        text, state, first, last = self.filters()
        if (text, state, first, last) != self._shown_filters:
            self._limit = PAGE  # other filters: start again from the newest page
            self._shown_filters = (text, state, first, last)
        orders, limit = self.sale.services.orders, self._limit
        self.sale.worker.submit("history", lambda: orders.page(text, state, first, last, limit),
                                lambda page: self._show(page, query), stale=lambda: query != self._query)

    def show_more(self) -> None:
        """The next page of older orders, below the ones shown."""
        self._limit += PAGE
        self.refresh()

    def _show(self, page: HistoryPage, query: int) -> None:
        if query != self._query:
            return
        rows = page.rows
        selected = self.selected_order()
        self.model.set_rows(rows)
        if len(rows) < page.total:
            # Never "200 orders" when 5,000 match: say how many are left out, and offer them.
            self.count.setText(self.tr("{shown} of {total} orders shown").format(
                shown=f"{len(rows):,}", total=f"{page.total:,}"))
        else:
            self.count.setText(self.tr("%n order(s)", "", page.total))
        self.more_button.setVisible(len(rows) < page.total)
        for number, row in enumerate(rows):
            if row.order_id == selected:
                self.table.selectRow(number)
                break
        else:
            if rows:
                self.table.selectRow(0)

    def selected_order(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()].order_id if index.isValid() and index.row() < len(self.model.rows) \
            else None

    def request_return(self) -> None:
        order_id = self.selected_order()
        if order_id is not None:
            self.return_requested.emit(order_id)

    def _row_changed(self, current: QModelIndex) -> None:
        self.return_button.setEnabled(current.isValid())
        if not current.isValid():
            self.detail.clear()
            return
        order_id = self.model.rows[current.row()].order_id
        self._detail_query += 1
        query = self._detail_query
        orders, customers = self.sale.services.orders, self.sale.services.customers

        def detail() -> tuple[OrderRecord | None, str | None]:
            record = orders.detail(order_id)
            # The name only while the customer cache holds it: it is never kept with the order.
            return record, customers.cached_name(record.customer_id) if record is not None else None

        self.sale.worker.submit("history detail", detail, lambda answer: self._show_detail(*answer, query),
                                stale=lambda: query != self._detail_query)

    def _show_detail(self, record: OrderRecord | None, name: str | None, query: int) -> None:
        if query != self._detail_query or record is None:
            return
        customer = ltr(record.customer_id)
        if name:
            customer = self.tr("{name} ({customer})").format(name=name, customer=customer)
        lines = [self.tr("Order {order} for {customer}").format(order=ltr(record.order_id), customer=customer)]
        if record.rewarded_points is not None:
            lines.append(self.tr("Points earned: {points}").format(points=record.rewarded_points))
        else:
            lines.append(self.tr("Points: pending sync (expected {points})").format(
                points=record.expected_points or 0))
        if record.redeemed_points:
            lines.append(self.tr("Points redeemed: {points}").format(points=record.redeemed_points))
        if record.refunds:
            lines.append(self.tr("Returns:"))
            lines.extend("  " + self.refund_text(refund, record.currency) for refund in record.refunds)
        if record.transactions:
            lines.append(self.tr("Gameball transactions:"))
            for tx in record.transactions:
                lines.append("  " + self.tr("{date}  {type}  {points} points  (#{id})").format(
                    date=ltr(local_time(tx.transaction_date)), type=ltr(tx.transaction_type or "?"),
                    points=tx.equivalent_points if tx.equivalent_points is not None else "?",
                    id=tx.gameball_transaction_id))
        else:
            lines.append(self.tr("No Gameball transactions yet."))
        self.detail.setPlainText("\n".join(lines))

    def refund_text(self, refund: RefundRecord, currency: str) -> str:
        """One return: its id, the money (the whole order when no amount was named) and its state."""
        if refund.refund_amount is None:
            amount = self.tr("the whole order")
        else:
            amount = ltr(f"{refund.refund_amount:,.{minor_units(currency)}f} {currency}")
        text = self.tr("{id}  {amount}  {state}").format(id=ltr(refund.refund_id), amount=amount,
                                                         state=self.model.state_text(refund.state))
        answer = refund.response if isinstance(refund.response, dict) else {}
        points = answer.get("refundEquivalentPoints")
        if points is not None:
            text += "  " + self.tr("({points} points taken back)").format(points=points)
        return text
