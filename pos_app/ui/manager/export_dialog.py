"""Order history and Gameball transactions to CSV for a range of days (`pos-app report history` in the window).

The file has no phone, email or card data: store.export_history_csv writes what the CLI writes.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.manager import HistoryExport, ManagerService
from pos_app.ui.i18n import ltr
from pos_app.ui.manager.common import WorkerCalls, describe
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)


class ExportHistoryDialog(WorkerCalls, QDialog):
    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.track(worker)
        self.busy = False
        self.setObjectName("exportHistoryDialog")
        self.setWindowTitle(self.tr("Export order history"))
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(-6))
        self.last = QDateEdit(today)
        for edit, name in ((self.first, "exportFrom"), (self.last, "exportTo")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumDate(today)
        intro = QLabel(self.tr(
            "One row per order, then one per Gameball transaction and per refund of it. No phone numbers or "
            "emails are written."))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("From"), self.first)
        form.addRow(self.tr("To (included)"), self.last)
        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("&Export CSV..."), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(lambda: self.export())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def days(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()

    def export(self, path: str | None = None) -> None:
        if self.busy:
            return
        first, last = self.days()
        if last < first:
            self.message.setText(self.tr("The last day is before the first day."))
            return
        if path is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = Path(folder or Path.home()) / f"orders-{first}-{last}.csv"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export order history"), str(suggested),
                                                  "CSV (*.csv)")
            if not path:
                return
        self.busy = True
        self.export_button.setEnabled(False)
        self.message.setText(self.tr("Exporting..."))
        self.call("export history", lambda: self.service.export_history(path, first, last),
                  lambda export: self._done(export, path), self._failed)

    def _done(self, export: HistoryExport, path: str) -> None:
        self.busy = False
        self.export_button.setEnabled(True)
        text = self.tr("%n order(s) written to {path}", "", export.orders).format(path=ltr(path))
        if export.archives:
            # Retention moved some of these days' orders out of the database: the file lacks them.
            text += "\n" + self.tr("Orders of these days archived to {files} are not in the file.").format(
                files=", ".join(ltr(archive.path.name) for archive in export.archives))
        self.message.setText(text)

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.export_button.setEnabled(True)
        self.message.setText(describe(error))
