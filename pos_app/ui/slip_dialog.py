"""The loyalty slip after pay: points earned (or pending sync with the expected points), points
redeemed and the new balance when known. It follows the order until Gameball has it.

Shown only after the order is durable (the controller opens it from accept_order's answer). The host
POS prints the same facts from the bridge: `GET /v1/orders/{orderId}/slip`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pos_app.domain.money import minor_units
from pos_app.services.orders import State
from pos_app.services.till import Slip
from pos_app.ui.i18n import ltr
from pos_app.ui.sale import SaleController
from pos_app.ui.screen_fit import grow_to_contents

log = logging.getLogger(__name__)


class SlipDialog(QDialog):
    def __init__(self, sale: SaleController, order_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sale = sale
        self.order_id = order_id
        self.info: Slip | None = None
        self.setObjectName("slipDialog")
        self.setWindowTitle(self.tr("Loyalty slip"))
        title = QLabel(self.tr("Loyalty slip"))
        title.setObjectName("slipTitle")
        self.text = QLabel()
        self.text.setObjectName("slipText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.state = QLabel()
        self.state.setObjectName("slipState")
        self.state.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.text)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        sale.slip_changed.connect(self._changed)
        self.finished.connect(self._closed)
        self.text.setText(self.tr("Order {order}: saved.").format(order=ltr(order_id)))

    def _changed(self, info: Slip) -> None:
        if info.order_id != self.order_id:
            return
        self.info = info
        self.text.setText(self.slip_text(info))
        if info.state is State.DELIVERED:
            self.state.setText(self.tr("Sent to Gameball."))
            self.state.setStyleSheet("color: #1b7f3b;")
        elif info.state is State.FAILED:
            self.state.setText(self.tr("Gameball refused this order; a manager will see it in the failed list."))
            self.state.setStyleSheet("color: #b3261e;")
        elif info.state is State.REVIEW:
            self.state.setText(self.tr("Gameball already has an order with this id; a manager checks whether it is "
                                       "this sale. Points are not confirmed."))
            self.state.setStyleSheet("color: #b3261e;")
        else:
            self.state.setText(self.tr("Saved on this till; it is sent to Gameball as soon as it can be."))
            self.state.setStyleSheet("color: #b35c00;")
        grow_to_contents(self)  # the slip grows as the facts arrive; never let a line be cut off

    def slip_text(self, info: Slip) -> str:
        places = minor_units(info.currency)
        lines = []
        if info.customer_name or info.tier:
            # From the short-lived customer cache at pay: printed, never kept with the order.
            lines.append(" \u00b7 ".join(x for x in (info.customer_name,
                                                     self.tr("{tier} tier").format(tier=info.tier)
                                                     if info.tier else None) if x))
        lines += [
            self.tr("Order {order}").format(order=ltr(info.order_id)),
            self.tr("Paid {amount} {currency}").format(amount=ltr(f"{info.total_paid:,.{places}f}"),
                                                      currency=info.currency),
        ]
        if info.rewarded_points is not None:
            lines.append(self.tr("Points earned: {points}").format(points=f"{info.rewarded_points:,}"))
        else:
            lines.append(self.tr("Points: pending sync (expected {points})").format(
                points=f"{info.expected_points or 0:,}"))
        if info.redeemed_points:
            lines.append(self.tr("Points redeemed: {points}").format(points=f"{info.redeemed_points:,}"))
        if info.new_balance is not None:
            lines.append(self.tr("New balance: {points} points").format(points=f"{info.new_balance:,}"))
        return "\n".join(lines)

    def _closed(self) -> None:
        self.sale.slip_changed.disconnect(self._changed)
        self.sale.stop_slip(self.order_id)
