"""The basket table: a model over the sale's Basket and Preview, and a keyboard-driven view."""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from pos_app.domain.money import minor_units
from pos_app.ui.sale import PreviewSource, SaleController

log = logging.getLogger(__name__)

ITEM, QUANTITY, PRICE, TOTAL, POINTS = range(5)
_NUMERIC = (QUANTITY, PRICE, TOTAL, POINTS)
AnyIndex = QModelIndex | QPersistentModelIndex


def quantity_text(quantity: Decimal) -> str:
    return f"{quantity.normalize():f}"


class BasketModel(QAbstractTableModel):
    def __init__(self, sale: SaleController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sale = sale
        sale.basket_changed.connect(self._reset)
        sale.preview_changed.connect(self._points_changed)

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _points_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, POINTS), self.index(self.rowCount() - 1, POINTS))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else len(self.sale.basket.lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Item"), self.tr("Qty"), self.tr("Price"), self.tr("Total"), self.tr("Points"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == ITEM:
            return self.sale.basket.lines[index.row()].title  # the whole name, where the column cuts it
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        currency = self.sale.currency
        line = self.sale.basket.lines[index.row()]
        column = index.column()
        if column == ITEM:
            return line.title
        if column == QUANTITY:
            return quantity_text(line.quantity)
        if column == PRICE:
            return f"{line.price:,.{minor_units(currency)}f}"
        if column == TOTAL:
            return f"{line.total(currency):,.{minor_units(currency)}f}"
        return self._points(index.row())

    def _points(self, row: int) -> str:
        preview = self.sale.preview
        if preview is None or row >= len(preview.lines) or preview.lines[row] is None:
            return ""
        line = preview.lines[row]
        assert line is not None
        # "≈" marks a local estimate; the live figure from Gameball has none.
        text = f"{line.points:,}" if preview.source is PreviewSource.LIVE else f"\u2248{line.points:,}"
        return f"{text} ({line.campaign})" if line.campaign else text


class BasketView(QTableView):
    """Del removes the selected line, + and - change its quantity: no mouse needed."""

    remove_requested = Signal(int)
    quantity_step = Signal(int, int)  # row, +1 or -1

    def __init__(self, model: BasketModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        for column in _NUMERIC:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        model.modelReset.connect(self._select_last)

    def _select_last(self) -> None:
        rows = self.model().rowCount()
        if rows:
            self.selectRow(rows - 1)

    def current_row(self) -> int:
        return self.currentIndex().row() if self.currentIndex().isValid() else -1

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        row = self.current_row()
        if row >= 0 and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_requested.emit(row)
        elif row >= 0 and event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.quantity_step.emit(row, 1)
        elif row >= 0 and event.key() == Qt.Key.Key_Minus:
            self.quantity_step.emit(row, -1)
        else:
            super().keyPressEvent(event)
