"""The bridge token the host POS sends with every request: shown on request, or rotated (with the reason typed).

The token is fetched from the credential store only when the manager asks to see it, stays masked until
then, and leaves the dialog when it closes. Both showing and rotating are audited; a rotated token is in
force at once (the bridge refuses the old one from the next request).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.manager import ManagerService
from pos_app.ui.manager.common import ReasonDialog, WorkerCalls, describe
from pos_app.ui.worker import Worker

log = logging.getLogger(__name__)


class BridgeTokenDialog(WorkerCalls, QDialog):
    rotated = Signal()  # audited with its reason: the day's notices changed

    def __init__(self, service: ManagerService, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.track(worker)
        self.confirm: ReasonDialog | None = None
        self.setObjectName("bridgeTokenDialog")
        self.setWindowTitle(self.tr("Bridge token"))
        intro = QLabel(self.tr(
            "The host POS sends this token with every request to pos-app. Rotating it makes a new one at once: "
            "the host POS must then be given the new token."))
        intro.setWordWrap(True)
        self.token = QLineEdit()
        self.token.setObjectName("bridgeToken")
        self.token.setReadOnly(True)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("hidden"))
        self.show_button = QPushButton(self.tr("&Show"))
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.rotate_button = QPushButton(self.tr("&Rotate..."))
        self.rotate_button.setObjectName("rotateButton")
        self.copy_button.setEnabled(False)
        self.rotate_button.setEnabled(not service.demo)
        self.show_button.clicked.connect(self.reveal)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.token.text()))
        self.rotate_button.clicked.connect(self.ask_rotate)
        self.message = QLabel()
        self.message.setObjectName("tokenMessage")
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.token, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.copy_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rotate_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.finished.connect(self.token.clear)
        self.setMinimumWidth(620)

    def reveal(self) -> None:
        self.show_button.setEnabled(False)
        self.call("bridge token", self.service.bridge_token, self._show, self._failed)

    def _show(self, token: str | None) -> None:
        if not token:
            self.message.setText(self.tr("No bridge token yet: it is made when pos-app starts with a secure "
                                         "credential store."))
            return
        self.token.setText(token)
        self.token.setEchoMode(QLineEdit.EchoMode.Normal)
        self.copy_button.setEnabled(True)

    def ask_rotate(self) -> None:
        self.confirm = ReasonDialog("rotate", self.tr("Rotate the bridge token"), self.tr(
            "Make a new bridge token now? The host POS is refused until it is given the new token. Give the "
            "reason for the audit log."), self.tr("Rotate"), self.tr("for example: the token was seen on a screenshot"),
            self)

        def answered(result: int) -> None:
            confirm, self.confirm = self.confirm, None
            if confirm is None:
                return
            reason = confirm.typed()
            confirm.deleteLater()
            if result == QDialog.DialogCode.Accepted and reason:
                self.rotate_button.setEnabled(False)
                self.call("rotate bridge token", lambda: self.service.rotate_bridge_token(reason), self._rotated,
                          self._failed)

        self.confirm.finished.connect(answered)
        self.confirm.open()

    def _rotated(self, token: str) -> None:
        self.rotate_button.setEnabled(True)
        self._show(token)
        self.message.setText(self.tr("New token in force; the old one is refused from now on. Give the new one "
                                     "to the host POS."))
        self.rotated.emit()

    def _failed(self, error: Exception) -> None:
        self.show_button.setEnabled(True)
        self.rotate_button.setEnabled(not self.service.demo)
        self.message.setText(describe(error))
