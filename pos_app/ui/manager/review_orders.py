"""Orders (and refunds) that need review: Gameball holds something under the id and its records cannot show whether
it is this sale (issue 12). The manager compares this sale's figures with Gameball's transactions, checks in
Gameball, then decides: this sale (delivered) or another sale (failed, "order id already used by another sale").
Each decision needs a reason and is audited with the terminal, like a discard."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QPushButton,
    QWidget,
)

from pos_app.services.manager import ManagerService, ReviewItem
from pos_app.ui.history import local_time as iso_local_time
from pos_app.ui.i18n import ltr
from pos_app.ui.manager.common import ReasonDialog, local_time
from pos_app.ui.manager.queue_items import FIRST_OWN_COLUMN, QueueItemsDialog, QueueItemsModel
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

GAMEBALL = FIRST_OWN_COLUMN


class ReviewModel(QueueItemsModel):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Type"), self.tr("Order / refund"), self.tr("Customer"), self.tr("This sale"),
                self.tr("Sold at"), self.tr("Gameball holds"))

    def gameball_text(self, item: ReviewItem) -> str:
        """One line per transaction Gameball holds under the id: its type, amount, points and time."""
        if not item.gameball:
            return self.tr("no transaction under this id")
        return "\n".join(self.tr("{type}: {amount} paid, {points} points, {time}").format(
            type=tx.transaction_type or "?", amount=ltr("?" if tx.amount is None else f"{tx.amount}"),
            points="?" if tx.points is None else f"{tx.points:,}",
            time=ltr(iso_local_time(tx.date)) if tx.date else self.tr("no time recorded"))
            for tx in item.gameball)

    def own_data(self, item: ReviewItem, column: int, role: int) -> object:
        text = self.gameball_text(item)
        return text if role == Qt.ItemDataRole.ToolTipRole else text.replace("\n", "; ")


class ReviewOrdersDialog(QueueItemsDialog):
    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        self.service = service
        self.this_sale_button = QPushButton(self.tr("It is &this sale..."))
        self.this_sale_button.setObjectName("thisSaleButton")
        self.this_sale_button.setToolTip(self.tr("Mark it delivered"))
        self.other_sale_button = QPushButton(self.tr("It is &another sale..."))
        self.other_sale_button.setObjectName("otherSaleButton")
        self.other_sale_button.setToolTip(self.tr("Mark it failed: order id already used by another sale"))
        super().__init__(
            worker, parent, name="review", title=self.tr("Orders needing review"), intro=self.tr(
                "Gameball already has an order under each of these ids, and its records cannot show whether it is "
                "this sale. They are not delivered and are not sent again. Compare the figures, check in Gameball, "
                "then decide."),
            empty=self.tr("No order needs review."), model=ReviewModel(), stretch=GAMEBALL,
            buttons=(self.this_sale_button, self.other_sale_button), load=service.review_items)
        self.model.setParent(self)
        self.this_sale_button.clicked.connect(lambda: self.ask(True))
        self.other_sale_button.clicked.connect(lambda: self.ask(False))

    def describe_item(self, item: ReviewItem) -> str:
        """This sale's figures above Gameball's."""
        this_sale = self.tr("This sale: {amount}, customer {customer}, sold {sold}, first sent {sent}").format(
            amount=self.model.amount_text(item), customer=ltr(item.customer_id or "-"),
            sold=ltr(iso_local_time(item.order_date)) if item.order_date else "-",
            sent=ltr(local_time(item.first_sent_at)) or "-")
        since = self.tr("Put aside for review {time}").format(time=ltr(local_time(item.since)))
        gameball = "\n".join(self.tr("Gameball: {transaction}").format(transaction=line)
                             for line in self.model.gameball_text(item).split("\n"))
        return "\n".join((this_sale, gameball, since))

    def ask(self, this_sale: bool) -> None:
        def act(item: ReviewItem, reason: str) -> object:
            return self.service.resolve_review(item.id, this_sale, reason)

        if this_sale:
            self.decide("review decision", lambda what: ReasonDialog(
                "thisSale", self.tr("It is this sale"), self.tr(
                    "Mark {what} delivered? Do this only if Gameball's order is this sale: its points then count as "
                    "given. Say what you checked, for the audit log.").format(what=what),
                self.tr("Mark delivered"), self.tr("for example: same receipt and customer in Gameball"), self),
                act, lambda what: self.tr("{what} is marked delivered.").format(what=what))
        else:
            self.decide("review decision", lambda what: ReasonDialog(
                "otherSale", self.tr("It is another sale"), self.tr(
                    "Mark {what} failed? Gameball's order under this id is another sale, so this sale got no points "
                    "there. Say what you checked, for the audit log.").format(what=what),
                self.tr("Mark failed"), self.tr("for example: another customer in Gameball"), self),
                act, lambda what: self.tr("{what} is marked failed: order id already used by another sale.").format(
                    what=what))
