"""Orders and refunds Gameball refused for good: why (code, message, requestId), then retry or discard.

Retry puts the item back into the normal outbox with its frozen body (the sender sends it on its next pass);
both retry and discard ask the reason, audited with the terminal id by the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QItemSelectionModel,
    Qt,
    Signal,
)
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
from pos_app.services.manager import FailedItem, ManagerService
from pos_app.services.orders import Kind
from pos_app.ui.history import local_time as iso_local_time
from pos_app.ui.i18n import ltr
from pos_app.ui.manager.common import ReasonDialog, WorkerCalls, describe, local_time
from pos_app.ui.row_model import AnyIndex, RowsModel
from pos_app.ui.screen_fit import fit_to_screen
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

# What a manager decides by comes first (who, how much, when, why); Gameball's references last.
KIND, REF, CUSTOMER, AMOUNT, SOLD_AT, MESSAGE, CODE, FAILED_AT, REQUEST = range(9)


class FailedModel(RowsModel[FailedItem]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Type"), self.tr("Order / refund"), self.tr("Customer"), self.tr("Amount"),
                self.tr("Sold at"), self.tr("Reason"), self.tr("Gameball code"), self.tr("Failed at"),
                self.tr("requestId"))

    def amount_text(self, item: FailedItem) -> str:
        if item.amount is None:
            return self.tr("the whole rest") if item.kind is Kind.REFUND else ""
        currency = item.currency or ""
        return ltr(f"{item.amount:,.{minor_units(currency or 'USD')}f} {currency}")

    def kind_text(self, item: FailedItem) -> str:
        return self.tr("Order") if item.kind is Kind.ORDER else self.tr("Refund")

    def ref_text(self, item: FailedItem) -> str:
        if item.kind is Kind.ORDER:
            return item.ref_id
        return self.tr("{refund} (order {order})").format(refund=item.ref_id, order=item.order_id)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.rows[index.row()]
        column = index.column()
        if column == KIND:
            return self.kind_text(item)
        if column == REF:
            return self.ref_text(item)
        if column == CODE:
            if item.code is not None:
                return str(item.code)
            return f"HTTP {item.status}" if item.status is not None else ""
        if column == CUSTOMER:
            return ltr(item.customer_id or "")
        if column == AMOUNT:
            return self.amount_text(item)
        if column == SOLD_AT:
            return ltr(iso_local_time(item.order_date)) if item.order_date else ""
        if column == MESSAGE:
            return item.message or ""
        if column == REQUEST:
            return item.request_id or ""
        return local_time(item.failed_at)


class DiscardDialog(ReasonDialog):
    """The reason is mandatory: it goes into the audit log with the manager's discard."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__("discard", self.tr("Discard"), self.tr(
            "Discard {what}? It will never be sent to Gameball, and the customer gets no points for it. Give "
            "the reason for the audit log.").format(what=what), self.tr("Discard"),
            self.tr("for example: test sale, entered twice"), parent)


class RetryDialog(ReasonDialog):
    """A retry is a manager's decision too: its reason goes into the audit log and the end-of-day notices."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__("retry", self.tr("Retry"), self.tr(
            "Send {what} to Gameball again, with the same data? Give the reason for the audit log (what was "
            "fixed).").format(what=what), self.tr("Retry"), self.tr("for example: customer ID corrected in the POS"),
            parent)


class FailedOrdersDialog(WorkerCalls, QDialog):
    changed = Signal()  # an item was retried or discarded: the failed count changed

    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.track(worker)
        self.busy = False
        self.discard_dialog: DiscardDialog | None = None
        self.retry_dialog: RetryDialog | None = None
        self.setObjectName("failedOrdersDialog")
        self.setWindowTitle(self.tr("Failed orders"))
        intro = QLabel(self.tr(
            "Gameball refused these for good. Fix the cause (the order data or the keys), then Retry: it goes "
            "back into the queue. Discard drops it for ever."))
        intro.setWordWrap(True)
        self.model = FailedModel(self)
        self.table = QTableView()
        self.table.setObjectName("failedTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.detail = QLabel()
        self.detail.setObjectName("failedDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(self.tr("No failed orders: everything was delivered or is still queued."))
        self.empty.setObjectName("failedEmpty")
        self.empty.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("failedMessage")
        self.message.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("&Retry..."))
        self.retry_button.setObjectName("retryButton")
        self.discard_button = QPushButton(self.tr("&Discard..."))
        self.discard_button.setObjectName("discardButton")
        self.retry_button.clicked.connect(self.ask_retry)
        self.discard_button.clicked.connect(self.ask_discard)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
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

    def selected(self) -> FailedItem | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _enable(self) -> None:
        has = self.selected() is not None and not self.busy
        self.retry_button.setEnabled(has)
        self.discard_button.setEnabled(has)

    def _show_detail(self) -> None:
        """The whole message of the selected item: the table cuts long ones off."""
        item = self.selected()
        if item is None:
            self.detail.clear()
            return
        code = item.code if item.code is not None else f"HTTP {item.status}"
        # One short line each: Qt wraps a right-to-left line holding Gameball's English message badly.
        self.detail.setText("\n".join((
            self.tr("{what} {ref}: Gameball code {code}").format(what=self.model.kind_text(item), ref=ltr(item.ref_id),
                                                                code=code),
            ltr(item.message or ""),
            self.tr("requestId {request}").format(request=ltr(item.request_id or "-")))))

    def refresh(self) -> None:
        self.call("failed list", self.service.failed_items, self._show, self._failed, query=True)

    def _show(self, rows: list[FailedItem]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            # Not QTableView.selectRow: right to left, before the first layout, it finds no column to select.
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._show_detail()
        self._enable()

    def ask_retry(self) -> None:
        item = self.selected()
        if item is None or self.busy:
            return
        what = f"{self.model.kind_text(item)} {ltr(item.ref_id)}"
        self.retry_dialog = RetryDialog(what, self)

        def done(result: int) -> None:
            dialog, self.retry_dialog = self.retry_dialog, None
            if dialog is None:
                return
            reason = dialog.typed()
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted and reason:
                self._run("retry", lambda: self.service.retry(item.id, reason), self.tr(
                    "{what} is queued again and is sent on the next pass.").format(what=what))

        self.retry_dialog.finished.connect(done)
        self.retry_dialog.open()

    def ask_discard(self) -> None:
        item = self.selected()
        if item is None or self.busy:
            return
        what = f"{self.model.kind_text(item)} {ltr(item.ref_id)}"
        self.discard_dialog = DiscardDialog(what, self)

        def done(result: int) -> None:
            dialog, self.discard_dialog = self.discard_dialog, None
            if dialog is None:
                return
            reason = dialog.typed()
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted and reason:
                self._run("discard", lambda: self.service.discard(item.id, reason),
                          self.tr("{what} is discarded.").format(what=what))

        self.discard_dialog.finished.connect(done)
        self.discard_dialog.open()

    def _run(self, name: str, call: Callable[[], object], success: str) -> None:
        self.busy = True
        self._enable()

        def done(_: object) -> None:
            self.busy = False
            self.message.setText(success)
            self.changed.emit()
            self.refresh()

        self.call(name, call, done, self._failed)

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.message.setText(describe(error))
        self._enable()
