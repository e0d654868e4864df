"""The customer: who it is (name, or phone, QR or ID), tier and progress, the balance, and how old those
are when offline."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QWidget

from pos_app.domain.customer_id import Source
from pos_app.ui.i18n import ltr
from pos_app.ui.sale import SaleController
from pos_app.ui.status_bar import connection_of, not_live_reason

log = logging.getLogger(__name__)


class CustomerPanel(QFrame):
    def __init__(self, sale: SaleController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sale = sale
        self.setObjectName("customerPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel()
        self.entry = QLineEdit()
        self.entry.setObjectName("customerEntry")
        self.entry.setClearButtonEnabled(True)
        self.caption.setBuddy(self.entry)
        # Plain text, elided: a name or an id is as long as whoever typed it likes, and is never cut.
        self.who_label = QLabel()
        self.who_label.setObjectName("customerWho")
        self.who_label.setTextFormat(Qt.TextFormat.PlainText)
        self.who_label.setMinimumWidth(1)
        self.who_label.setStyleSheet("font-weight: bold;")
        self._who_text = ("", "")
        self.balance_label = QLabel()
        self.balance_label.setObjectName("customerBalance")
        self.balance_label.setWordWrap(True)
        self.age_label = QLabel()
        self.age_label.setObjectName("customerAge")
        self.age_label.setWordWrap(True)
        layout = QGridLayout(self)
        layout.addWidget(self.caption, 0, 0)
        layout.addWidget(self.entry, 0, 1)
        layout.addWidget(self.who_label, 0, 2)
        layout.addWidget(self.balance_label, 1, 0, 1, 3)
        layout.addWidget(self.age_label, 2, 0, 1, 3)
        self.error = QLabel()
        self.error.setObjectName("customerError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error.setVisible(False)
        layout.addWidget(self.error, 3, 0, 1, 3)
        layout.setColumnStretch(1, 2)
        layout.setColumnStretch(2, 3)
        self.entry.returnPressed.connect(self._typed)
        sale.customer_changed.connect(self.render)
        self.render()

    def _typed(self) -> None:
        self.sale.identify(self.entry.text())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._show_who()

    def _set_who(self, head: str, tail: str = "") -> None:
        self._who_text = (head, tail)
        self._show_who()

    def _show_who(self) -> None:
        """The name (or id) is elided if it must be; the tier and progress after it always show whole."""
        head, tail = self._who_text
        metrics = QFontMetrics(self.who_label.font())
        width = self.who_label.width() - 4
        room = width - metrics.horizontalAdvance(tail)
        if room >= 60:
            shown = metrics.elidedText(head, Qt.TextElideMode.ElideMiddle, room) + tail
        else:
            # Too narrow for the name beside its standing (Arabic at 800 px): elide the line as a whole.
            shown = metrics.elidedText(head + tail, Qt.TextElideMode.ElideRight, max(40, width))
        self.who_label.setText(shown)
        self.who_label.setToolTip(head + tail if shown != head + tail else "")

    def who_parts(self) -> tuple[str, str]:
        """(who, standing): the name (else the id typed and how), then tier, progress and age if cached."""
        who, profile = self.sale.who, self.sale.profile
        if who is None:
            return self.tr("No customer yet"), ""
        how = {Source.PHONE: self.tr("phone"), Source.QR: self.tr("QR code"), Source.ID: self.tr("customer ID")}
        head = self.tr("{customer} (by {how})").format(customer=ltr(who.customer_id), how=how[who.source])
        if profile is not None and profile.name:
            head = profile.name
        parts = []
        if profile is not None and profile.tier:
            parts.append(self.tr("{tier} tier").format(tier=profile.tier))
            if profile.next_tier and profile.to_next is not None and profile.to_next > 0:
                parts.append(self.tr("{points} points to {tier}").format(
                    points=f"{int(profile.to_next):,}", tier=profile.next_tier))
            elif profile.next_tier is None and profile.to_next is None:
                parts.append(self.tr("top tier"))
        if profile is not None and not profile.live and profile.fetched_at is not None:
            parts.append(self.tr("as of {age} ago").format(age=self.age_text(time.time() - profile.fetched_at)))
        return head, "".join(" \u00b7 " + part for part in parts)

    def render(self) -> None:
        self.caption.setText(self.tr("&Customer (F2)"))
        self.entry.setPlaceholderText(self.tr("Phone number, QR code or customer ID"))
        sale, who, lookup = self.sale, self.sale.who, self.sale.customer
        self.age_label.setText("")
        self.age_label.setStyleSheet("")
        self.age_label.setVisible(False)
        if who is None:
            if self.entry.text() and not sale.looking_up:
                self.entry.clear()
            self._set_who(*self.who_parts())
            self.balance_label.setText(self.tr("Ask for the phone number, or scan the customer's QR code."))
            return
        self._set_who(*self.who_parts())
        if sale.looking_up:
            self.balance_label.setText(self.tr("Looking up the balance..."))
            return
        if lookup is None:
            self.balance_label.setText("")
            return
        if lookup.found is False:
            self.balance_label.setText(self.tr("Not in Gameball yet. Press F8 to add this customer, or go on: "
                                               "the order adds them."))
            return
        if lookup.balance is None:
            self.balance_label.setText(self.tr("Balance unknown: Gameball did not answer and this till has "
                                               "not seen the customer before. The sale can go on."))
            self._warn(not_live_reason(connection_of(sale.status, time.time())))
            return
        balance = lookup.balance
        parts = [self.tr("Available: <b>{points}</b> points").format(points=f"{balance.available_points:,}")]
        if balance.available_value is not None:
            parts[0] += f" ({sale.money(balance.available_value)})"
        parts.append(self.tr("Pending: {points}").format(points=f"{balance.pending_points:,}"))
        if balance.next_expiring_points:
            parts.append(self.tr("Expiring: {points} on {date}").format(
                points=f"{balance.next_expiring_points:,}", date=ltr(balance.next_expiring_date or "?")))
        self.balance_label.setText(" \u00b7 ".join(parts))
        if not lookup.live and lookup.fetched_at is not None:
            self._warn(self.tr("{reason}: last known figures, {age} old").format(
                reason=not_live_reason(connection_of(sale.status, time.time())),
                age=self.age_text(time.time() - lookup.fetched_at)))

    def _warn(self, text: str) -> None:
        self.age_label.setVisible(True)
        self.age_label.setText(text)
        self.age_label.setStyleSheet("color: #b35c00; font-weight: bold;")

    def age_text(self, seconds: float) -> str:
        minutes = int(seconds // 60)
        if minutes < 1:
            return self.tr("under a minute")
        if minutes < 60:
            return self.tr("{n} min").format(n=minutes)
        hours = minutes // 60
        if hours < 48:
            return self.tr("{n} h").format(n=hours)
        return self.tr("{n} days").format(n=hours // 24)
