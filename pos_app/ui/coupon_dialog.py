"""A Gameball coupon for this sale (Ctrl+K): typed or scanned, checked for this customer and basket,
locked while the sale is open. The dialog stays open until Gameball answers, so a refusal is read
where the code was typed; "Remove coupon" frees a coupon already on the sale."""

from __future__ import annotations

import logging

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pos_app.domain.basket import AppliedCoupon
from pos_app.ui.i18n import ltr
from pos_app.ui.sale import SaleController
from pos_app.ui.screen_fit import grow_to_contents

log = logging.getLogger(__name__)


class CouponDialog(QDialog):
    def __init__(self, sale: SaleController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sale = sale
        self.setObjectName("couponDialog")
        self.setWindowTitle(self.tr("Gameball coupon"))
        current = sale.basket.coupon
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setText(self.tr("On this sale: {code}, {value} off").format(
            code=ltr(current.code), value=ltr("-" + sale.money(sale.basket.coupon_discount))) if current
            else self.tr("Scan or type the coupon code the customer shows."))
        self.code = QLineEdit()
        self.code.setObjectName("couponCode")
        self.code.setPlaceholderText(self.tr("coupon code"))
        self.problem = QLabel()
        self.problem.setObjectName("couponProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e; font-weight: bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.addButton(self.tr("Apply (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setDefault(True)
        self.remove_button: QPushButton | None = None
        if current is not None:
            self.remove_button = buttons.addButton(self.tr("Remove coupon (Del)"),
                                                   QDialogButtonBox.ButtonRole.DestructiveRole)
            self.remove_button.setShortcut("Del")
            self.remove_button.clicked.connect(self._remove)
        buttons.accepted.connect(self._apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addWidget(self.code)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        sale.field_error.connect(self._field_error)
        sale.basket_changed.connect(self._basket_changed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.code.setFocus()

    def _apply(self) -> None:
        code = self.code.text().strip()
        if not code:
            self.problem.setText(self.tr("Enter the coupon code."))
            return
        self.problem.setText(self.tr("Asking Gameball..."))
        grow_to_contents(self)
        self.apply_button.setEnabled(False)
        self.sale.apply_coupon(code)

    def _field_error(self, field: str, text: str) -> None:
        if field == "coupon" and text:
            self.problem.setText(text)
            grow_to_contents(self)  # a long reason grows the dialog rather than being cut
            self.apply_button.setEnabled(True)
            self.code.setFocus()
            self.code.selectAll()

    def _basket_changed(self) -> None:
        coupon: AppliedCoupon | None = self.sale.basket.coupon
        if coupon is not None and coupon.code == self.code.text().strip():
            self.accept()  # applied: the totals show it

    def _remove(self) -> None:
        self.sale.remove_coupon()
        self.accept()
