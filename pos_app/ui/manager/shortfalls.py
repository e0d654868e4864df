"""Sales whose discount was given but whose points or coupon Gameball would not take (issue 12, requirement 4;
issue 15, requirement 3): the points hold or coupon lock expired before the order reached Gameball, and the direct
debit of its points or burn of its coupon was then refused (the points spent meanwhile, the coupon used up). The
order was delivered for what it earns; the manager sees what was lost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import minor_units
from pos_app.services.manager import ManagerService, Shortfall
from pos_app.ui.i18n import ltr
from pos_app.ui.manager.common import WorkerCalls, describe, local_time
from pos_app.ui.row_model import AnyIndex, RowsModel
from pos_app.ui.screen_fit import fit_to_screen
from pos_app.ui.worker import Worker

ORDER, CUSTOMER, WHAT, POINTS, VALUE, AT, REASON = range(7)


class ShortfallModel(RowsModel[Shortfall]):
    def headers(self) -> tuple[str, ...]:
        return (self.tr("Order"), self.tr("Customer"), self.tr("Not taken"), self.tr("Points"), self.tr("Value"),
                self.tr("When"), self.tr("Gameball's reason"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (POINTS, VALUE):
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == ORDER:
            return ltr(row.order_id)
        if column == CUSTOMER:
            return ltr(row.customer_id)
        if column == WHAT:
            return self.tr("points") if row.kind == "points" else self.tr("coupon")
        if column == POINTS:
            return f"{row.points:,}" if row.kind == "points" else ""
        if column == VALUE:
            return "" if row.amount is None else ltr(f"{row.amount:,.{minor_units(row.currency)}f} {row.currency}")
        if column == AT:
            return local_time(row.at)
        return ltr(row.reason)


class ShortfallsDialog(WorkerCalls, QDialog):
    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.track(worker)
        self.setObjectName("shortfallsDialog")
        self.setWindowTitle(self.tr("Discount given, points could not be taken"))
        intro = QLabel(self.tr(
            "The points hold or coupon lock of these sales expired before the order reached Gameball, and Gameball "
            "then refused to take the points (the customer no longer had them) or to redeem the coupon (used up). "
            "The customer kept the discount; the orders were delivered for the points they earn."))
        intro.setWordWrap(True)
        self.model = ShortfallModel(self)
        self.table = QTableView()
        self.table.setObjectName("shortfallsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        self.total = QLabel()
        self.total.setObjectName("shortfallsTotal")
        self.total.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.message)
        layout.addWidget(close)
        fit_to_screen(self, 900, 460)
        self.call("shortfalls", service.shortfalls, self._show, lambda error: self.message.setText(describe(error)),
                  query=True)

    def _show(self, rows: list[Shortfall]) -> None:
        self.model.set_rows(rows)
        if not rows:
            self.total.setText(self.tr("None: every discount's points were taken."))
            return
        self.total.setText(self.tr("%n sale(s), {points} points not taken", "", len(rows)).format(
            points=f"{sum(r.points for r in rows):,}"))
