"""Redeem points or an amount at checkout: the cashier picks how much, Gameball holds it (F4).

When Gameball lists redemption rules for the customer (GET /configurations/redemption), they are choices
too, each with what it takes off this basket, or why it cannot be used; picking one holds by its `ruleId`.

When the manager's OTP policy asks for proof of the customer (a phone-identified customer, above the
threshold or always), the first Enter has Gameball text the customer a code and the dialog asks for it;
the hold then carries it. A scanned Gameball QR code is proof on its own.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import TypedAmountError, parse_typed_amount, quantize
from pos_app.domain.redemption import OptionAllowance, OptionProblem, RedemptionOption, option_allowance
from pos_app.ui.sale import SaleController
from pos_app.ui.screen_fit import grow_to_contents

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
        self.rule = QComboBox()
        self.rule.setObjectName("redeemRule")
        self.rule.addItem(self.tr("Points or an amount"))
        self.allowances: list[OptionAllowance] = []
        for option in sale.redemption_options:
            allowance = option_allowance(option, basket.total_price, self.available, sale.currency)
            self.allowances.append(allowance)
            if allowance.value is not None:
                label = self.tr("{name}: {points} points, {value} off").format(
                    name=option.name, points=f"{option.points:,}", value=sale.money(allowance.value))
            else:
                label = self.tr("{name}: {points} points ({reason})").format(
                    name=option.name, points=f"{option.points:,}", reason=self._why_not(allowance.problem))
            self.rule.addItem(label)
            if allowance.value is None:
                item = self.rule.model().item(self.rule.count() - 1)  # type: ignore[attr-defined]
                item.setEnabled(False)
        if sale.redemption_options:
            form.addRow(self.tr("Reward"), self.rule)
        else:
            self.rule.setVisible(False)
        form.addRow(self.tr("Redeem"), self.mode)
        form.addRow(self.tr("How much"), self.value)
        # Picks of what the account's rules and this basket allow; nothing is chosen until one is pressed.
        self.pick_least = QPushButton(self.tr("Least: {points}").format(points=f"{self.least:,}"))
        self.pick_most = QPushButton(self.tr("Most: {points}").format(points=f"{self.most:,}"))
        for button, points in ((self.pick_least, self.least), (self.pick_most, self.most)):
            button.setAutoDefault(False)
            button.setEnabled(self.most >= self.least)
            button.clicked.connect(lambda _=False, points=points: self._pick(points))
        picks = QHBoxLayout()
        picks.addWidget(self.pick_least)
        picks.addWidget(self.pick_most)
        picks.addStretch(1)
        form.addRow("", picks)
        form.addRow("", self.equivalent)
        self.otp_caption = QLabel(self.tr("Code from the customer's phone"))
        self.otp = QLineEdit()
        self.otp.setObjectName("redeemOtp")
        self.otp.setPlaceholderText(self.tr("the code Gameball texted"))
        form.addRow(self.otp_caption, self.otp)
        self.otp_caption.setVisible(False)
        self.otp.setVisible(False)
        self.otp_for: int | None = None  # the points the code was sent for
        self.otp_option: RedemptionOption | None = None  # and the rule, when one was picked
        sale.otp_needed.connect(self._otp_sent)
        sale.notice.connect(self._notice)

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
        self.rule.currentIndexChanged.connect(self._rule_changed)
        self.value.textChanged.connect(self._update)
        self._update()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # The figure is what the cashier types; the mode is one Tab away.
        self.value.setFocus()
        self.value.selectAll()

    def _pick(self, points: int) -> None:
        self.mode.setCurrentIndex(POINTS)
        self.value.setText(str(points))
        self.value.setFocus()

    def _why_not(self, problem: OptionProblem | None) -> str:
        if problem is OptionProblem.POINTS:
            return self.tr("not enough points")
        if problem is OptionProblem.MINIMUM:
            return self.tr("sale below its minimum")
        if problem is OptionProblem.NOTHING:
            return self.tr("nothing off this sale")
        return self.tr("not at the till")

    def option(self) -> RedemptionOption | None:
        """The redemption rule picked, or None when the cashier redeems points or an amount."""
        index = self.rule.currentIndex() - 1
        if index < 0 or self.allowances[index].value is None:
            return None
        return self.sale.redemption_options[index]

    def _rule_changed(self) -> None:
        by_rule = self.option() is not None
        for widget in (self.mode, self.value, self.pick_least, self.pick_most):
            widget.setEnabled(not by_rule)
        if not by_rule:
            self.pick_least.setEnabled(self.most >= self.least)
            self.pick_most.setEnabled(self.most >= self.least)
        self._update()

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
        option = self.option()
        if option is not None:
            self._forget_code_unless(option.points)
            value = self.allowances[self.rule.currentIndex() - 1].value
            self.problem.setText("")
            self.hold_button.setEnabled(True)
            self.equivalent.setText(self.tr("= {value} off for {points} points").format(
                value=self.sale.money(value or Decimal(0)), points=f"{option.points:,}"))
            return
        points, amount, problem = self.chosen()
        self._forget_code_unless(self.points_asked())
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

    def _forget_code_unless(self, points: int | None) -> None:
        if self.otp_for is not None and (points, self.option()) != (self.otp_for, self.otp_option):
            # The code was sent for another figure or reward: a new one is needed.
            self.otp_for = None
            self.otp_caption.setVisible(False)
            self.otp.setVisible(False)
            self.hold_button.setText(self.tr("Hold points (Enter)"))

    def points_asked(self) -> int | None:
        option = self.option()
        if option is not None:
            return option.points
        points, amount, problem = self.chosen()
        if problem is not None:
            return None
        return points if points is not None else (self.sale.redemption_rules.points_for(amount)
                                                   if amount is not None else None)

    def _hold(self) -> None:
        option = self.option()
        points, amount, problem = (None, None, None) if option is not None else self.chosen()
        asked = self.points_asked()
        if problem is not None or asked is None:
            return
        code = self.otp.text().strip()
        if self.sale.otp_required(asked):
            if self.otp_for != asked:
                # First Enter: Gameball texts the customer; the code field appears when it has.
                self.hold_button.setEnabled(False)
                self.problem.setText(self.tr("Sending a code to the customer's phone..."))
                self.otp_option = option
                self.sale.send_otp(asked, option)
                return
            if not code:
                self.problem.setText(self.tr("Enter the code the customer received."))
                self.otp.setFocus()
                return
        self.sale.redeem(points=points, amount=amount, option=option, otp=code or None)
        self.accept()

    def _notice(self, level: str, text: str) -> None:
        if level == "error" and not self.hold_button.isEnabled() and self.otp_for is None:
            self._update()
            self.problem.setText(text)  # the code could not be sent: say why here, where the cashier looks

    def _otp_sent(self, points: int) -> None:
        self.otp_for = points
        self.otp_caption.setVisible(True)
        self.otp.setVisible(True)
        self.otp.clear()
        self.problem.setText(self.tr("Ask the customer for the code Gameball texted them."))
        self.hold_button.setText(self.tr("Hold with the code (Enter)"))
        self.hold_button.setEnabled(True)
        grow_to_contents(self)  # the code row is new: grow rather than squeeze the others
        self.otp.setFocus()

    def _remove(self) -> None:
        self.sale.remove_redemption()
        self.accept()
