"""The frame of a manager's list of queue items waiting for a decision (failed, needing review): the table, whose
first columns are the same in both (type, order or refund, customer, amount, sold at), the selected item's
detail, decision buttons that each ask the reason first, and what came of the last decision. Each list supplies
its further columns, its texts, how an item is detailed and what each decision calls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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
from pos_app.services.orders import Kind
from pos_app.ui.history import local_time as iso_local_time
from pos_app.ui.i18n import ltr
from pos_app.ui.manager.common import ReasonDialog, WorkerCalls, describe
from pos_app.ui.row_model import AnyIndex, RowsModel
from pos_app.ui.screen_fit import fit_to_screen
from pos_app.ui.worker import Worker

# The columns every queue list starts with; a list's own columns follow from FIRST_OWN_COLUMN.
KIND, REF, CUSTOMER, AMOUNT, SOLD_AT = range(5)
FIRST_OWN_COLUMN = 5


class QueueItemsModel(RowsModel[Any]):
    """Rows of queue items (FailedItem, ReviewItem): `kind`, `ref_id`, `order_id`, `customer_id`, `amount`,
    `currency` and `order_date` are what the first columns show; `own_data` gives the rest."""

    def kind_text(self, item: Any) -> str:
        return self.tr("Order") if item.kind is Kind.ORDER else self.tr("Refund")

    def ref_text(self, item: Any) -> str:
        if item.kind is Kind.ORDER:
            return item.ref_id
        return self.tr("{refund} (order {order})").format(refund=item.ref_id, order=item.order_id)

    def amount_text(self, item: Any) -> str:
        if item.amount is None:
            return self.tr("the whole rest") if item.kind is Kind.REFUND else ""
        currency = item.currency or ""
        return ltr(f"{item.amount:,.{minor_units(currency or 'USD')}f} {currency}".strip())

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        item = self.rows[index.row()]
        column = index.column()
        if column == KIND:
            return self.kind_text(item)
        if column == REF:
            return self.ref_text(item)
        if column == CUSTOMER:
            return ltr(item.customer_id or "")
        if column == AMOUNT:
            return self.amount_text(item)
        if column == SOLD_AT:
            return ltr(iso_local_time(item.order_date)) if item.order_date else ""
        return self.own_data(item, column, role)

    def own_data(self, item: Any, column: int, role: int) -> object:
        """The list's own columns, from FIRST_OWN_COLUMN on."""
        raise NotImplementedError


class QueueItemsDialog(WorkerCalls, QDialog):
    changed = Signal()  # a decision was made: the counts changed

    def __init__(self, worker: Worker, parent: QWidget | None, *, name: str, title: str, intro: str, empty: str,
                 model: QueueItemsModel, stretch: int, buttons: Sequence[QPushButton],
                 load: Callable[[], list[Any]]) -> None:
        """`name` prefixes the widgets' object names; `stretch` is the column that takes the spare width;
        `load` reads the list (on the worker)."""
        super().__init__(parent)
        self.track(worker)
        self.busy = False
        self.reason_dialog: ReasonDialog | None = None
        self._load = load
        self._name = name
        self.setObjectName(f"{name}OrdersDialog")
        self.setWindowTitle(title)
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        self.model = model
        self.table = QTableView()
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.detail = QLabel()
        self.detail.setObjectName(f"{name}Detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(empty)
        self.empty.setObjectName(f"{name}Empty")
        self.empty.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName(f"{name}Message")
        self.message.setWordWrap(True)
        self.decision_buttons = tuple(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in self.decision_buttons:
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        fit_to_screen(self, 960, 520)
        self._enable()
        self.refresh()

    def selected(self) -> Any:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def describe_item(self, item: Any) -> str:
        """The selected item's detail, one short line each (the table cuts long ones off)."""
        raise NotImplementedError

    def _enable(self) -> None:
        has = self.selected() is not None and not self.busy
        for button in self.decision_buttons:
            button.setEnabled(has)

    def _show_detail(self) -> None:
        item = self.selected()
        self.detail.setText("" if item is None else self.describe_item(item))

    def refresh(self) -> None:
        self.call(f"{self._name} list", self._load, self._show, self._failed, query=True)

    def _show(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        if rows:
            # Not QTableView.selectRow: right to left, before the first layout, it finds no column to select.
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._show_detail()
        self._enable()

    def decide(self, name: str, ask: Callable[[str], ReasonDialog], act: Callable[[Any, str], object],
               success: Callable[[str], str]) -> None:
        """Ask the reason for a decision on the selected item (`ask` makes the dialog for "Order X"), then
        make it on the worker (`act(item, reason)`) and say `success("Order X")`."""
        item = self.selected()
        if item is None or self.busy:
            return
        what = f"{self.model.kind_text(item)} {ltr(item.ref_id)}"
        self.reason_dialog = ask(what)

        def done(result: int) -> None:
            dialog, self.reason_dialog = self.reason_dialog, None
            if dialog is None:
                return
            reason = dialog.typed()
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted and reason:
                self._run(name, lambda: act(item, reason), success(what))

        self.reason_dialog.finished.connect(done)
        self.reason_dialog.open()

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
