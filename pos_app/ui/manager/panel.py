"""Manager mode's hub, open while the manager works: one large button per task, then Lock.

Each task opens over it; closing the hub (Lock, Esc) ends manager mode, and the next one asks for the
PIN again. Big buttons with mnemonics: a till may have a touch screen, a keyboard, or both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.manager import KeyStore, ManagerService, Saved
from pos_app.ui.manager.audit_dialog import AuditLogDialog
from pos_app.ui.manager.bridge_token_dialog import BridgeTokenDialog
from pos_app.ui.manager.common import WorkerCalls, key_store_line
from pos_app.ui.manager.end_of_day import EndOfDayDialog
from pos_app.ui.manager.export_dialog import ExportHistoryDialog
from pos_app.ui.manager.failed_orders import FailedOrdersDialog
from pos_app.ui.manager.review_orders import ReviewOrdersDialog
from pos_app.ui.manager.settings_dialog import SettingsDialog
from pos_app.ui.manager.shortfalls import ShortfallsDialog
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)


class ManagerPanel(WorkerCalls, QDialog):
    restart_requested = Signal()
    audited = Signal()  # a retry, discard or setting change was made: today's notices changed
    shortfalls_seen = Signal()  # the manager opened the list of sales whose points could not be taken

    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None, *,
                 account_requires_otp: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self.service = service
        # What this session learnt from Gameball: the settings dialog says the store's OTP choice is overruled.
        self.account_requires_otp = account_requires_otp
        self.track(worker)
        self.task: QDialog | None = None  # the task dialog open over the hub
        self.key_store: KeyStore | None = None
        self.setObjectName("managerPanel")
        self.setWindowTitle(self.tr("Manager"))
        self.header = QLabel(self.tr("Till {terminal}").format(terminal=service.settings.terminal_id))
        self.header.setObjectName("managerHeader")
        self.header.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.store_line = QLabel()
        self.store_line.setWordWrap(True)
        self.left_queue_line = QLabel()
        self.left_queue_line.setObjectName("leftQueueLine")
        self.left_queue_line.setWordWrap(True)
        self.left_queue_line.hide()
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        tasks: list[tuple[str, str, Callable[[], None]]] = [
            ("settings", self.tr("&Settings and keys"), self.open_settings),
            ("failed", self.tr("&Failed orders"), self.open_failed),
            ("review", self.tr("Needs &review"), self.open_review),
            ("day", self.tr("&End of day"), self.open_end_of_day),
            ("export", self.tr("E&xport history"), self.open_export),
            ("token", self.tr("&Bridge token"), self.open_token),
            ("audit", self.tr("&Audit log"), self.open_audit),
            ("shortfalls", self.tr("&Points not taken"), self.open_shortfalls),
        ]
        for number, (key, text, slot) in enumerate(tasks):
            button = QPushButton(text)
            button.setObjectName(f"manager_{key}")
            button.setMinimumSize(260, 64)
            button.setStyleSheet("font-size: 12pt;")
            button.clicked.connect(slot)
            grid.addWidget(button, number // 2, number % 2)
            self.buttons[key] = button
        if service.demo:
            self.buttons["settings"].setEnabled(False)
            self.buttons["settings"].setToolTip(self.tr("The demo's settings and keys are fixed."))
        close = QDialogButtonBox()
        lock = close.addButton(self.tr("&Lock"), QDialogButtonBox.ButtonRole.RejectRole)
        lock.setObjectName("lockButton")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.store_line)
        layout.addWidget(self.left_queue_line)
        layout.addLayout(grid)
        layout.addWidget(close)
        self.call("key store", service.key_store, self._show_store, query=True)
        self.refresh_failed()

    def _show_store(self, store: KeyStore) -> None:
        self.key_store = store
        self.store_line.setText(key_store_line(store.name, store.secure))

    def refresh_failed(self) -> None:
        self.call("failed count", lambda: len(self.service.failed_items()), self._show_failed, query=True)
        self.call("review count", self.service.review_count, self._show_review, query=True)
        self.call("shortfall count", lambda: len(self.service.shortfalls()), self._show_shortfalls, query=True)
        self.call("previous users' queues", self.service.previous_users_waiting, self.show_left_queue, query=True)
        self.call("notices today", lambda: len(self.service.abuse_notices(date.today())), self._show_notices,
                  query=True)

    def show_left_queue(self, count: int) -> None:
        """A previous Windows user's queue this terminal sends from that user's folder (sync.left_queues)."""
        self.left_queue_line.setText(self.tr("Orders from a previous user's queue: %n waiting", "", count))
        self.left_queue_line.setVisible(count > 0)

    def _show_notices(self, count: int) -> None:
        """Today's abuse notices on the End of day button: the manager sees them the moment the hub opens."""
        if count:
            self.buttons["day"].setText(self.tr("&End of day ({count} notices)").format(count=count))
            self.buttons["day"].setStyleSheet("font-size: 12pt; color: #8c1d18; font-weight: bold;")

    def _show_failed(self, count: int) -> None:
        self.buttons["failed"].setText(self.tr("&Failed orders ({count})").format(count=count))

    def _show_review(self, count: int) -> None:
        self.buttons["review"].setText(self.tr("Needs &review ({count})").format(count=count))
        self.buttons["review"].setStyleSheet("font-size: 12pt;" + (" color: #8c1d18; font-weight: bold;" if count
                                                                    else ""))

    def _show_shortfalls(self, count: int) -> None:
        self.buttons["shortfalls"].setText(self.tr("&Points not taken ({count})").format(count=count))

    def _open(self, dialog: QDialog) -> None:
        self.task = dialog

        def closed() -> None:
            if self.task is dialog:
                self.task = None
            dialog.deleteLater()
            self.refresh_failed()

        dialog.finished.connect(closed)
        dialog.open()

    # --- the tasks -------------------------------------------------------------------------------

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.service, self.worker, self.key_store or self.service.key_store(), self,
                                account_requires_otp=self.account_requires_otp())
        dialog.saved.connect(self._settings_saved)
        self._open(dialog)

    def _settings_saved(self, saved: Saved) -> None:
        if saved.changed or saved.keys or saved.pin:
            self.audited.emit()
        # New keys reach the sender at once; the till's own look-ups and previews take them at the next start.
        if not saved.changed and not saved.keys:
            return
        ask = QMessageBox(QMessageBox.Icon.Question, self.tr("Settings saved"), self.tr(
            "pos-app must start again to use the new settings. Queued orders are kept. Restart now?"),
            QMessageBox.StandardButton.NoButton, self)
        now = ask.addButton(self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        ask.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        ask.setObjectName("restartQuestion")

        def answered() -> None:
            if ask.clickedButton() is now:
                self.restart_requested.emit()
            ask.deleteLater()

        ask.finished.connect(answered)
        ask.open()

    def open_failed(self) -> None:
        dialog = FailedOrdersDialog(self.service, self.worker, self)
        dialog.changed.connect(self.refresh_failed)
        dialog.changed.connect(self.audited)
        self._open(dialog)

    def open_review(self) -> None:
        dialog = ReviewOrdersDialog(self.service, self.worker, self)
        dialog.changed.connect(self.refresh_failed)
        self._open(dialog)

    def open_shortfalls(self) -> None:
        self._open(ShortfallsDialog(self.service, self.worker, self))
        self.shortfalls_seen.emit()

    def open_end_of_day(self) -> None:
        self._open(EndOfDayDialog(self.service, self.worker, self))

    def open_export(self) -> None:
        self._open(ExportHistoryDialog(self.service, self.worker, self))

    def open_token(self) -> None:
        dialog = BridgeTokenDialog(self.service, self.worker, self)
        dialog.rotated.connect(self.audited)
        self._open(dialog)

    def open_audit(self) -> None:
        self._open(AuditLogDialog(self.service, self.worker, self))
