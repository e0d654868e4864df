"""One till window per data directory: a second start brings the running window forward and exits.

The running window listens on a local socket (a named pipe on Windows) named from its data directory; a
second start that reaches it asks it to come forward instead of failing later on the bridge port or the
sender lock with a message nobody sees (the windowed exe has no console).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

_ACTIVATE = b"activate\n"
ASFW_ANY = -1


def server_name(data_dir: Path) -> str:
    """The same name for the same directory however it was spelled (case on Windows, relative paths)."""
    key = os.path.normcase(str(Path(data_dir).resolve()))
    return "pos-app-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


class SingleInstance(QObject):
    activated = Signal()  # a second start asked this window to come forward

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._server: QLocalServer | None = None

    def claim(self, timeout_ms: int = 1000) -> bool:
        """True when this process is the data directory's till; False when another one was asked to come
        forward (this process should then exit)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if socket.waitForConnected(timeout_ms):
            _allow_foreground()
            socket.write(_ACTIVATE)
            socket.waitForBytesWritten(timeout_ms)
            socket.disconnectFromServer()
            return False
        QLocalServer.removeServer(self.name)  # a socket file left by a killed till (Unix); nobody answered it
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Not fatal: the bridge port and the sender lock still keep one sender per terminal.
            log.warning("single-instance guard not available: %s", server.errorString())
            return True
        server.newConnection.connect(self._connected)
        self._server = server
        return True

    def _connected(self) -> None:
        assert self._server is not None
        while (connection := self._server.nextPendingConnection()) is not None:
            connection.disconnected.connect(connection.deleteLater)
            log.info("started again on this data directory: bringing the window forward")
            self.activated.emit()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None


def _allow_foreground() -> None:
    """Windows lets only the foreground process raise a window: the second start (just launched by the user)
    hands that right on to the running till."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(ASFW_ANY)  # type: ignore[attr-defined]
