"""One till window per data directory: a second start brings the running window forward and exits.

The running window holds an OS file lock in its data directory (pos_app.file_lock, as the sender does) and looks
for a request file there a few times a second; a second start that finds the lock taken leaves the request and
waits for the window to take it, instead of failing later on the bridge port or the sender lock with a message
nobody sees (the windowed exe has no console). No local socket: QtNetwork alone is 4 MB of the bundle.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from pos_app import private_files
from pos_app.file_lock import FileLock

log = logging.getLogger(__name__)

WINDOW_LOCK = "window.lock"
ACTIVATE_REQUEST = "window.activate"  # exists while a second start waits for the window to come forward
POLL_MS = 200
ASFW_ANY = -1


def guard_key(data_dir: Path) -> str:
    """The same key for the same directory however it was spelled (case on Windows, relative paths)."""
    return os.path.normcase(str(Path(data_dir).resolve()))


class SingleInstance(QObject):
    activated = Signal()  # a second start asked this window to come forward

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = guard_key(data_dir)
        self._lock = FileLock(Path(data_dir) / WINDOW_LOCK)
        self._request = Path(data_dir) / ACTIVATE_REQUEST
        self._timer: QTimer | None = None

    def claim(self, timeout_ms: int = 2000) -> bool:
        """True when this process is the data directory's till; False when another one was asked to come
        forward (this process should then exit)."""
        try:
            if self._lock.acquire():
                self._request.unlink(missing_ok=True)  # left by a second start whose till had died
                self._timer = QTimer(self)
                self._timer.timeout.connect(self._look)
                self._timer.start(POLL_MS)
                return True
            _allow_foreground()
            os.close(private_files.opener(os.fspath(self._request), os.O_WRONLY | os.O_CREAT))
        except OSError as error:
            # Not fatal: the bridge port and the sender lock still keep one sender per terminal.
            log.warning("single-instance guard not available: %s", error)
            return True
        deadline = time.monotonic() + timeout_ms / 1000
        while self._request.exists() and time.monotonic() < deadline:
            time.sleep(POLL_MS / 4000)
        if self._request.exists():
            log.warning("the till running on this data directory (pid %s) did not come forward within %d ms",
                        self._lock.holder_pid(), timeout_ms)
        return False

    def _look(self) -> None:
        try:
            self._request.unlink()
        except FileNotFoundError:
            return
        except OSError as error:  # Windows: the second start is still closing the file; taken on the next look
            log.debug("activation request not taken yet: %s", error)
            return
        log.info("started again on this data directory: bringing the window forward")
        self.activated.emit()

    def close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._lock.release()


def _allow_foreground() -> None:
    """Windows lets only the foreground process raise a window: the second start (just launched by the user)
    hands that right on to the running till."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(ASFW_ANY)  # type: ignore[attr-defined]
