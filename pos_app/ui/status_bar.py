"""The always-visible status bar: connection, orders waiting, failed, last sync, and "Sync now".

It is driven by the engine's EngineStatus (through a Qt signal) and tells the truth about the queue:
"Online" alone is shown only when nothing waits; with orders waiting it says they are being sent, and
an "online" that has not been confirmed for a while is shown as unconfirmed, never as online.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from pos_app.domain.storage import StorageState
from pos_app.services.till import EngineStatus, PauseReason

log = logging.getLogger(__name__)

# The engine confirms the connection at least once a minute while idle; three missed rounds and
# "online" is no longer something the till can claim.
UNCONFIRMED_AFTER_S = 180.0


class Connection(StrEnum):
    ONLINE = "online"
    SENDING = "sending"  # online, with orders waiting to go
    UNCONFIRMED = "unconfirmed"
    OFFLINE = "offline"
    PAUSED = "paused"
    BAD_KEYS = "bad_keys"
    ACCOUNT = "account"
    NOT_CONFIGURED = "not_configured"
    NOT_SENDER = "not_sender"
    STORAGE_DAMAGED = "storage_damaged"  # the till's own database: nothing can be saved
    STORAGE_FULL = "storage_full"


def connection_of(status: EngineStatus, now: float) -> Connection:
    """What the bar may honestly claim about this status (the till's own storage first: no sale is safe)."""
    if status.storage is StorageState.DAMAGED:
        return Connection.STORAGE_DAMAGED
    if status.storage is StorageState.FULL:
        return Connection.STORAGE_FULL
    if not status.sender:
        return Connection.NOT_SENDER
    if status.pause_reason is PauseReason.NOT_CONFIGURED:
        return Connection.NOT_CONFIGURED
    if status.pause_reason is PauseReason.BAD_KEYS:
        return Connection.BAD_KEYS
    if status.pause_reason is PauseReason.ACCOUNT:
        return Connection.ACCOUNT
    if status.pause_reason in (PauseReason.RATE_LIMITED, PauseReason.UNAVAILABLE):
        return Connection.PAUSED
    if not status.online:
        return Connection.OFFLINE
    if status.last_sync_at is None or now - status.last_sync_at > UNCONFIRMED_AFTER_S:
        return Connection.UNCONFIRMED
    if status.pending:
        return Connection.SENDING
    return Connection.ONLINE


def is_live(connection: Connection) -> bool:
    """Whether Gameball is answering this till: the one test every part of the window uses."""
    return connection in (Connection.ONLINE, Connection.SENDING, Connection.UNCONFIRMED)


def not_live_reason(connection: Connection) -> str:
    """Why Gameball's figures are not live, in the words the status bar uses for the same state."""
    translate = QCoreApplication.translate
    reasons = {
        Connection.OFFLINE: translate("StatusPanel", "Offline"),
        Connection.PAUSED: translate("StatusPanel", "Gameball asked to wait"),
        Connection.BAD_KEYS: translate("StatusPanel", "Gameball refused the API keys; call a manager"),
        Connection.ACCOUNT: translate("StatusPanel", "the Gameball account refuses orders; call a manager"),
        Connection.NOT_CONFIGURED: translate("StatusPanel", "Not set up; call a manager"),
        Connection.NOT_SENDER: translate("StatusPanel", "Offline"),
    }
    # Connected, yet this one call was not answered: say that, not "offline".
    return reasons.get(connection, translate("StatusPanel", "Gameball did not answer in time"))


_LEVEL = {
    Connection.ONLINE: "ok", Connection.SENDING: "ok", Connection.UNCONFIRMED: "warn",
    Connection.OFFLINE: "warn", Connection.PAUSED: "warn", Connection.BAD_KEYS: "error",
    Connection.ACCOUNT: "error", Connection.NOT_CONFIGURED: "error", Connection.NOT_SENDER: "error",
    Connection.STORAGE_DAMAGED: "error", Connection.STORAGE_FULL: "error",
}
_COLOURS = {"ok": "#1b7f3b", "warn": "#b35c00", "error": "#b3261e"}


class StatusPanel(QWidget):
    """The bottom strip of the till window, always in sight.

    The facts and the buttons share one row when it is wide enough; on a narrow screen (800 px, or
    150% scaling) the buttons move to a second row instead of cutting the facts short.
    """

    sync_requested = Signal()
    history_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = EngineStatus()
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connection")
        self.connection_label.setWordWrap(True)
        self.connection_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.pending_label = QLabel()
        self.failed_label = QLabel()
        self.review_label = QLabel()  # shown only when some order needs a manager's review
        self.review_label.setObjectName("reviewCount")
        self.last_sync_label = QLabel()
        self.sync_button = QPushButton()
        self.sync_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F5 is the keyboard's way
        self.sync_button.clicked.connect(self.sync_requested)
        self.history_button = QPushButton()
        self.history_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history_button.clicked.connect(self.history_requested)
        # The connection on its own line above the counts: both lines together are no taller than a
        # button, so the strip stays one row high beside the buttons down to 900 px wide.
        facts = QGridLayout()
        facts.setHorizontalSpacing(10)
        facts.setVerticalSpacing(0)
        # The review count beside the connection, where the line has room: among the counts it pushed the
        # buttons to a second row at 150%.
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.connection_label, 1)
        top.addWidget(self.review_label)
        facts.addLayout(top, 0, 0, 1, 4)
        for column, widget in enumerate((self.pending_label, self.failed_label, self.last_sync_label)):
            facts.addWidget(widget, 1, column)
        facts.setColumnStretch(3, 1)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.history_button)
        self.buttons.addWidget(self.sync_button)
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(4, 2, 4, 2)
        self.rows.setSpacing(12)
        self.rows.addLayout(facts, 1)
        self.rows.addLayout(self.buttons)
        # "Unconfirmed" comes from time passing, not from a new status: look again every few seconds.
        self._ticker = QTimer(self)
        self._ticker.setInterval(5000)
        self._ticker.timeout.connect(self._render)
        self._ticker.start()
        self._render()

    def add_button(self, button: QPushButton) -> None:
        """A button of another part (manager mode) beside History and Sync now."""
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons.addWidget(button)
        self._arrange()

    def _arrange(self) -> None:
        # The layout's own minimum in one row (every fact at full width, the buttons beside): if that is
        # wider than the strip, the buttons take the second row.
        self.rows.setDirection(QBoxLayout.Direction.LeftToRight)
        self.rows.invalidate()
        if self.rows.minimumSize().width() > self.width():
            self.rows.setDirection(QBoxLayout.Direction.TopToBottom)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._arrange()

    def set_status(self, status: EngineStatus) -> None:
        self.status = status
        self._render()

    def connection(self) -> Connection:
        return connection_of(self.status, time.time())

    def _connection_text(self, connection: Connection) -> str:
        texts = {
            Connection.ONLINE: self.tr("Online"),
            Connection.SENDING: self.tr("Online, sending"),
            Connection.UNCONFIRMED: self.tr("Connection not confirmed"),
            Connection.OFFLINE: self.tr("Offline: sales are kept and sent later"),
            Connection.PAUSED: self.tr("Paused: Gameball asked to wait"),
            Connection.BAD_KEYS: self.tr("Stopped: Gameball refused the API keys; call a manager"),
            Connection.ACCOUNT: self.tr("Stopped: the Gameball account refuses orders; call a manager"),
            Connection.NOT_CONFIGURED: self.tr("Not set up: no Gameball API key; call a manager"),
            Connection.NOT_SENDER: self.tr("Not sending: another pos-app sends for this till"),
            Connection.STORAGE_DAMAGED: self.tr("Database damaged: sales cannot be saved; call a manager"),
            Connection.STORAGE_FULL: self.tr("Disk full: sales cannot be saved; call a manager"),
        }
        return texts[connection]

    def _render(self) -> None:
        status = self.status
        connection = self.connection()
        colour = _COLOURS[_LEVEL[connection]]
        self.connection_label.setText(f"<b style='color:{colour}'>\u25cf {self._connection_text(connection)}</b>")
        self.connection_label.setProperty("connection", connection.value)
        self.pending_label.setText(self.tr("Waiting: {count}").format(count=status.pending))
        if status.failed:
            failed = self.tr("Failed: {count}, call a manager").format(count=status.failed)
            self.failed_label.setText(f"<b style='color:{_COLOURS['error']}'>{failed}</b>")
        else:
            self.failed_label.setText(self.tr("Failed: {count}").format(count=0))
        self.review_label.setVisible(bool(status.needs_review))
        review = self.tr("To review: {count}").format(count=status.needs_review)
        self.review_label.setText(f"<b style='color:{_COLOURS['error']}'>{review}</b>")
        self.review_label.setToolTip(self.tr("Gameball already has orders under these ids; call a manager to check "
                                             "them"))
        if status.last_sync_at is None:
            self.last_sync_label.setText(self.tr("Last sync: never"))
        else:
            moment = datetime.fromtimestamp(status.last_sync_at).strftime("%H:%M:%S")
            self.last_sync_label.setText(self.tr("Last sync: {time}").format(time=moment))
        self.sync_button.setText(self.tr("Sync now (F5)"))
        self.history_button.setText(self.tr("History (F6)"))
        self._arrange()
