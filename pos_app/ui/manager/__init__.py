"""Manager mode on the till window: F10 (or the status bar's button), the PIN, then the manager's hub.

`ManagerMode` attaches itself to a MainWindow from the outside (run_window does it), so the till's own
code only knows that a manager mode may exist. Every call goes through the window's one worker.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QPushButton

from pos_app.services.manager import ManagerService
from pos_app.services.till import EngineStatus
from pos_app.ui.main_window import MainWindow
from pos_app.ui.manager.panel import ManagerPanel
from pos_app.ui.manager.pin_dialog import PinDialog

log = logging.getLogger(__name__)


class ManagerMode(QObject):
    restart_requested = Signal()  # saved settings need the terminal built again

    def __init__(self, window: MainWindow, service: ManagerService) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.worker = window.worker
        self.pin_dialog: PinDialog | None = None
        self.panel: ManagerPanel | None = None
        self.button = QPushButton(self.tr("Manager (F10)"))
        self.button.setObjectName("managerButton")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F10 is the keyboard's way
        self.button.clicked.connect(self.open)
        window.status_panel.add_button(self.button)
        window.manager = self
        self.abuse_notices = 0
        # Sales whose points could not be taken: those before this start are on the hub and the end of day; a
        # new one shows on this button until a manager opens their list.
        self.shortfalls = window.sale.status.shortfalls
        self.shortfalls_seen: int | None = None  # until the store has said how many there were at start
        window.sale.abuse_count.connect(self._abuse)
        window.sale.status_changed.connect(self._status)
        window.sale.refresh_abuse()
        self.worker.submit("shortfalls at start", lambda: len(service.shortfalls()), self._baseline,
                           lambda error: log.warning("shortfalls not counted: %s", error))

    def _abuse(self, count: int) -> None:
        """Today's abuse notices, on the button the manager sees from across the shop."""
        self.abuse_notices = count
        self._render()

    def _baseline(self, count: int) -> None:
        self.shortfalls_seen = count
        self._render()

    def _status(self, status: EngineStatus) -> None:
        self.shortfalls = status.shortfalls
        self._render()

    def _seen(self) -> None:
        self.shortfalls_seen = self.shortfalls
        self._render()

    def _render(self) -> None:
        new = 0 if self.shortfalls_seen is None else self.shortfalls - self.shortfalls_seen
        if new > 0:
            self.button.setText(self.tr("Manager (F10): points not taken ({count} new)").format(count=new))
        elif self.abuse_notices:
            self.button.setText(self.tr("Manager (F10): {count} notices").format(count=self.abuse_notices))
        else:
            self.button.setText(self.tr("Manager (F10)"))
        self.button.setStyleSheet("color: #8c1d18; font-weight: bold;" if new > 0 or self.abuse_notices else "")

    def open(self) -> None:
        """The PIN first; a right one opens the hub. Asked again while either is open, it is raised."""
        for open_dialog in (self.panel, self.pin_dialog):
            if open_dialog is not None:
                open_dialog.raise_()
                return
        dialog = self.pin_dialog = PinDialog(self.service, self.worker, self.window)

        def closed(result: int) -> None:
            self.pin_dialog = None
            dialog.deleteLater()
            if result == PinDialog.DialogCode.Accepted:
                self._unlocked()
            else:
                self.window.activateWindow()

        dialog.finished.connect(closed)
        dialog.open()

    def _unlocked(self) -> None:
        log.info("manager mode opened")
        customers = self.window.services.customers
        panel = self.panel = ManagerPanel(self.service, self.worker, self.window,
                                          account_requires_otp=lambda: customers.account_requires_otp)
        panel.restart_requested.connect(self.restart_requested)
        panel.audited.connect(self.window.sale.refresh_abuse)  # the button's notice count, the moment it happens
        panel.shortfalls_seen.connect(self._seen)

        def closed() -> None:
            log.info("manager mode locked")
            self.panel = None
            panel.deleteLater()
            self.window.activateWindow()

        panel.finished.connect(closed)
        panel.open()

    def shutdown(self) -> None:
        """Queue the close of the worker thread's connection before the window stops its worker."""
        self.worker.submit("manager close", self.service.close)
