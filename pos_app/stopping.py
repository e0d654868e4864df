"""Every way Windows asks a process to stop, turned into one request the run modes act on.

Python sees Ctrl+C (SIGINT), SIGTERM and Ctrl+Break (SIGBREAK, Windows only). Closing the console window,
logging off and shutting down arrive instead as console control events on a thread Windows creates, and the
process is ended as soon as the handler returns: so the handler asks for the stop, then waits (a few seconds,
within the time Windows allows) until the run mode says it has stopped and held points are released.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from types import FrameType
from typing import Any

log = logging.getLogger(__name__)

CTRL_C_EVENT, CTRL_BREAK_EVENT, CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT = 0, 1, 2, 5, 6
_ENDING = {CTRL_CLOSE_EVENT: "console closed", CTRL_LOGOFF_EVENT: "logoff", CTRL_SHUTDOWN_EVENT: "shutdown"}
# Windows ends the process about 5 s after a close event is handled (longer for logoff and shutdown).
GRACE_S = 4.5


def stop_signals() -> list[int]:
    return [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGBREAK") if hasattr(signal, name)]


class StopRequests:
    """install() before the run loop; wait() or poll `requested`; finished() once everything has stopped."""

    def __init__(self, *, platform: str = sys.platform, kernel32: Any = None, grace: float = GRACE_S) -> None:
        self.requested = threading.Event()
        self._stopped = threading.Event()
        self._platform = platform
        self._kernel32 = kernel32
        self._grace = grace
        self._previous: dict[int, Any] = {}
        self._ctrl_handler: Any = None  # the ctypes callback: kept referenced while Windows may call it

    def install(self) -> StopRequests:
        for number in stop_signals():
            self._previous[number] = signal.signal(number, self._on_signal)
        if self._platform == "win32":
            self._install_ctrl_handler()
        return self

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        log.info("stop requested by signal %s", signal.Signals(number).name)
        self.requested.set()

    def on_console_event(self, event: int) -> bool:
        """Windows' HandlerRoutine: True when handled (Windows then ends the process), False to pass Ctrl+C and
        Ctrl+Break on to Python's own handler, which raises the signals above."""
        reason = _ENDING.get(event)
        if reason is None:
            return False
        log.info("stop requested: %s", reason)
        self.requested.set()
        if not self._stopped.wait(self._grace):
            log.warning("%s: not stopped within %.1f s; Windows ends the process now", reason, self._grace)
        return True

    def _install_ctrl_handler(self) -> None:
        import ctypes
        from ctypes import wintypes

        kernel32 = self._kernel32 or ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        # WINFUNCTYPE is Windows' calling convention; CFUNCTYPE lets a test on Linux drive the same code.
        routine = getattr(ctypes, "WINFUNCTYPE", ctypes.CFUNCTYPE)(wintypes.BOOL, wintypes.DWORD)
        self._ctrl_handler = routine(lambda event: bool(self.on_console_event(int(event))))
        if not kernel32.SetConsoleCtrlHandler(self._ctrl_handler, True):
            log.warning("console close, logoff and shutdown cannot be caught (SetConsoleCtrlHandler failed)")
            self._ctrl_handler = None
        else:
            self._kernel32 = kernel32

    def wait(self, poll: float = 0.5) -> None:
        """Until a stop is requested; a timed wait lets Python run signal handlers on Windows."""
        while not self.requested.wait(poll):
            pass

    def finished(self) -> None:
        """Everything has stopped: a waiting console handler may return, and the handlers are put back."""
        self._stopped.set()
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()
        if self._ctrl_handler is not None and self._kernel32 is not None:
            self._kernel32.SetConsoleCtrlHandler(self._ctrl_handler, False)
            self._ctrl_handler = None

