"""The keyboard: one key per till action, and a barcode scanner that works whichever field has focus.

A scanner in keyboard mode types the code very fast and ends it with Enter. `ScannerFilter` watches
every key press in the application; a burst of at least `MIN_LENGTH` characters, each within
`MAX_GAP_S` of the one before, ending in Enter, is a scan. The characters still reach whatever had
focus (a person typing that fast does not exist, but a filter that held keys back would make typing
lag); the window then takes them back out of that field and routes the code: into the customer
field it is a customer code (a QR), anywhere else an item to add.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

# One place for the window's keys (the help, F1, lists them). In the basket, Del, + and - edit the line.
KEYS = {
    "help": "F1",
    "customer": "F2",
    "coupon": "Ctrl+K",
    "sku": "F3",
    "redeem": "F4",
    "sync": "F5",
    "history": "F6",
    "free_line": "F7",
    "create_customer": "F8",
    "basket": "F9",
    "manager": "F10",
    "return": "F11",
    "pay": "F12",
    "cancel": "Esc",
}

MIN_LENGTH = 4
# Scanners send a character every 1-20 ms; people rarely type two keys within 50 ms, never five in a row.
MAX_GAP_S = 0.05
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ScannerFilter(QObject):
    """Installed on the QApplication; emits `scanned(code, widget that had focus)` for each scan."""

    scanned = Signal(str, object)

    def __init__(self, accepts: Callable[[QWidget], bool], parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._accepts = accepts
        self._clock = clock
        self._chars: list[str] = []
        self._last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress:
            return False
        # Application filters see a key event once per widget it propagates to: count it only at the
        # widget it was sent to first, the one with focus.
        focus = QApplication.focusWidget()
        first = watched is focus if focus is not None else isinstance(watched, QWidget) and watched.isWindow()
        if not first or not isinstance(event, QKeyEvent):
            return False
        target = focus or watched
        now = self._clock()
        gap_ok = now - self._last <= MAX_GAP_S
        if event.key() in _ENTER:
            code = "".join(self._chars)
            self._chars = []
            if gap_ok and len(code) >= MIN_LENGTH and self._accepts(target):
                log.debug("scan of %d characters", len(code))
                self.scanned.emit(code, target)
                return True  # the Enter belongs to the scan, not to the field
            return False
        text = event.text()
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if len(text) == 1 and text.isprintable() and plain:
            if not gap_ok:
                self._chars = []
            self._chars.append(text)
            self._last = now
        else:
            self._chars = []
        return False
