"""The audit log, newest first: when, which terminal, who, what (details never hold a secret)."""

from __future__ import annotations

import json
import logging

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.manager import AuditEntry, ManagerService
from pos_app.ui.manager.common import WorkerCalls, describe, local_time
from pos_app.ui.screen_fit import fit_to_screen
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)


class AuditLogDialog(WorkerCalls, QDialog):
    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.track(worker)
        self.setObjectName("auditLogDialog")
        self.setWindowTitle(self.tr("Audit log"))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Terminal"), self.tr("Who"), self.tr("Action"),
                                              self.tr("Detail")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 560)
        self.call("audit log", service.audit_log, self._show, self._failed, query=True)

    def _show(self, entries: list[AuditEntry]) -> None:
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            detail = "" if entry.detail in (None, {}) else json.dumps(entry.detail, ensure_ascii=False, default=str)
            for column, value in enumerate((local_time(entry.at), entry.terminal_id or "", entry.actor, entry.action,
                                            detail)):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def _failed(self, error: Exception) -> None:
        self.table.setRowCount(1)
        self.table.setItem(0, 0, QTableWidgetItem(describe(error)))
