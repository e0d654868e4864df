"""Redeem points or an amount at checkout: the cashier picks how much, Gameball holds it (F4)."""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import TypedAmountError, parse_typed_amount, quantize
from pos_app.ui.sale import SaleController

log = logging.getLogger(__name__)

POINTS, AMOUNT = 0, 1


class RedeemDialog(QDialog):
    """Accepting it asks the controller for a hold; "Remove redemption" gives a hold back."""

    def __init__(self, sale: SaleController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sale = sale
        self.setObjectName("redeemDialog")
        self.setWindowTitle(self.tr("Redeem points"))
        rules, basket = sale.redemption_rules, sale.basket
        balance = sale.customer.balance if sale.customer else None
        self.available = balance.available_points if balance else None
        # Never more than the goods are worth (rounded down: the discount must not pass the total), nor
        # than the customer has, nor than Gameball allows.
        caps = [int(basket.total_price // rules.point_value)]
        if self.available is not None:
            caps.append(self.available)
        if rules.maximum_redemption:
            caps.append(rules.maximum_redemption)
        self.most = max(0, min(caps))
        self.least = max(1, rules.minimum_points)

        facts = QLabel()
        facts.setObjectName("redeemFacts")
        facts.setWordWrap(True)
        lines = []
        if self.available is not None:
            lines.append(self.tr("Available: {points} points ({value})").format(
                points=f"{self.available:,}", value=sale.money(rules.value_of(self.available, sale.currency))))
        lines.append(self.tr("1 point = {value}").format(value=sale.money(rules.point_value)))
        if self.most < self.least:
            # No range to offer: say why plainly instead of "50 to 49 points".
            lines.append(self.tr("This sale is too small to redeem: the least is {least} points ({value}).").format(
                least=f"{self.least:,}", value=sale.money(rules.value_of(self.least, sale.currency))))
        elif self.most == self.least:
            lines.append(self.tr("This sale: exactly {points} points").format(points=f"{self.most:,}"))
        else:
            lines.append(self.tr("This sale: {least} to {most} points").format(least=f"{self.least:,}",
                                                                               most=f"{self.most:,}"))
        facts.setText("<br>".join(lines))
        self.mode = QComboBox()
        self.mode.addItems([self.tr("Points"), self.tr("Amount ({currency})").format(currency=sale.currency)])
        self.value = QLineEdit()
        self.value.setObjectName("redeemValue")
        # Empty: how much to spend is the customer's choice, never a pre-filled maximum one Enter away.
        self.value.setPlaceholderText(self.tr("points to redeem"))
        self.equivalent = QLabel()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Redeem"), self.mode)
        form.addRow(self.tr("How much"), self.value)
        form.addRow("", self.equivalent)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.hold_button = buttons.addButton(self.tr("Hold points (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.hold_button.setDefault(True)
        self.remove_button: QPushButton | None = None
        if basket.redemption is not None:
            self.remove_button = buttons.addButton(self.tr("Remove redemption (Del)"),
                                                   QDialogButtonBox.ButtonRole.DestructiveRole)
            self.remove_button.setShortcut("Del")
            self.remove_button.clicked.connect(self._remove)
        buttons.accepted.connect(self._hold)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.value.textChanged.connect(self._update)
        self._update()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # The figure is what the cashier types; the mode is one Tab away.
        self.value.setFocus()
        self.value.selectAll()

    def _mode_changed(self) -> None:
        self.value.clear()
        self.value.setPlaceholderText(self.tr("amount to take off") if self.mode.currentIndex() == AMOUNT
                                      else self.tr("points to redeem"))
        self.value.setFocus()

    def chosen(self) -> tuple[int | None, Decimal | None, str | None]:
        """(points, amount, problem): what the cashier asked for, or why it cannot be held."""
        rules, currency = self.sale.redemption_rules, self.sale.currency
        if not self.value.text().strip():
            return None, None, None if self.most >= self.least else self.tr("This sale is too small to redeem.")
        try:
            number = parse_typed_amount(self.value.text())
        except TypedAmountError:
            return None, None, self.tr("Enter a number, with a point for decimals (12.50).")
        if number <= 0:
            return None, None, self.tr("Enter a number above 0.")
        if self.mode.currentIndex() == POINTS:
            if number != number.to_integral_value():
                return None, None, self.tr("Points are whole numbers.")
            points, amount = int(number), None
        else:
            amount = quantize(number, currency)
            points = rules.points_for(amount)
        if points < self.least or points > self.most:
            return None, None, self.tr("Choose from {least} to {most} points.").format(
                least=f"{self.least:,}", most=f"{self.most:,}")
        return (points, None, None) if amount is None else (None, amount, None)

    def _update(self) -> None:
        points, amount, problem = self.chosen()
        self.problem.setText(problem or "")
        self.hold_button.setEnabled(problem is None and (points is not None or amount is not None))
        rules, sale = self.sale.redemption_rules, self.sale
        if points is not None:
            self.equivalent.setText(self.tr("= {value} off").format(value=sale.money(rules.value_of(points,
                                                                                                  sale.currency))))
        elif amount is not None:
            self.equivalent.setText(self.tr("= {points} points").format(points=f"{rules.points_for(amount):,}"))
        else:
            self.equivalent.setText("")

    def _hold(self) -> None:
        points, amount, problem = self.chosen()
        if problem is not None or (points is None and amount is None):
            return
        self.sale.redeem(points=points, amount=amount)
        self.accept()

    def _remove(self) -> None:
        self.sale.remove_redemption()
        self.accept()
