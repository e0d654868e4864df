"""Totals and the cashback preview: what the customer pays and the points this basket earns.

The figure is marked as an estimate until Gameball's live answer replaces it; offline the estimate
stays and says so, so the cashier never promises a live figure that is not one. The estimate is at the
customer's tier rate when Gameball's tier cashback rules and the customer's tier are known ("Estimate"), else
at the base rate ("Estimate (base rate)"); Gameball does not publish its category and product multipliers or
the conditions of its campaigns, so the live figure may differ either way.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pos_app.ui.fit_label import FitLabel
from pos_app.ui.i18n import ltr
from pos_app.ui.sale import PreviewSource, SaleController
from pos_app.ui.status_bar import Connection, connection_of, is_live, not_live_reason

log = logging.getLogger(__name__)


class PreviewWidget(QFrame):
    def __init__(self, sale: SaleController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sale = sale
        self.setObjectName("previewPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Money and points shrink to fit rather than lose a digit (a cut amount is a wrong amount).
        self.subtotal = FitLabel()
        self.redeemed = FitLabel()
        self.to_pay = FitLabel()
        self.to_pay.setObjectName("toPay")
        self.points = FitLabel()
        self.points.setObjectName("previewPoints")
        # Where the figure comes from, on one line and shrunk to fit rather than wrapped: a wrapping label asks the
        # panel for the height of several lines, more than 800x600 leaves. The texts are short; the rest is in
        # the tooltip.
        self.source = FitLabel()
        self.source.setObjectName("previewSource")
        # Campaigns this basket earns or advances stand beside the figure: the till must fit on 800x600.
        self.campaigns = QLabel()
        self.campaigns.setObjectName("previewCampaigns")
        self.campaigns.setWordWrap(True)
        self.campaigns.setTextFormat(Qt.TextFormat.PlainText)
        self.campaigns.setStyleSheet("color: #1b7f3b; font-size: 9pt;")
        self.campaigns.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        self._subtotal_caption, self._redeemed_caption = QLabel(), QLabel()
        self._to_pay_caption, self._points_caption = QLabel(), QLabel()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading)
        form.setVerticalSpacing(2)
        for caption, value in ((self._subtotal_caption, self.subtotal),
                               (self._redeemed_caption, self.redeemed), (self._to_pay_caption, self.to_pay)):
            value.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            form.addRow(caption, value)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(self._points_caption)
        figure = QHBoxLayout()
        figure.addWidget(self.points, 3)
        figure.addWidget(self.campaigns, 2)
        layout.addLayout(figure)
        layout.addWidget(self.source)
        sale.basket_changed.connect(self.render)
        sale.preview_changed.connect(self.render)
        sale.campaigns_changed.connect(self.render)
        sale.status_changed.connect(self.render)
        self.render()

    def render(self) -> None:
        sale, basket = self.sale, self.sale.basket
        self._subtotal_caption.setText(self.tr("Subtotal"))
        self._redeemed_caption.setText(self.tr("Points redeemed"))
        self._to_pay_caption.setText(self.tr("To pay"))
        self._points_caption.setText(self.tr("Points this sale earns"))
        self.subtotal.setText(sale.money(basket.total_price))
        if basket.redemption is None:
            redeemed = self.tr("none (F4)")
        else:
            # The minus is kept with its amount: in Arabic it would otherwise stand at the far end.
            redeemed = self.tr("{points} pts = {value}").format(
                points=f"{basket.redemption.points:,}", value=ltr("-" + sale.money(basket.redemption.value)))
        self.redeemed.setToolTip("")
        if basket.coupon is None:
            self.redeemed.setText(redeemed)
        else:
            # One row for both discounts, their sum whole: the till must still fit an 800x600 screen. The
            # parts are in the tooltip and were in the notice when the coupon went on.
            self._redeemed_caption.setText(self.tr("Discounts"))
            self.redeemed.setText(ltr("-" + sale.money(basket.total_discount)))
            self.redeemed.setToolTip(self.tr("Coupon {code}: {value}").format(
                code=ltr(basket.coupon.code), value=ltr("-" + sale.money(basket.coupon_discount)))
                + "\n" + self.tr("Points: {redeemed}").format(redeemed=redeemed))
        self.to_pay.setText(sale.money(basket.total_paid))
        self.campaigns.setText("\n".join(
            self.tr("+{points} from {campaign}").format(points=f"{note.points:,}", campaign=note.name)
            if note.points else self.tr("Counts towards {campaign}").format(campaign=note.name)
            for note in sale.campaigns))
        self.campaigns.setVisible(bool(sale.campaigns))
        preview = sale.preview
        if preview is None:
            self.points.setText("-")
            self.source.setText(self.tr("Add items to see the points."))
            self.source.setToolTip("")
            self.source.setProperty("source", "none")
            return
        if preview.source is PreviewSource.LIVE:
            self.points.setText(f"{preview.points:,}")
            self.source.setText(self.tr("Live from Gameball"))
            self.source.setToolTip("")
            self.source.setProperty("source", "live")
            self.source.setStyleSheet("color: #1b7f3b;")
        else:
            self.points.setText(f"\u2248 {preview.points:,}")
            connection = connection_of(sale.status, time.time())
            # At the customer's tier rate, or at the base rate when their tier or its rule is not known.
            estimate = self.tr("Estimate") if preview.source is PreviewSource.ESTIMATE \
                else self.tr("Estimate (base rate)")
            # Short: the rest is in the tooltip.
            confirmed = self.tr("The points are confirmed when the sale syncs.")
            if is_live(connection) and sale.live_pending:
                self.source.setText(self.tr("{estimate}; asking Gameball...").format(estimate=estimate))
                self.source.setProperty("source", "estimate")
                confirmed = ""
            elif is_live(connection):
                self.source.setText(self.tr("{estimate}: no answer in time").format(estimate=estimate))
                self.source.setProperty("source", "estimate")
            elif connection is Connection.OFFLINE:
                self.source.setText(self.tr("{estimate}, offline").format(estimate=estimate))
                self.source.setProperty("source", "offline")
            else:
                self.source.setText(self.tr("{estimate}: {reason}").format(
                    estimate=estimate, reason=not_live_reason(connection)))
                self.source.setProperty("source", "offline")
            self.source.setToolTip(confirmed)
            self.source.setStyleSheet("color: #b35c00;")
