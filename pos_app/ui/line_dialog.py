"""A free line (F7): an item not in the catalogue, typed with its description, price and quantity."""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_app.domain.basket import MANUAL_PRODUCT_ID, BasketLine
from pos_app.domain.money import (
    CONFIRM_QUANTITY_ABOVE,
    TypedAmountError,
    free_line_confirm_above,
    max_amount,
    minor_units,
    parse_typed_amount,
    quantize,
)
from pos_app.ui.i18n import ltr

log = logging.getLogger(__name__)


class FreeLineDialog(QDialog):
    def __init__(self, currency: str, parent: QWidget | None = None, *, confirm_above: Decimal | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.confirm_above = free_line_confirm_above(currency, confirm_above)
        self.line: BasketLine | None = None
        self._confirmed: tuple[str, Decimal, Decimal] | None = None  # the large line OK was pressed for once
        self.setWindowTitle(self.tr("Free line"))
        self.title = QLineEdit()
        self.title.setObjectName("freeTitle")
        self.price = QLineEdit()
        self.price.setObjectName("freePrice")
        self.quantity = QLineEdit("1")
        self.quantity.setObjectName("freeQuantity")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        form = QFormLayout()
        form.addRow(self.tr("Description"), self.title)
        form.addRow(self.tr("Unit price ({currency})").format(currency=currency), self.price)
        form.addRow(self.tr("Quantity"), self.quantity)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.title.setFocus()

    def _number(self, text: str) -> Decimal | None:
        try:
            number = parse_typed_amount(text)
        except TypedAmountError:
            return None
        return number if number > 0 else None

    def _accept(self) -> None:
        title = self.title.text().strip()
        price, quantity = self._number(self.price.text()), self._number(self.quantity.text())
        if not title:
            self.problem.setText(self.tr("Describe the item."))
            return
        if price is None or price != round(price, minor_units(self.currency)):
            self.problem.setText(self.tr("Enter a price above 0 with at most {places} decimals, and a point "
                                         "for decimals (12.50).").format(places=minor_units(self.currency)))
            self.price.setFocus()
            return
        if price > max_amount(self.currency):
            self.problem.setText(self.tr("A price over {limit} is not accepted; check the price.").format(
                limit=f"{max_amount(self.currency):,}"))
            self.price.setFocus()
            return
        if quantity is None:
            self.problem.setText(self.tr("Enter a quantity above 0."))
            self.quantity.setFocus()
            return
        typed = (title, price, quantity)
        total = price * quantity
        if (total > self.confirm_above or quantity > CONFIRM_QUANTITY_ABOVE) and self._confirmed != typed:
            # A large line is more often a slip than a sale: show what it comes to, and add it on a second OK.
            self._confirmed = typed
            self.problem.setText(self.tr("This line comes to {total} ({quantity} x {price}). Check it, then "
                                         "press OK again to add it.").format(
                total=ltr(f"{quantize(total, self.currency):,} {self.currency}"), quantity=ltr(f"{quantity:,}"),
                price=ltr(f"{price:,}")))
            return
        self.line = BasketLine(MANUAL_PRODUCT_ID, title, price, quantity)
        self.accept()
