"""Orders and refunds Gameball refused for good: why (code, message, requestId), then retry or discard.

Retry puts the item back into the normal outbox with its frozen body (the sender sends it on its next pass);
both retry and discard ask the reason, audited with the terminal id by the store.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QPushButton,
    QWidget,
)

from pos_app.services.manager import FailedItem, ManagerService
from pos_app.ui.i18n import ltr
from pos_app.ui.manager.common import ReasonDialog, local_time
from pos_app.ui.manager.queue_items import FIRST_OWN_COLUMN, QueueItemsDialog, QueueItemsModel
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)

# What a manager decides by comes first (who, how much, when, why); Gameball's references last.
MESSAGE, CODE, FAILED_AT, REQUEST = range(FIRST_OWN_COLUMN, FIRST_OWN_COLUMN + 4)


class FailedModel(QueueItemsModel):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Type"), self.tr("Order / refund"), self.tr("Customer"), self.tr("Amount"),
                self.tr("Sold at"), self.tr("Reason"), self.tr("Gameball code"), self.tr("Failed at"),
                self.tr("requestId"))

    def own_data(self, item: FailedItem, column: int, role: int) -> object:
        if column == CODE:
            if item.code is not None:
                return str(item.code)
            return f"HTTP {item.status}" if item.status is not None else ""
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


class FailedOrdersDialog(QueueItemsDialog):
    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        self.service = service
        self.retry_button = QPushButton(self.tr("&Retry..."))
        self.retry_button.setObjectName("retryButton")
        self.discard_button = QPushButton(self.tr("&Discard..."))
        self.discard_button.setObjectName("discardButton")
        super().__init__(
            worker, parent, name="failed", title=self.tr("Failed orders"), intro=self.tr(
                "Gameball refused these for good. Fix the cause (the order data or the keys), then Retry: it goes "
                "back into the queue. Discard drops it for ever."),
            empty=self.tr("No failed orders: everything was delivered or is still queued."),
            model=FailedModel(), stretch=MESSAGE, buttons=(self.retry_button, self.discard_button),
            load=service.failed_items)
        self.model.setParent(self)
        self.retry_button.clicked.connect(self.ask_retry)
        self.discard_button.clicked.connect(self.ask_discard)

    def describe_item(self, item: FailedItem) -> str:
        code = item.code if item.code is not None else f"HTTP {item.status}"
        # One short line each: Qt wraps a right-to-left line holding Gameball's English message badly.
        return "\n".join((
            self.tr("{what} {ref}: Gameball code {code}").format(what=self.model.kind_text(item), ref=ltr(item.ref_id),
                                                                code=code),
            ltr(item.message or ""),
            self.tr("requestId {request}").format(request=ltr(item.request_id or "-"))))

    def ask_retry(self) -> None:
        self.decide("retry", lambda what: RetryDialog(what, self), lambda item, reason: self.service.retry(
            item.id, reason), lambda what: self.tr("{what} is queued again and is sent on the next pass.").format(
            what=what))

    def ask_discard(self) -> None:
        self.decide("discard", lambda what: DiscardDialog(what, self),
                    lambda item, reason: self.service.discard(item.id, reason),
                    lambda what: self.tr("{what} is discarded.").format(what=what))
