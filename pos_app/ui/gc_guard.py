"""Python's garbage collector runs on the GUI thread only.

Automatic collection runs on whichever thread happens to allocate. When it frees a cycle that holds a Qt
object (a dialog and the lambda connected to its signal), the C++ object is deleted on that thread; on the
worker thread, in the middle of an HTTP call, that crashes the process. So the automatic collector is switched
off and the same thresholds are checked from a timer on the GUI thread (the pattern PyQt applications use).
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

INTERVAL_MS = 500


class GuiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect the generation whose count passed its threshold, as the automatic collector would."""
        first, second, third = gc.get_count()
        if first <= self._threshold[0]:
            return
        generation = 2 if third > self._threshold[2] else 1 if second > self._threshold[1] else 0
        gc.collect(generation)

    def stop(self) -> None:
        """Back to automatic collection (the GUI is going away)."""
        self._timer.stop()
        gc.collect()
        gc.enable()
