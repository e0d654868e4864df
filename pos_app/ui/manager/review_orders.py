"""Orders (and refunds) that need review: Gameball holds something under the id and its records cannot show whether
it is this sale (issue 12). The manager compares this sale's figures with Gameball's transactions, checks in
Gameball, then decides: this sale (delivered) or another sale (failed, "order id already used by another sale").
Each decision needs a reason and is audited with the terminal, like a discard."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import minor_units
from pos_app.services.manager import ManagerService, ReviewItem
from pos_app.services.orders import Kind
from pos_app.ui.history import local_time as iso_local_time
from pos_app.ui.i18n import ltr
from pos_app.ui.manager.common import ReasonDialog, WorkerCalls, describe, local_time
from pos_app.ui.row_model import AnyIndex, RowsModel
from pos_app.ui.screen_fit import fit_to_screen
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

KIND, REF, CUSTOMER, AMOUNT, SOLD_AT, GAMEBALL = range(6)


def _money(amount: object, currency: str | None) -> str:
    return ltr(f"{amount:,.{minor_units(currency or 'USD')}f} {currency or ''}".strip())


class ReviewModel(RowsModel[ReviewItem]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Type"), self.tr("Order / refund"), self.tr("Customer"), self.tr("This sale"),
                self.tr("Sold at"), self.tr("Gameball holds"))

    def kind_text(self, item: ReviewItem) -> str:
        return self.tr("Order") if item.kind is Kind.ORDER else self.tr("Refund")

    def amount_text(self, item: ReviewItem) -> str:
        if item.amount is None:
            return self.tr("the whole rest") if item.kind is Kind.REFUND else ""
        return _money(item.amount, item.currency)

    def gameball_text(self, item: ReviewItem) -> str:
        """One line per transaction Gameball holds under the id: its type, amount, points and time."""
        if not item.gameball:
            return self.tr("no transaction under this id")
        return "\n".join(self.tr("{type}: {amount} paid, {points} points, {time}").format(
            type=tx.transaction_type or "?", amount=ltr("?" if tx.amount is None else f"{tx.amount}"),
            points="?" if tx.points is None else f"{tx.points:,}",
            time=ltr(iso_local_time(tx.date)) if tx.date else self.tr("no time recorded"))
            for tx in item.gameball)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.rows[index.row()]
        column = index.column()
        if column == KIND:
            return self.kind_text(item)
        if column == REF:
            return item.ref_id if item.kind is Kind.ORDER else self.tr("{refund} (order {order})").format(
                refund=item.ref_id, order=item.order_id)
        if column == CUSTOMER:
            return ltr(item.customer_id or "")
        if column == AMOUNT:
            return self.amount_text(item)
        if column == SOLD_AT:
            return ltr(iso_local_time(item.order_date)) if item.order_date else ""
        text = self.gameball_text(item)
        return text if role == Qt.ItemDataRole.ToolTipRole else text.replace("\n", "; ")


class ReviewOrdersDialog(WorkerCalls, QDialog):
    changed = Signal()  # a decision was taken: the counts changed

    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.track(worker)
        self.busy = False
        self.reason_dialog: ReasonDialog | None = None
        self.setObjectName("reviewOrdersDialog")
        self.setWindowTitle(self.tr("Orders needing review"))
        intro = QLabel(self.tr(
            "Gameball already has an order under each of these ids, and its records cannot show whether it is this "
            "sale. They are not delivered and are not sent again. Compare the figures, check in Gameball, then "
            "decide."))
        intro.setWordWrap(True)
        self.model = ReviewModel(self)
        self.table = QTableView()
        self.table.setObjectName("reviewTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GAMEBALL, QHeaderView.ResizeMode.Stretch)
        self.detail = QLabel()
        self.detail.setObjectName("reviewDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(self.tr("No order needs review."))
        self.empty.setObjectName("reviewEmpty")
        self.empty.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("reviewMessage")
        self.message.setWordWrap(True)
        self.this_sale_button = QPushButton(self.tr("It is &this sale..."))
        self.this_sale_button.setObjectName("thisSaleButton")
        self.this_sale_button.setToolTip(self.tr("Mark it delivered"))
        self.other_sale_button = QPushButton(self.tr("It is &another sale..."))
        self.other_sale_button.setObjectName("otherSaleButton")
        self.other_sale_button.setToolTip(self.tr("Mark it failed: order id already used by another sale"))
        self.this_sale_button.clicked.connect(lambda: self.ask(True))
        self.other_sale_button.clicked.connect(lambda: self.ask(False))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.this_sale_button)
        buttons.addWidget(self.other_sale_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        fit_to_screen(self, 960, 520)
        self._enable()
        self.refresh()

    def selected(self) -> ReviewItem | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _enable(self) -> None:
        has = self.selected() is not None and not self.busy
        self.this_sale_button.setEnabled(has)
        self.other_sale_button.setEnabled(has)

    def _show_detail(self) -> None:
        """This sale's figures above Gameball's, one short line each (the table cuts long ones off)."""
        item = self.selected()
        if item is None:
            self.detail.clear()
            return
        this_sale = self.tr("This sale: {amount}, customer {customer}, sold {sold}, first sent {sent}").format(
            amount=self.model.amount_text(item), customer=ltr(item.customer_id or "-"),
            sold=ltr(iso_local_time(item.order_date)) if item.order_date else "-",
            sent=ltr(local_time(item.first_sent_at)) or "-")
        since = self.tr("Put aside for review {time}").format(time=ltr(local_time(item.since)))
        gameball = "\n".join(self.tr("Gameball: {transaction}").format(transaction=line)
                             for line in self.model.gameball_text(item).split("\n"))
        self.detail.setText("\n".join((this_sale, gameball, since)))

    def refresh(self) -> None:
        self.call("review list", self.service.review_items, self._show, self._failed, query=True)

    def _show(self, rows: list[ReviewItem]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._show_detail()
        self._enable()

    def ask(self, this_sale: bool) -> None:
        item = self.selected()
        if item is None or self.busy:
            return
        what = f"{self.model.kind_text(item)} {ltr(item.ref_id)}"
        if this_sale:
            self.reason_dialog = ReasonDialog(
                "thisSale", self.tr("It is this sale"), self.tr(
                    "Mark {what} delivered? Do this only if Gameball's order is this sale: its points then count as "
                    "given. Say what you checked, for the audit log.").format(what=what),
                self.tr("Mark delivered"), self.tr("for example: same receipt and customer in Gameball"), self)
            success = self.tr("{what} is marked delivered.").format(what=what)
        else:
            self.reason_dialog = ReasonDialog(
                "otherSale", self.tr("It is another sale"), self.tr(
                    "Mark {what} failed? Gameball's order under this id is another sale, so this sale got no points "
                    "there. Say what you checked, for the audit log.").format(what=what),
                self.tr("Mark failed"), self.tr("for example: another customer in Gameball"), self)
            success = self.tr("{what} is marked failed: order id already used by another sale.").format(what=what)

        def done(result: int) -> None:
            dialog, self.reason_dialog = self.reason_dialog, None
            if dialog is None:
                return
            reason = dialog.reason.text().strip()
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted and reason:
                self._run(lambda: self.service.resolve_review(item.id, this_sale, reason), success)

        self.reason_dialog.finished.connect(done)
        self.reason_dialog.open()

    def _run(self, call: Callable[[], object], success: str) -> None:
        self.busy = True
        self._enable()

        def done(_: object) -> None:
            self.busy = False
            self.message.setText(success)
            self.changed.emit()
            self.refresh()

        self.call("review decision", call, done, self._failed)

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.message.setText(describe(error))
        self._enable()
